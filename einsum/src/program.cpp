#include "program.hpp"

#include "lowering.hpp"

#include <algorithm>
#include <einspan/tensor/error.hpp>
#include <fmt/format.h>
#include <optional>

namespace einspan::detail {

namespace {

// A tensor in flight during compilation: the slot holding it and the stride of each label.
struct Term {
  int slot = 0;
  std::vector<int> labels;
  Dims strides;
  LabelSet set;

  index_t stride(int label) const {
    for (std::size_t i = 0; i < labels.size(); ++i)
      if (labels[i] == label) return strides[i];
    return 0;
  }
};

std::vector<int> members(const LabelSet& set, int label_count) {
  std::vector<int> out;
  for (int l = 0; l < label_count; ++l)
    if (set[static_cast<std::size_t>(l)]) out.push_back(l);
  return out;
}

// Labels sorted by decreasing |stride| in `term` (its memory order), stable.
std::vector<int> memory_order(std::vector<int> labels, const Term& term) {
  std::stable_sort(labels.begin(), labels.end(),
                   [&](int a, int b) { return std::abs(term.stride(a)) > std::abs(term.stride(b)); });
  return labels;
}

class Compiler {
 public:
  Compiler(Program& program, const BoundSpec& bound) : p_(program), b_(bound) {}

  index_t size(int label) const { return b_.sizes[static_cast<std::size_t>(label)]; }
  index_t size(const std::vector<int>& labels) const {
    index_t n = 1;
    for (int l : labels) n *= size(l);
    return n;
  }

  // A fresh workspace slot holding `labels` in C order.
  Term temp(const std::vector<int>& labels) {
    Term t;
    t.slot = static_cast<int>(p_.slot_offsets.size());
    t.labels = labels;
    t.strides = Dims(labels.size(), 0);
    index_t stride = 1;
    bool empty = false;
    for (std::size_t i = labels.size(); i-- > 0;) {
      t.strides[i] = stride;
      stride *= std::max<index_t>(size(labels[i]), 1);
      empty = empty || size(labels[i]) == 0;
    }
    for (int l : labels) t.set.set(static_cast<std::size_t>(l));
    p_.slot_offsets.push_back(p_.workspace_size);
    // An empty intermediate (a label of size 0) is never read or written: it takes one element,
    // whatever the sizes of its other labels. Every slot stays 64-byte aligned whatever the
    // element size (at most 8 bytes).
    const index_t elements = empty ? 1 : stride;
    p_.workspace_size += (elements + 7) / 8 * 8;
    return t;
  }

  // Loop nest over `labels` with operand strides from out, a, b (b may be null), ordered so that
  // the dimension with the smallest strides runs innermost, and fused where all operands allow.
  LoopNest<3> nest(const std::vector<int>& labels, const Term& out, const Term& a, const Term* b) const {
    LoopNest<3> nest;
    std::vector<int> order;
    for (int l : labels) {
      if (size(l) == 0) nest.empty = true;
      if (size(l) != 1) order.push_back(l);
    }
    if (nest.empty) return nest;
    const auto strides = [&](int l) {
      return std::array<index_t, 3>{out.stride(l), a.stride(l), b ? b->stride(l) : 0};
    };
    const auto cost = [&](int l) {
      const auto s = strides(l);
      return std::abs(s[0]) + std::abs(s[1]) + std::abs(s[2]);
    };
    std::stable_sort(order.begin(), order.end(), [&](int x, int y) { return cost(x) > cost(y); });
    for (int l : order) {
      const auto s = strides(l);
      bool fuses = !nest.shape.empty();
      for (std::size_t k = 0; k < 3 && fuses; ++k) fuses = nest.strides[k].back() == s[k] * size(l);
      if (fuses) {
        nest.shape.back() *= size(l);
        for (std::size_t k = 0; k < 3; ++k) nest.strides[k].back() = s[k];
      } else {
        nest.shape.push_back(size(l));
        for (std::size_t k = 0; k < 3; ++k) nest.strides[k].push_back(s[k]);
      }
    }
    return nest;
  }

