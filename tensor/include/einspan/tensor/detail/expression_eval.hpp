#pragma once
// The evaluator behind expression.hpp: one pass over an unevaluated expression's broadcast index
// space, computing every element from the leaves' buffers in registers, with no temporaries.
//
// Binding: each leaf's layout is broadcast to the result shape (zero strides where it is
// stretched) and the dimensions are ordered and fused by make_loop_nest, with the output's strides
// as the ordering operand (for reductions, the expression's own C order). An expression is then
// turned into a tree of cursors: plain structs holding, per leaf, a pointer, its stride along the
// innermost dimension and its strides along the outer ones, and per scalar its value. The cursor
// tree is trivially copyable, so after inlining the compiler keeps it in registers; loading element
// i of the expression is `Op::apply(leaf0.p[i], leaf1.p[i], ...)` with no virtual call and no index
// arithmetic beyond the pointer offsets.
//
// Walking: the outer dimensions advance the leaf pointers (an odometer, the second innermost
// dimension by a plain loop, as detail::for_each_run), and the innermost dimension is one run.
// When every leaf (and the output) has unit stride along it, the run is instantiated with
// compile-time unit strides so that GCC vectorises it; otherwise a general strided loop runs.
#include <array>
#include <einspan/tensor/detail/map_kernel.hpp>
#include <einspan/tensor/detail/strided_loop.hpp>
#include <einspan/tensor/elementwise.hpp>
#include <einspan/tensor/reduce.hpp>
#include <memory>
#include <span>
#include <utility>

