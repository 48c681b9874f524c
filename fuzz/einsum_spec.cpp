// Fuzz target: the run-time einsum spec parser, then planning and running the spec on shapes
// drawn from the input.
//
// Input: the spec, up to the first '\n' (the whole input when there is none); the bytes after the
// '\n' choose label sizes, operand shapes and layouts, the element type and the values.
//
// Properties:
//  - parse_spec accepts exactly the specs an independent parser written here accepts, with the
//    same terms and output; a rejected spec makes parse_spec_or_throw throw ValueError whose
//    message is printable ASCII (the spec's other bytes escaped) and names the problem;
//  - an accepted spec round-trips through its printed form (explicit output, no spaces);
//  - einsum_path, EinsumPlan and einsum accept exactly the shapes an independent binding rule
//    accepts (otherwise they throw ShapeError or ValueError as predicted), with the predicted
//    output shape; when the work is small, einsum's result equals the brute-force reference of
//    tests/einsum/reference_einsum.hpp exactly (small integer values, so floats are exact too).
#include "fuzz_support.hpp"
#include "einsum/reference_einsum.hpp"

#include <einspan/einsum.hpp>
#include <einspan/tensor.hpp>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>
#include <vector>

using namespace einspan;
using einspan::fuzz::Choices;

namespace {

// ---- an independent parser of NumPy's subscripts grammar ---------------------------------------

constexpr std::string_view letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";  // ASCII order

struct RefTerm {
  std::vector<int> labels;  // indices into `letters`
  int ellipsis = -1;        // the ellipsis sits before labels[ellipsis]
};

struct RefSpec {
  std::vector<RefTerm> inputs;
  RefTerm output;
  bool explicit_output = false;
};

// One term: letters, spaces and at most one "..."; false on anything else.
bool parse_ref_term(std::string_view text, RefTerm& term) {
  for (std::size_t i = 0; i < text.size();) {
    if (text.substr(i, 3) == "...") {
      if (term.ellipsis >= 0) return false;
      term.ellipsis = static_cast<int>(term.labels.size());
      i += 3;
    } else if (text[i] == ' ') {
      ++i;
    } else {
      const auto id = letters.find(text[i]);
      if (id == std::string_view::npos) return false;
      term.labels.push_back(static_cast<int>(id));
      ++i;
    }
  }
  return term.labels.size() <= 64;
}

std::optional<RefSpec> reference_parse(std::string_view spec) {
  // The arrow: every '-' must start "->", and there is at most one.
  std::size_t arrow = std::string_view::npos;
  for (std::size_t i = 0; i < spec.size(); ++i) {
    if (spec[i] == '>' && (i == 0 || spec[i - 1] != '-')) return std::nullopt;
    if (spec[i] != '-') continue;
    if (i + 1 >= spec.size() || spec[i + 1] != '>' || arrow != std::string_view::npos) return std::nullopt;
    arrow = i;
  }
  RefSpec out;
  const std::string_view left = spec.substr(0, arrow);
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = left.find(',', start);
    RefTerm term;
    if (!parse_ref_term(left.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start),
                        term))
      return std::nullopt;
    out.inputs.push_back(term);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (out.inputs.size() > 32) return std::nullopt;

  std::map<int, int> count;
  bool any_ellipsis = false;
  for (const RefTerm& t : out.inputs) {
    any_ellipsis = any_ellipsis || t.ellipsis >= 0;
    for (int l : t.labels) ++count[l];
  }
  if (arrow != std::string_view::npos) {
    const std::string_view right = spec.substr(arrow + 2);
    if (right.find(',') != std::string_view::npos) return std::nullopt;
    if (!parse_ref_term(right, out.output)) return std::nullopt;
    std::vector<int> seen = out.output.labels;
    std::sort(seen.begin(), seen.end());
    if (std::adjacent_find(seen.begin(), seen.end()) != seen.end()) return std::nullopt;
    for (int l : seen)
      if (!count.contains(l)) return std::nullopt;
    out.explicit_output = true;
  } else {
    if (any_ellipsis) out.output.ellipsis = 0;
    for (const auto& [l, n] : count)  // std::map: ascending ids, which is ASCII order
      if (n == 1) out.output.labels.push_back(l);
  }
  return out;
}

bool same_term(const SpecTerm& a, const RefTerm& b) {
  if (a.count != static_cast<int>(b.labels.size()) || a.ellipsis != b.ellipsis) return false;
  for (int j = 0; j < a.count; ++j)
    if (a.labels[static_cast<std::size_t>(j)] != b.labels[static_cast<std::size_t>(j)]) return false;
  return true;
}