  // out (+)= a [* b] summing every label of the inputs that out lacks.
  void generic(const Term& out, const Term& a, const Term* b) {
    LabelSet all = a.set | (b ? b->set : LabelSet{});
    Step step;
    step.kind = Step::Kind::generic;
    step.out = out.slot;
    step.a = a.slot;
    step.b = b ? b->slot : a.slot;
    step.generic.input_count = b ? 2 : 1;
    step.generic.accumulate = (all & ~out.set).any();
    step.generic.nest = nest(members(all, b_.label_count), out, a, b);
    Dims out_shape, out_strides;
    for (std::size_t i = 0; i < out.labels.size(); ++i) {
      out_shape.push_back(size(out.labels[i]));
      out_strides.push_back(out.strides[i]);
    }
    step.generic.out_nest = make_loop_nest<1>(out_shape, {std::span<const index_t>(out_strides)});
    p_.steps.push_back(std::move(step));
    describe(fmt::format("{} <- {}{}{}: {} loop", name(out), name(a), b ? " * " : "", b ? name(*b) : "",
                         step_kind_name(p_.steps.back().generic)));
  }

  static const char* step_kind_name(const GenericStep& g) {
    if (g.input_count == 1) return g.accumulate ? "sum" : "copy";
    return g.accumulate ? "fused multiply-and-sum" : "elementwise product";
  }

  void copy(const Term& dst, const Term& src) {
    Step step;
    step.kind = Step::Kind::copy;
    step.out = dst.slot;
    step.a = src.slot;
    for (std::size_t i = 0; i < dst.labels.size(); ++i) {
      step.copy.dst.shape.push_back(size(dst.labels[i]));
      step.copy.dst.strides.push_back(dst.strides[i]);
      step.copy.src.shape.push_back(size(dst.labels[i]));
      step.copy.src.strides.push_back(src.stride(dst.labels[i]));
    }
    p_.steps.push_back(std::move(step));
    describe(fmt::format("{} <- {}: strided copy", name(dst), name(src)));
  }

  // A term restricted to `keep`, summing the other labels into a workspace slot.
  Term reduce(const Term& a, const LabelSet& keep) {
    std::vector<int> labels;
    for (int l : memory_order(a.labels, a))
      if (keep[static_cast<std::size_t>(l)]) labels.push_back(l);
    Term t = temp(labels);
    generic(t, a, nullptr);
    return t;
  }

  // (size, stride) of labels fused into one matrix dimension, if their strides allow it.
  struct Group {
    index_t size = 1;
    index_t stride = 0;
  };
  std::optional<Group> group(const std::vector<int>& labels, const Term& t) const {
    Group g;
    for (std::size_t i = 0; i < labels.size(); ++i) {
      const index_t s = t.stride(labels[i]);
      if (i + 1 < labels.size() && s != t.stride(labels[i + 1]) * size(labels[i + 1])) return std::nullopt;
      g.size *= size(labels[i]);
      g.stride = s;
    }
    return g;
  }
  // Storage order and outer stride of a rows x cols matrix, if Eigen's Map can take it.
  struct Matrix {
    bool row_major = true;
    index_t outer = 0;
  };
  static std::optional<Matrix> matrix(const Group& rows, const Group& cols) {
    if (cols.size <= 1 || cols.stride == 1) {
      const index_t outer = rows.size <= 1 ? std::max<index_t>(cols.size, 1) : rows.stride;
      if (outer >= std::max<index_t>(cols.size, 1)) return Matrix{true, outer};
    }
    if (rows.size <= 1 || rows.stride == 1) {
      const index_t outer = cols.size <= 1 ? std::max<index_t>(rows.size, 1) : cols.stride;
      if (outer >= std::max<index_t>(rows.size, 1)) return Matrix{false, outer};
    }
    return std::nullopt;
  }
  std::optional<Matrix> matrix(const std::vector<int>& rows, const std::vector<int>& cols, const Term& t) const {
    const auto r = group(rows, t), c = group(cols, t);
    if (!r || !c) return std::nullopt;
    return matrix(*r, *c);
  }

  static std::vector<int> concat(std::vector<int> a, const std::vector<int>& b, const std::vector<int>& c = {}) {
    a.insert(a.end(), b.begin(), b.end());
    a.insert(a.end(), c.begin(), c.end());
    return a;
  }