namespace einspan::detail {

// ---- cursors: the bound form of each expression node ----------------------------------------
// load<Unit>(i): element i of the current run; Unit means every leaf has stride 1 along it.
// shift(axis, times): move along an outer nest dimension. skip(count): move along the run.
// unit(): whether every leaf of this subtree has stride 1 along the run.

template <class T>
struct LeafCursor {
  const T* p;
  index_t inner;          // stride along the run
  const index_t* steps;   // strides along every nest dimension (owned by the LoopNest)
  template <bool Unit>
  T load(index_t i) const {
    if constexpr (Unit) return p[i];
    else return p[i * inner];
  }
  void shift(std::size_t axis, index_t times) { p += steps[axis] * times; }
  void skip(index_t count) { p += count * inner; }
  bool unit() const { return inner == 1; }
};

template <class C>
struct ScalarCursor {
  C value;
  template <bool Unit>
  C load(index_t) const {
    return value;
  }
  void shift(std::size_t, index_t) {}
  void skip(index_t) {}
  bool unit() const { return true; }
};

template <class Op, class A>
struct UnaryCursor {
  A a;
  template <bool Unit>
  auto load(index_t i) const {
    return Op::apply(a.template load<Unit>(i));
  }
  void shift(std::size_t axis, index_t times) { a.shift(axis, times); }
  void skip(index_t count) { a.skip(count); }
  bool unit() const { return a.unit(); }
};

template <class Op, class C, class A, class B>
struct BinaryCursor {
  A a;
  B b;
  template <bool Unit>
  auto load(index_t i) const {
    return Op::apply(static_cast<C>(a.template load<Unit>(i)), static_cast<C>(b.template load<Unit>(i)));
  }
  void shift(std::size_t axis, index_t times) {
    a.shift(axis, times);
    b.shift(axis, times);
  }
  void skip(index_t count) {
    a.skip(count);
    b.skip(count);
  }
  bool unit() const { return a.unit() && b.unit(); }
};

// Nest operands: 0 orders the dimensions, 1 is the output (zero strides on reduced dimensions),
// 2.. are the leaves in the order visit_leaves reaches them.
inline constexpr std::size_t first_leaf_operand = 2;

inline index_t innermost_stride(const Dims& strides) { return strides.empty() ? 0 : strides.back(); }

// What binding an expression to a shape produces: every leaf's first element and broadcast
// strides, and the private copies of leaves that overlapped the output.
template <std::size_t L>
struct LeafBinding {
  std::array<const void*, L> base{};
  std::array<Dims, L> strides;
  std::array<std::shared_ptr<const void>, L> keep;
};

// Binds e's leaves to `shape`. With `copy_if_overlapping`, a leaf that may be overwritten before
// it is read (same buffer as `out`, not the identical view) is copied first, as eager operations
// do; allocation happens only then.
template <class E, class O>
LeafBinding<E::leaf_count> bind_leaves(const E& e, std::span<const index_t> shape, const Tensor<O>& out,
                                       bool copy_if_overlapping) {
  LeafBinding<E::leaf_count> b;
  std::size_t k = 0;
  e.visit_leaves([&]<class T>(const Tensor<T>& t) {
    Layout stretched = broadcast_layout(t.layout(), shape);
    if (copy_if_overlapping && needs_private_copy(out, t, stretched)) {
      const Tensor<T> copy = t.copy();
      stretched = broadcast_layout(copy.layout(), shape);
      b.keep[k] = copy.buffer();
      b.base[k] = copy.buffer().get() + stretched.offset;
    } else {
      b.base[k] = t.buffer().get() + stretched.offset;
    }
    b.strides[k] = std::move(stretched.strides);
    ++k;
  });
  return b;
}

template <std::size_t L>
LoopNest<L + first_leaf_operand> make_expression_nest(std::span<const index_t> shape, std::span<const index_t> order,
                                                      std::span<const index_t> out_strides,
                                                      const LeafBinding<L>& b) {
  constexpr std::size_t N = L + first_leaf_operand;
  return [&]<std::size_t... K>(std::index_sequence<K...>) {
    return make_loop_nest<N>(shape, std::array<std::span<const index_t>, N>{
                                        order, out_strides, std::span<const index_t>(b.strides[K])...});
  }(std::make_index_sequence<L>{});
}

// The runs of the two innermost nest dimensions at one position of the outer ones: `rows` runs of
// n elements; the next run is one shift(axis, 1) of the cursor and `out_step` of the output away.
struct RowGroup {
  index_t rows;
  index_t n;
  std::size_t axis;
  index_t out_step;
};

// Calls block(group, cursor, o) for each group of runs, with the cursor and the output pointer at
// the group's first element. Handing over whole groups lets a reduction sum several short runs at
// once (the k-means lines sum 130000 runs of 26).
template <std::size_t N, class Cur, class O, class Block>
void walk(const LoopNest<N>& nest, Cur cur, O* out, const Block& block) {
  if (nest.empty) return;
  const std::size_t rank = nest.shape.size();
  const Dims& os = nest.strides[1];
  if (rank < 2) {
    block(RowGroup{1, rank == 0 ? 1 : nest.shape[0], 0, 0}, cur, out);
    return;
  }
  const std::size_t rows_axis = rank - 2;
  const RowGroup group{nest.shape[rows_axis], nest.shape[rank - 1], rows_axis, os[rows_axis]};
  Dims counter(rank - 2, 0);
  while (true) {
    block(group, cur, out);
    // Odometer over the outer dimensions, last one fastest.
    std::size_t axis = rows_axis;
    while (true) {
      if (axis == 0) return;
      --axis;
      cur.shift(axis, 1);
      out += os[axis];
      if (++counter[axis] < nest.shape[axis]) break;
      cur.shift(axis, -nest.shape[axis]);
      out -= os[axis] * nest.shape[axis];
      counter[axis] = 0;
    }
  }
}

// Calls run(n, cursor, o) for each run of the group. The cursor moves only between runs, so a
// group of one run never reads a stride of a dimension the nest does not have.
template <class Cur, class O, class Run>
void for_each_row(const RowGroup& g, Cur c, O* o, const Run& run) {
  for (index_t r = 0;;) {
    run(g.n, c, o);
    if (++r == g.rows) return;
    c.shift(g.axis, 1);
    o += g.out_step;
  }
}

// walk(), with the outermost dimension split across OpenMP threads when the nest is large, the
// output advances along that dimension (so no two threads write one element) and we are not
// already in a parallel region.
template <std::size_t N, class Cur, class O, class Block>
void parallel_walk(const LoopNest<N>& nest, const Cur& cur, O* out, const Block& block) {
  if (nest.empty) return;
  const int threads =
      nest.shape.empty() || nest.strides[1][0] == 0 ? 1 : parallel_threads(shape_size(nest.shape), nest.shape[0]);
  if (threads == 1) {
    walk(nest, cur, out, block);
    return;
  }
  parallel_for_ranges(threads, nest.shape[0], [&](index_t lo, index_t hi) {
    // The slab's cursor points into `nest`'s strides, which the copy leaves untouched.
    LoopNest<N> part = nest;
    part.shape[0] = hi - lo;
    Cur c = cur;
    c.shift(0, lo);
    walk(part, c, out + lo * nest.strides[1][0], block);
  });
}

// ---- elementwise evaluation ---------------------------------------------------------------------

// out = e elementwise; out has e's shape (checked by the caller). Leaves overlapping out are
// copied first; otherwise allocates nothing.
template <class E, class O>
void evaluate_into(const E& e, const Tensor<O>& out) {
  constexpr std::size_t L = E::leaf_count;
  const LeafBinding<L> b = bind_leaves(e, out.shape(), out, true);
  const auto nest = make_expression_nest(out.shape(), out.strides(), out.strides(), b);
  std::size_t k = 0;
  const auto cur = e.cursor(nest, b.base, k);
  const bool unit = cur.unit() && innermost_stride(nest.strides[1]) == 1;
  if (unit) {
    parallel_walk(nest, cur, out.data(), [](const RowGroup& g, const auto& cur, O* out) {
      for_each_row(g, cur, out, [](index_t n, const auto& c, O* o) {
#pragma omp simd
        for (index_t i = 0; i < n; ++i) o[i] = static_cast<O>(c.template load<true>(i));
      });
    });
  } else {
    const index_t so = innermost_stride(nest.strides[1]);
    parallel_walk(nest, cur, out.data(), [so](const RowGroup& g, const auto& cur, O* out) {
      for_each_row(g, cur, out, [so](index_t n, const auto& c, O* o) {
        for (index_t i = 0; i < n; ++i) o[i * so] = static_cast<O>(c.template load<false>(i));
      });
    });
  }
}

// ---- sums ---------------------------------------------------------------------------------------

// The sum of the run's n elements, accumulated in Acc. Eight partial sums updated a chunk of eight
// at a time (GCC turns the chunk into vector adds; NumPy's pairwise sum uses eight accumulators in
// its base case too), then the tail. Runs longer than a block are split in halves, pairwise, so
// that rounding error grows with log(n), as NumPy's and the eager sum's do.
inline constexpr index_t pairwise_block = 4096;

template <class Acc>
Acc combine_partial_sums(const Acc (&acc)[8]) {
  return add_op::apply(add_op::apply(add_op::apply(acc[0], acc[4]), add_op::apply(acc[1], acc[5])),
                       add_op::apply(add_op::apply(acc[2], acc[6]), add_op::apply(acc[3], acc[7])));
}

template <bool Unit, class Acc, class Cur>
Acc sum_run(const Cur& c, index_t n) {
  if (std::is_floating_point_v<Acc> && n > pairwise_block) {
    const index_t half = (n / 2 + pairwise_block - 1) / pairwise_block * pairwise_block;
    Cur rest = c;
    rest.skip(half);
    return sum_run<Unit, Acc>(c, half) + sum_run<Unit, Acc>(rest, n - half);
  }
  Acc acc[8] = {};
  index_t i = 0;
  for (; i + 8 <= n; i += 8)
    for (index_t l = 0; l < 8; ++l) acc[l] = add_op::apply(acc[l], static_cast<Acc>(c.template load<Unit>(i + l)));
  Acc r = combine_partial_sums(acc);
  for (; i < n; ++i) r = add_op::apply(r, static_cast<Acc>(c.template load<Unit>(i)));
  return r;
}

// Adds the sum of each run of the group to its output element. Short runs go four at a time, each
// with its own eight partial sums: a single run of 26 is a chain of dependent adds followed by a
// horizontal combine, and four independent chains overlap. Each run is summed in exactly the order
// sum_run uses, so the result does not depend on how runs were grouped.
template <bool Unit, class Acc, class Cur>
void sum_runs(const RowGroup& g, Cur c, Acc* o) {
  const index_t n = g.n;
  index_t r = 0;
  if (n <= pairwise_block) {
    for (; r + 4 <= g.rows; r += 4) {
      Cur c1 = c;
      c1.shift(g.axis, 1);
      Cur c2 = c1;
      c2.shift(g.axis, 1);
      Cur c3 = c2;
      c3.shift(g.axis, 1);
      Acc a0[8] = {}, a1[8] = {}, a2[8] = {}, a3[8] = {};
      index_t i = 0;
      for (; i + 8 <= n; i += 8) {
        for (index_t l = 0; l < 8; ++l) {
          a0[l] = add_op::apply(a0[l], static_cast<Acc>(c.template load<Unit>(i + l)));
          a1[l] = add_op::apply(a1[l], static_cast<Acc>(c1.template load<Unit>(i + l)));
          a2[l] = add_op::apply(a2[l], static_cast<Acc>(c2.template load<Unit>(i + l)));
          a3[l] = add_op::apply(a3[l], static_cast<Acc>(c3.template load<Unit>(i + l)));
        }
      }
      Acc t0 = combine_partial_sums(a0), t1 = combine_partial_sums(a1), t2 = combine_partial_sums(a2),
          t3 = combine_partial_sums(a3);
      for (; i < n; ++i) {
        t0 = add_op::apply(t0, static_cast<Acc>(c.template load<Unit>(i)));
        t1 = add_op::apply(t1, static_cast<Acc>(c1.template load<Unit>(i)));
        t2 = add_op::apply(t2, static_cast<Acc>(c2.template load<Unit>(i)));
        t3 = add_op::apply(t3, static_cast<Acc>(c3.template load<Unit>(i)));
      }
      o[0] = add_op::apply(o[0], t0);
      o[g.out_step] = add_op::apply(o[g.out_step], t1);
      o[2 * g.out_step] = add_op::apply(o[2 * g.out_step], t2);
      o[3 * g.out_step] = add_op::apply(o[3 * g.out_step], t3);
      if (r + 4 == g.rows) return;
      c = c3;
      c.shift(g.axis, 1);
      o += 4 * g.out_step;
    }
  }
  if (r == g.rows) return;
  for_each_row(RowGroup{g.rows - r, n, g.axis, g.out_step}, c, o, [](index_t len, const Cur& cr, Acc* out) {
    *out = add_op::apply(*out, sum_run<Unit, Acc>(cr, len));
  });
}

// Adds e's elements into `out` (which holds zeros or a partial sum; its shape is e's reduced over
// `mask`, with or without the kept dimensions), accumulating in out's type. out must not overlap
// a leaf (checked by the caller). Allocates nothing.
template <class E, class Acc>
void sum_into(const E& e, const Dims& mask, const Tensor<Acc>& out) {
  constexpr std::size_t L = E::leaf_count;
  const Dims& shape = e.shape();
  const LeafBinding<L> b = bind_leaves(e, shape, out, false);
  const Dims out_strides = stretched_out_strides(out, shape, mask);
  // The expression's C order: the innermost run is its last axis, whether reduced or not.
  const Dims order = row_major_strides(shape);
  const auto nest = make_expression_nest(shape, order, out_strides, b);
  std::size_t k = 0;
  const auto cur = e.cursor(nest, b.base, k);
  const index_t so = innermost_stride(nest.strides[1]);
  const bool unit = cur.unit();
  if (so == 0) {
    // The run is reduced: one sum per run.
    if (unit) parallel_walk(nest, cur, out.data(), [](const RowGroup& g, const auto& c, Acc* o) { sum_runs<true>(g, c, o); });
    else parallel_walk(nest, cur, out.data(), [](const RowGroup& g, const auto& c, Acc* o) { sum_runs<false>(g, c, o); });
  } else if (unit && so == 1) {
    // The run is kept: accumulate it into the output row.
    parallel_walk(nest, cur, out.data(), [](const RowGroup& g, const auto& cur, Acc* out) {
      for_each_row(g, cur, out, [](index_t n, const auto& c, Acc* o) {
#pragma omp simd
        for (index_t i = 0; i < n; ++i) o[i] = add_op::apply(o[i], static_cast<Acc>(c.template load<true>(i)));
      });
    });
  } else {
    parallel_walk(nest, cur, out.data(), [so](const RowGroup& g, const auto& cur, Acc* out) {
      for_each_row(g, cur, out, [so](index_t n, const auto& c, Acc* o) {
        for (index_t i = 0; i < n; ++i)
          o[i * so] = add_op::apply(o[i * so], static_cast<Acc>(c.template load<false>(i)));
      });
    });
  }
}

// e summed over the axes in mask into a fresh tensor of R (with or without the reduced axes).
template <class R, class E>
Tensor<R> sum_fresh(const E& e, const Dims& mask, bool keepdims) {
  auto out = Tensor<R>::fresh(reduced_shape(e.shape(), mask, keepdims));
  out.fill(R{0});
  sum_into(e, mask, out);
  return out;
}

}  // namespace einspan::detail