// The same terms and output; with `printed`, p is the printed form of r, whose output is explicit.
bool same_spec(const ParsedSpec& p, const RefSpec& r, bool printed = false) {
  if (p.input_count != static_cast<int>(r.inputs.size())) return false;
  if (p.explicit_output != (printed || r.explicit_output)) return false;
  for (std::size_t k = 0; k < r.inputs.size(); ++k)
    if (!same_term(p.inputs[k], r.inputs[k])) return false;
  return same_term(p.output, r.output);
}

// ---- the printed form ------------------------------------------------------------------------

std::string print_term(const SpecTerm& t) {
  std::string s;
  for (int j = 0; j <= t.count; ++j) {
    if (j == t.ellipsis) s += "...";
    if (j < t.count) s += letters[static_cast<std::size_t>(t.labels[static_cast<std::size_t>(j)])];
  }
  return s;
}

// Every spec in one spelling: no spaces, the output always explicit.
std::string print_spec(const ParsedSpec& p) {
  std::string s;
  for (int k = 0; k < p.input_count; ++k) {
    if (k) s += ',';
    s += print_term(p.inputs[static_cast<std::size_t>(k)]);
  }
  return s + "->" + print_term(p.output);
}

// ---- an independent binding of shapes to the spec ----------------------------------------------

enum class Verdict { fits, shape_error, value_error };

struct Prediction {
  Verdict verdict = Verdict::fits;
  Dims output_shape;
  double work = 1;  // a bound on einsum's loop iterations per step, and on the reference's
};

// Dimension names: letters by id, ellipsis dimensions as 100 + position counted from the right.
std::vector<int> dimension_names(const RefTerm& t, std::size_t ndim) {
  std::vector<int> names;
  const std::size_t covered = t.ellipsis >= 0 ? ndim - t.labels.size() : 0;
  for (std::size_t j = 0; j <= t.labels.size(); ++j) {
    if (static_cast<int>(j) == t.ellipsis)
      for (std::size_t e = covered; e-- > 0;) names.push_back(100 + static_cast<int>(e));
    if (j < t.labels.size()) names.push_back(t.labels[j]);
  }
  return names;
}

Prediction predict(const RefSpec& r, const std::vector<Dims>& shapes) {
  Prediction p;
  int ellipsis_rank = 0;
  for (std::size_t k = 0; k < shapes.size(); ++k) {
    const RefTerm& t = r.inputs[k];
    const auto n = static_cast<int>(t.labels.size()), ndim = static_cast<int>(shapes[k].size());
    if (t.ellipsis >= 0 ? ndim < n : ndim != n) return {Verdict::shape_error, {}, 0};
    if (t.ellipsis >= 0) ellipsis_rank = std::max(ellipsis_rank, ndim - n);
  }
  if (r.explicit_output && r.output.ellipsis < 0 && ellipsis_rank > 0) return {Verdict::value_error, {}, 0};
  std::map<int, index_t> size;  // sizes other than 1
  for (std::size_t k = 0; k < shapes.size(); ++k) {
    const std::vector<int> names = dimension_names(r.inputs[k], shapes[k].size());
    std::map<int, index_t> here;
    for (std::size_t d = 0; d < names.size(); ++d) {
      const index_t n = shapes[k][d];
      // Within one operand a repeated label is a diagonal: the sizes must be equal, 1 included.
      if (auto [it, fresh] = here.emplace(names[d], n); !fresh && it->second != n) return {Verdict::shape_error, {}, 0};
      if (n == 1) continue;
      if (auto [it, fresh] = size.emplace(names[d], n); !fresh && it->second != n) return {Verdict::shape_error, {}, 0};
    }
  }
  const auto size_of = [&](int name) { return size.contains(name) ? size.at(name) : index_t{1}; };
  const auto output_ellipsis = [&] {
    for (int e = ellipsis_rank; e-- > 0;) p.output_shape.push_back(size_of(100 + e));
  };
  for (std::size_t j = 0; j <= r.output.labels.size(); ++j) {
    if (static_cast<int>(j) == r.output.ellipsis) output_ellipsis();
    if (j < r.output.labels.size()) p.output_shape.push_back(size_of(r.output.labels[j]));
  }
  // A label of size 0 ends the reference's loop at once, but not einsum's: once that label is
  // summed, the later steps run at full size over zeros (4^20 iterations, a 60 s timeout).
  for (const auto& [name, n] : size) p.work *= std::max(static_cast<double>(n), 1.0);
  return p;
}

// ---- operands --------------------------------------------------------------------------------

constexpr index_t size_table[8] = {1, 2, 3, 2, 1, 3, 0, 4};

// The element count without wrapping (shape_size wraps modulo 2^64, as documented).
double elements(const Dims& shape) {
  double n = 1;
  for (index_t d : shape) n *= static_cast<double>(d);
  return n;
}