  // A * B summed over their shared labels outside `keep`, into `final_out` or a new slot.
  Term contract(Term a, Term b, const LabelSet& keep, const Term* final_out) {
    // Labels only one side has and nobody needs are summed first, so that they are not
    // multiplied over.
    if ((a.set & ~b.set & ~keep).any()) a = reduce(a, a.set & (b.set | keep));
    if ((b.set & ~a.set & ~keep).any()) b = reduce(b, b.set & (a.set | keep));
    const LabelSet batch_set = a.set & b.set & keep, sum_set = a.set & b.set & ~keep;
    const LabelSet m_set = a.set & keep & ~b.set, n_set = b.set & keep & ~a.set;
    std::vector<int> batch = memory_order(members(batch_set, b_.label_count), final_out ? *final_out : a);
    std::vector<int> ms = memory_order(members(m_set, b_.label_count), final_out ? *final_out : a);
    std::vector<int> ns = memory_order(members(n_set, b_.label_count), final_out ? *final_out : b);
    const std::vector<int> ks = memory_order(members(sum_set, b_.label_count), a);
    const index_t m = size(ms), n = size(ns), k = size(ks);

    if (!contraction_uses_gemm(p_.allow_gemm, !ks.empty(), m, n, k)) {
      const Term out = final_out ? *final_out : temp(concat(batch, ms, ns));
      generic(out, a, &b);
      return out;
    }
    // Outer row (column) labels whose strides do not fuse with the rest become batch loops, as
    // long as the remaining matrix stays large; otherwise the operand is packed below.
    std::vector<int> loops;
    const auto split = [&](std::vector<int>& labels, const Term& side) {
      std::size_t start = labels.size();
      while (start > 0) {
        const std::vector<int> suffix(labels.begin() + static_cast<std::ptrdiff_t>(start - 1), labels.end());
        if (!group(suffix, side) || (final_out && !group(suffix, *final_out))) break;
        --start;
      }
      const std::vector<int> core(labels.begin() + static_cast<std::ptrdiff_t>(start), labels.end());
      if (start == 0 || size(core) < 16) return;
      loops.insert(loops.end(), labels.begin(), labels.begin() + static_cast<std::ptrdiff_t>(start));
      labels = core;
    };
    split(ms, a);
    split(ns, b);
    batch = concat(batch, loops);
    const index_t m_core = size(ms), n_core = size(ns);
    const Term out = final_out ? *final_out : temp(concat(batch, ms, ns));
    auto am = matrix(ms, ks, a);
    if (!am) {
      a = [&] {
        Term packed = temp(concat(only(batch, a.set), ms, ks));
        copy(packed, a);
        return packed;
      }();
      am = matrix(ms, ks, a);
    }
    auto bm = matrix(ks, ns, b);
    if (!bm) {
      b = [&] {
        Term packed = temp(concat(only(batch, b.set), ks, ns));
        copy(packed, b);
        return packed;
      }();
      bm = matrix(ks, ns, b);
    }
    Term c = out;
    auto cm = matrix(ms, ns, c);
    if (!cm) {
      c = temp(concat(batch, ms, ns));
      cm = matrix(ms, ns, c);
    }
    Step step;
    step.kind = Step::Kind::gemm;
    GemmStep& g = step.gemm;
    if (cm->row_major) {
      step.out = c.slot;
      step.a = a.slot;
      step.b = b.slot;
      g.m = m_core;
      g.n = n_core;
      g.a_row_major = am->row_major;
      g.a_outer = am->outer;
      g.b_row_major = bm->row_major;
      g.b_outer = bm->outer;
      g.batch = nest(batch, c, a, &b);
    } else {
      // C^T = B^T A^T, with C^T row-major over the same memory.
      step.out = c.slot;
      step.a = b.slot;
      step.b = a.slot;
      g.m = n_core;
      g.n = m_core;
      g.a_row_major = !bm->row_major;
      g.a_outer = bm->outer;
      g.b_row_major = !am->row_major;
      g.b_outer = am->outer;
      g.batch = nest(batch, c, b, &a);
    }
    g.k = k;
    g.c_outer = cm->outer;
    p_.steps.push_back(std::move(step));
    describe(fmt::format("{} <- {} * {}: GEMM m={} n={} k={} x {} batch", name(c), name(a), name(b), m_core,
                         n_core, k, size(batch)));
    if (c.slot != out.slot) copy(out, c);
    return out;
  }

