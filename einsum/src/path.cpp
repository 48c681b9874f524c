#include "path.hpp"

#include <algorithm>
#include <einspan/tensor/error.hpp>
#include <fmt/format.h>
#include <limits>
#include <map>

namespace einspan::detail {

namespace {

// Above this many operands the exact search (3^n subset splits) gives way to the greedy one.
constexpr std::size_t exact_search_limit = 8;

double set_size(const LabelSet& set, const Dims& sizes) {
  double n = 1;
  for (std::size_t l = 0; l < sizes.size(); ++l)
    if (set[l]) n *= static_cast<double>(sizes[l]);
  return n;
}

// opt_einsum's flop count of one step over `labels` with `terms` operands.
double flop_count(const LabelSet& labels, bool sums, std::size_t terms, const Dims& sizes) {
  const double factor = static_cast<double>(std::max<std::size_t>(1, terms - 1)) + (sums ? 1 : 0);
  return set_size(labels, sizes) * factor;
}

struct Problem {
  std::vector<LabelSet> inputs;
  LabelSet output;
  const Dims* sizes;

  // Labels of the operands in `group` still needed outside it.
  LabelSet kept(std::uint64_t group) const {
    LabelSet inside, outside = output;
    for (std::size_t k = 0; k < inputs.size(); ++k) ((group >> k) & 1 ? inside : outside) |= inputs[k];
    return inside & outside;
  }
};

// Exact search: the cheapest binary tree over every subset, by dynamic programming on bitmasks.
std::vector<std::pair<std::uint64_t, std::uint64_t>> exact_order(const Problem& p) {
  const std::size_t n = p.inputs.size();
  const std::uint64_t all = (std::uint64_t{1} << n) - 1;
  std::vector<double> cost(all + 1, std::numeric_limits<double>::infinity());
  std::vector<std::uint64_t> split(all + 1, 0);
  std::vector<LabelSet> kept(all + 1);
  for (std::uint64_t s = 1; s <= all; ++s) kept[s] = p.kept(s);
  for (std::size_t k = 0; k < n; ++k) cost[std::uint64_t{1} << k] = 0;
  for (std::uint64_t s = 1; s <= all; ++s) {
    if ((s & (s - 1)) == 0) continue;
    for (std::uint64_t a = (s - 1) & s; a > 0; a = (a - 1) & s) {
      const std::uint64_t b = s ^ a;
      if (a > b) continue;  // each split once
      const LabelSet both = kept[a] | kept[b];
      const double c = cost[a] + cost[b] + flop_count(both, both != kept[s], 2, *p.sizes);
      if (c < cost[s]) {
        cost[s] = c;
        split[s] = a;
      }
    }
  }
  // Post-order walk of the tree: each entry is the pair of operand groups contracted.
  std::vector<std::pair<std::uint64_t, std::uint64_t>> order;
  const auto walk = [&](auto&& self, std::uint64_t s) -> void {
    if ((s & (s - 1)) == 0) return;
    self(self, split[s]);
    self(self, s ^ split[s]);
    order.emplace_back(split[s], s ^ split[s]);
  };
  walk(walk, all);
  return order;
}

// Greedy search: repeatedly contract the pair whose result shrinks memory the most (opt_einsum's
// greedy), preferring pairs that share a label over outer products.
std::vector<std::pair<std::uint64_t, std::uint64_t>> greedy_order(const Problem& p) {
  std::vector<std::uint64_t> groups;
  for (std::size_t k = 0; k < p.inputs.size(); ++k) groups.push_back(std::uint64_t{1} << k);
  std::vector<std::pair<std::uint64_t, std::uint64_t>> order;
  while (groups.size() > 1) {
    std::size_t best_i = 0, best_j = 1;
    double best = std::numeric_limits<double>::infinity();
    bool best_shares = false;
    for (std::size_t i = 0; i < groups.size(); ++i) {
      for (std::size_t j = i + 1; j < groups.size(); ++j) {
        const LabelSet a = p.kept(groups[i]), b = p.kept(groups[j]);
        const bool shares = (a & b).any();
        const double gain = set_size(p.kept(groups[i] | groups[j]), *p.sizes) - set_size(a, *p.sizes) -
                            set_size(b, *p.sizes);
        if ((shares && !best_shares) || (shares == best_shares && gain < best)) {
          best = gain;
          best_shares = shares;
          best_i = i;
          best_j = j;
        }
      }
    }
    order.emplace_back(groups[best_i], groups[best_j]);
    groups[best_i] |= groups[best_j];
    groups.erase(groups.begin() + static_cast<std::ptrdiff_t>(best_j));
    // np.einsum_path appends the result at the end of the list; keep that order.
    std::rotate(groups.begin() + static_cast<std::ptrdiff_t>(best_i),
                groups.begin() + static_cast<std::ptrdiff_t>(best_i) + 1, groups.end());
  }
  return order;
}

}  // namespace

PathPlan plan_path(const BoundSpec& bound) {
  Problem p;
  for (const BoundOperand& op : bound.inputs) p.inputs.push_back(op.set);
  p.output = bound.output_set;
  p.sizes = &bound.sizes;
  const std::size_t n = p.inputs.size();

  std::vector<std::pair<std::uint64_t, std::uint64_t>> order;
  if (n >= 2) order = n <= exact_search_limit ? exact_order(p) : greedy_order(p);

  // Names for the report: letters as written, ellipsis dimensions as unused letters.
  std::vector<char> names(static_cast<std::size_t>(bound.label_count), '?');
  {
    LabelSet used = bound.output_set;
    for (const auto& s : p.inputs) used |= s;
    for (int l = 0; l < einsum_letter_count; ++l) names[static_cast<std::size_t>(l)] = label_char(l);
    for (int l = einsum_letter_count; l < bound.label_count; ++l) {
      for (int c = einsum_letter_count - 1; c >= 0; --c) {  // from 'z' down: rarely used
        if (!used[static_cast<std::size_t>(c)] && std::count(names.begin() + einsum_letter_count, names.end(),
                                                             label_char(c)) == 0) {
          names[static_cast<std::size_t>(l)] = label_char(c);
          break;
        }
      }
    }
  }
  const auto term = [&](const std::vector<int>& labels) {
    std::string s;
    for (int l : labels) s += names[static_cast<std::size_t>(l)];
    return s;
  };
  const auto set_term = [&](const LabelSet& set) {
    std::string s;
    for (int l = 0; l < bound.label_count; ++l)
      if (set[static_cast<std::size_t>(l)]) s += names[static_cast<std::size_t>(l)];
    return s;
  };
  std::vector<int> output_members;
  for (int l : bound.output_labels)
    if (bound.output_set[static_cast<std::size_t>(l)]) output_members.push_back(l);
  const std::string output_term = term(output_members);

  PathPlan plan;
  EinsumPath& summary = plan.summary;
  std::vector<std::uint64_t> current;  // operand groups in list order
  std::vector<int> ids;                // operand id of each list entry
  std::vector<std::string> terms;
  for (std::size_t k = 0; k < n; ++k) {
    current.push_back(std::uint64_t{1} << k);
    ids.push_back(static_cast<int>(k));
    terms.push_back(term(bound.inputs[k].labels));
  }
  LabelSet all_labels = p.output;
  for (const auto& s : p.inputs) all_labels |= s;
  std::size_t input_label_total = 0;
  for (const auto& s : p.inputs) input_label_total += s.count();
  summary.naive_flops = flop_count(all_labels, input_label_total > all_labels.count(), n, bound.sizes);
  summary.largest_intermediate = set_size(p.output, bound.sizes);

  std::string rows;
  std::size_t max_scaling = all_labels.count() > 0 && n < 2 ? all_labels.count() : 0;
  for (const auto& [ga, gb] : order) {
    const auto ia = static_cast<std::size_t>(std::find(current.begin(), current.end(), ga) - current.begin());
    const auto ib = static_cast<std::size_t>(std::find(current.begin(), current.end(), gb) - current.begin());
    const LabelSet a = p.kept(ga), b = p.kept(gb), kept = p.kept(ga | gb);
    PathStep step;
    step.lhs = ids[ia];
    step.rhs = ids[ib];
    step.result = kept;
    step.flops = flop_count(a | b, (a | b) != kept, 2, bound.sizes);
    plan.steps.push_back(step);
    summary.contractions.emplace_back(static_cast<int>(std::min(ia, ib)), static_cast<int>(std::max(ia, ib)));
    summary.optimized_flops += step.flops;
    summary.largest_intermediate = std::max(summary.largest_intermediate, set_size(kept, bound.sizes));
    max_scaling = std::max(max_scaling, (a | b).count());

    const bool last = current.size() == 2;
    const std::string result_term = last ? output_term : set_term(kept);
    std::string current_term = terms[ia];
    current_term += ',';
    current_term += terms[ib];
    current_term += "->";
    current_term += result_term;
    for (std::size_t idx : {std::max(ia, ib), std::min(ia, ib)}) {
      current.erase(current.begin() + static_cast<std::ptrdiff_t>(idx));
      ids.erase(ids.begin() + static_cast<std::ptrdiff_t>(idx));
      terms.erase(terms.begin() + static_cast<std::ptrdiff_t>(idx));
    }
    current.push_back(ga | gb);
    ids.push_back(static_cast<int>(n + plan.steps.size() - 1));
    terms.push_back(result_term);
    std::string remaining;
    for (std::size_t t = 0; t < terms.size(); ++t) {
      if (t) remaining += ',';
      remaining += terms[t];
    }
    remaining += "->" + output_term;
    rows += fmt::format("\n{:>4}    {:>24} {:>40}", (a | b).count(), current_term, remaining);
  }
  // np.einsum_path counts one more operation than the sum of its steps; match its numbers.
  summary.optimized_flops = n < 2 ? summary.naive_flops : summary.optimized_flops + 1;

  std::string inputs_term;
  for (std::size_t k = 0; k < n; ++k) {
    if (k) inputs_term += ',';
    inputs_term += term(bound.inputs[k].labels);
  }
  const double speedup = summary.optimized_flops > 0 ? summary.naive_flops / summary.optimized_flops : 1.0;
  summary.report = fmt::format(
      "  Complete contraction:  {}->{}\n"
      "         Naive scaling:  {}\n"
      "     Optimized scaling:  {}\n"
      "      Naive FLOP count:  {:.3e}\n"
      "  Optimized FLOP count:  {:.3e}\n"
      "   Theoretical speedup:  {:.3f}\n"
      "  Largest intermediate:  {:.3e} elements\n"
      "{:-<74}\n{:>6} {:>24} {:>40}\n{:-<74}{}",
      inputs_term, output_term, all_labels.count(), max_scaling, summary.naive_flops, summary.optimized_flops,
      speedup, summary.largest_intermediate, "", "scaling", "current", "remaining", "", rows);
  return plan;
}

}  // namespace einspan::detail

namespace einspan {

EinsumPath einsum_path(std::string_view spec, std::span<const Dims> shapes) {
  const ParsedSpec parsed = parse_spec_or_throw(spec, shapes.size());
  std::vector<Layout> layouts;
  for (const Dims& s : shapes) layouts.push_back(Layout::row_major(s));
  std::vector<const Layout*> pointers;
  for (const Layout& l : layouts) pointers.push_back(&l);
  return detail::plan_path(detail::bind_spec(spec, parsed, pointers)).summary;
}

EinsumPath einsum_path(std::string_view spec, std::initializer_list<Dims> shapes) {
  return einsum_path(spec, std::span<const Dims>(shapes.begin(), shapes.size()));
}

}  // namespace einspan