std::vector<Dims> draw_shapes(const RefSpec& r, Choices& choices) {
  std::array<index_t, 52> label_size{};
  for (index_t& s : label_size) s = size_table[choices.below(8)];
  std::array<index_t, 3> ellipsis_size{};
  for (index_t& s : ellipsis_size) s = size_table[choices.below(8)];
  const unsigned ellipsis_rank = choices.below(4);

  std::vector<Dims> shapes;
  for (const RefTerm& t : r.inputs) {
    Dims shape;
    for (std::size_t j = 0; j <= t.labels.size(); ++j) {
      if (static_cast<int>(j) == t.ellipsis) {
        const unsigned mine = choices.below(ellipsis_rank + 1);
        for (unsigned e = ellipsis_rank - mine; e < ellipsis_rank; ++e)
          shape.push_back(choices.below(4) == 0 ? 1 : ellipsis_size[e]);
      }
      if (j < t.labels.size()) {
        const index_t n = label_size[static_cast<std::size_t>(t.labels[j])];
        shape.push_back(choices.below(8) == 0 ? 1 : n);  // a size-1 dimension broadcasts
      }
    }
    switch (choices.below(16)) {
      case 0:  // one dimension off
        if (!shape.empty()) shape[choices.below(static_cast<unsigned>(shape.size()))] = choices.below(5);
        break;
      case 1: shape.push_back(size_table[choices.below(8)]); break;
      case 2:
        if (!shape.empty()) shape.erase(choices.below(static_cast<unsigned>(shape.size())));
        break;
      default: break;
    }
    // Keep every operand small: leading dimensions become 1 until it holds at most 4096 elements.
    for (std::size_t d = 0; d < shape.size() && elements(shape) > 4096; ++d) shape[d] = 1;
    shapes.push_back(shape);
  }
  return shapes;
}

template <class T>
T draw_value(Choices& choices) {
  if constexpr (std::is_integral_v<T>) {
    if (choices.below(8) == 0) return static_cast<T>(choices.int64());  // wraps, as NumPy's does
  }
  return static_cast<T>(static_cast<int>(choices.below(5)) - 2);
}

// A tensor of `shape` filled from the input, as one of several layouts: contiguous, reversed
// along every axis, every other element of a larger buffer, or the transpose of a contiguous one.
template <class T>
Tensor<T> draw_operand(const Dims& shape, Choices& choices) {
  Tensor<T> t;
  std::vector<Index> every_axis;
  switch (choices.below(4)) {
    case 0: {  // (size-1 dimensions stay 1, and the buffer stays small)
      Dims big;
      for (index_t d : shape) big.push_back(d > 1 ? 2 * d : d);
      for (std::size_t d = 0; d < shape.size(); ++d) every_axis.push_back(slice(_, _, 2));
      t = elements(big) <= 65536 ? empty<T>(big).index(every_axis) : empty<T>(shape);
      break;
    }
    case 1: {
      for (std::size_t d = 0; d < shape.size(); ++d) every_axis.push_back(slice(_, _, -1));
      t = empty<T>(shape).index(every_axis);
      break;
    }
    case 2: {
      Dims reversed(shape);
      std::reverse(reversed.begin(), reversed.end());
      t = empty<T>(reversed).T();
      break;
    }
    default: t = empty<T>(shape); break;
  }
  for (T& x : t) x = draw_value<T>(choices);
  return t;
}

template <class T>
void check_equal(const Tensor<T>& got, const Tensor<T>& want, const std::string& context) {
  EINSPAN_FUZZ_CHECK(got.shape() == want.shape(), context);
  auto g = got.begin();
  for (const T& w : want) {
    EINSPAN_FUZZ_CHECK(*g == w, context + fmt::format(": {} != {}", *g, w));
    ++g;
  }
}

std::string describe(std::string_view spec, const std::vector<Dims>& shapes) {
  std::string s = fmt::format("spec \"{}\" shapes", spec);
  for (const Dims& d : shapes) s += " " + format_shape_compact(d);
  return s;
}