  static std::vector<int> only(const std::vector<int>& labels, const LabelSet& set) {
    std::vector<int> out;
    for (int l : labels)
      if (set[static_cast<std::size_t>(l)]) out.push_back(l);
    return out;
  }

  std::string name(const Term& t) const {
    std::string labels;
    for (int l : t.labels) labels += l < einsum_letter_count ? label_char(l) : '.';
    if (t.slot == 0) return fmt::format("out[{}]", labels);
    if (t.slot <= static_cast<int>(b_.inputs.size())) return fmt::format("in{}[{}]", t.slot - 1, labels);
    return fmt::format("tmp{}[{}]", t.slot, labels);
  }
  void describe(const std::string& line) {
    p_.explanation += fmt::format("\n  step {}: {}", p_.steps.size(), line);
  }

 private:
  Program& p_;
  const BoundSpec& b_;
};

}  // namespace

Program compile_program(std::string_view spec, std::span<const Layout* const> inputs, std::span<const index_t> out_strides,
                        bool allow_gemm) {
  const ParsedSpec parsed = parse_spec_or_throw(spec, inputs.size());
  const BoundSpec bound = bind_spec(spec, parsed, inputs);
  Program p;
  p.spec = std::string(spec);
  p.allow_gemm = allow_gemm;
  for (const Layout* l : inputs) p.inputs.push_back(Layout{l->shape, l->strides, 0});
  p.out = out_strides.empty() ? Layout::row_major(bound.output_shape)
                              : Layout{bound.output_shape, Dims(out_strides), 0};
  p.slot_offsets.assign(1 + inputs.size(), -1);

  Compiler c(p, bound);
  std::vector<Term> terms;
  for (std::size_t k = 0; k < inputs.size(); ++k) {
    Term t;
    t.slot = static_cast<int>(k) + 1;
    t.labels = bound.inputs[k].labels;
    t.strides = bound.inputs[k].strides;
    t.set = bound.inputs[k].set;
    terms.push_back(std::move(t));
  }
  Term out;
  out.slot = 0;
  for (std::size_t d = 0; d < bound.output_labels.size(); ++d) {
    const int label = bound.output_labels[d];
    if (!bound.output_set[static_cast<std::size_t>(label)]) continue;
    out.labels.push_back(label);
    out.strides.push_back(p.out.strides[d]);
    out.set.set(static_cast<std::size_t>(label));
  }

  const PathPlan path = plan_path(bound);
  p.explanation = path.summary.report + "\n--------------------------------------------------------------------------\nkernels:";
  if (terms.size() == 1) {
    const Term& a = terms[0];
    p.is_view = (a.set & ~out.set).none();
    if (p.is_view) {
      for (const int label : bound.output_labels) p.view_strides.push_back(a.stride(label));
      c.describe("result is a view of in0 (no arithmetic); plan(out, ...) copies it");
    }
    if (p.is_view)
      c.copy(out, a);
    else
      c.generic(out, a, nullptr);
    return p;
  }
  for (std::size_t s = 0; s < path.steps.size(); ++s) {
    const PathStep& step = path.steps[s];
    const bool last = s + 1 == path.steps.size();
    terms.push_back(c.contract(terms[static_cast<std::size_t>(step.lhs)], terms[static_cast<std::size_t>(step.rhs)],
                               last ? out.set : step.result, last ? &out : nullptr));
  }
  return p;
}

bool program_matches(const Program& program, std::span<const Layout* const> inputs, const Layout* out) {
  if (inputs.size() != program.inputs.size()) return false;
  for (std::size_t k = 0; k < inputs.size(); ++k)
    if (inputs[k]->shape != program.inputs[k].shape || inputs[k]->strides != program.inputs[k].strides) return false;
  if (out && (out->shape != program.out.shape || out->strides != program.out.strides)) return false;
  return true;
}

}  // namespace einspan::detail