template <class T>
void plan_and_run(std::string_view spec, const std::string& canonical, const RefSpec& ref, Choices& choices) {
  const std::vector<Dims> shapes = draw_shapes(ref, choices);
  const Prediction want = predict(ref, shapes);
  const std::string context = describe(spec, shapes);
  const auto check_verdict = [&](bool accepted, const std::type_info* error_type, const char* what) {
    EINSPAN_FUZZ_CHECK(accepted == (want.verdict == Verdict::fits), context + ": " + what);
    if (want.verdict == Verdict::shape_error) EINSPAN_FUZZ_CHECK(*error_type == typeid(ShapeError), context);
    if (want.verdict == Verdict::value_error) EINSPAN_FUZZ_CHECK(*error_type == typeid(ValueError), context);
  };

  const std::type_info* error_type = nullptr;
  EinsumPath path;
  check_verdict(fuzz::accepts([&] { path = einsum_path(spec, shapes); }, nullptr, &error_type), error_type,
                "einsum_path");
  if (want.verdict == Verdict::fits && ref.inputs.size() >= 2)
    EINSPAN_FUZZ_CHECK(path.contractions.size() == ref.inputs.size() - 1, context);

  std::vector<Tensor<T>> operands;
  for (const Dims& s : shapes) operands.push_back(draw_operand<T>(s, choices));
  std::optional<EinsumPlan<T>> plan;
  check_verdict(fuzz::accepts([&] { plan.emplace(spec, std::span<const Tensor<T>>(operands)); }, nullptr, &error_type),
                error_type, "EinsumPlan");
  if (want.verdict != Verdict::fits) return;
  EINSPAN_FUZZ_CHECK(plan->output_shape() == want.output_shape,
                     context + " output " + format_shape_compact(plan->output_shape()) + " predicted " +
                         format_shape_compact(want.output_shape));

  // EINSPAN_FUZZ_VERBOSE=1 shows what an input does (replaying one: fuzz_einsum_spec <file>).
  static const bool verbose = std::getenv("EINSPAN_FUZZ_VERBOSE") != nullptr;
  if (verbose) fmt::print(stderr, "{}\n{}\n", context, plan->explain());
  if (want.work * static_cast<double>(operands.size()) > 4096) return;  // the reference would be slow
  Tensor<T> got;
  EINSPAN_FUZZ_CHECK(fuzz::accepts([&] { got = einsum(spec, operands); }), context + ": einsum threw");
  check_equal(got, test::reference_einsum(canonical, operands), context);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto* text = reinterpret_cast<const char*>(data);
  const std::size_t newline = std::string_view(text, size).find('\n');
  const std::string_view spec(text, newline == std::string_view::npos ? size : newline);
  Choices choices(data + spec.size(), size - spec.size());
  choices.byte();  // the '\n'

  const ParsedSpec parsed = parse_spec(spec);
  const std::optional<RefSpec> ref = reference_parse(spec);
  EINSPAN_FUZZ_CHECK(parsed.ok() == ref.has_value(),
                     fmt::format("spec \"{}\": parse_spec says {}, the reference {}", spec,
                                 parsed.ok() ? "ok" : describe(parsed.error.kind), ref ? "ok" : "an error"));
  if (!parsed.ok()) {
    EINSPAN_FUZZ_CHECK(parsed.error.position >= 0 && static_cast<std::size_t>(parsed.error.position) <= spec.size(),
                       "error position outside the spec");
    std::string message;
    const std::type_info* type = nullptr;
    EINSPAN_FUZZ_CHECK(!fuzz::accepts([&] { parse_spec_or_throw(spec, 1); }, &message, &type) &&
                           *type == typeid(ValueError),
                       "parse_spec_or_throw did not throw ValueError for a bad spec");
    EINSPAN_FUZZ_CHECK(message == format_spec_error(spec, parsed.error), message);
    EINSPAN_FUZZ_CHECK(std::all_of(message.begin(), message.end(), [](char c) { return c >= 0x20 && c < 0x7f; }),
                       "the message holds bytes that are not printable ASCII: " + message);
    EINSPAN_FUZZ_CHECK(message.find(describe(parsed.error.kind)) != std::string::npos, message);
    return 0;
  }
  EINSPAN_FUZZ_CHECK(same_spec(parsed, *ref), fmt::format("spec \"{}\" parsed differently from the reference", spec));

  const std::string canonical = print_spec(parsed);
  const ParsedSpec again = parse_spec(canonical);
  EINSPAN_FUZZ_CHECK(again.ok() && same_spec(again, *ref, true),
                     fmt::format("spec \"{}\" printed as \"{}\" does not parse back to the same", spec, canonical));
  EINSPAN_FUZZ_CHECK(print_spec(again) == canonical, canonical);
  EINSPAN_FUZZ_CHECK(fuzz::accepts([&] { parse_spec_or_throw(spec, ref->inputs.size()); }), "parse_spec_or_throw");

  switch (choices.below(6)) {
    case 0: plan_and_run<float>(spec, canonical, *ref, choices); break;
    case 1: plan_and_run<std::int64_t>(spec, canonical, *ref, choices); break;
    case 2: plan_and_run<std::int32_t>(spec, canonical, *ref, choices); break;
    case 3: plan_and_run<std::uint8_t>(spec, canonical, *ref, choices); break;
    case 4: plan_and_run<std::int8_t>(spec, canonical, *ref, choices); break;
    default: plan_and_run<double>(spec, canonical, *ref, choices); break;
  }
  return 0;
}
