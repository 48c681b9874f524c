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
#include <einspan/tensor/detail/pairwise_sum.hpp>
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

// o + the sum of the run's n elements, accumulated in Acc: floating sums in the one order of
// pairwise_sum.hpp (the eager sum's and NumPy's, so sum(a * b) gives the bits of sum of the
// evaluated product), integer sums with eight accumulators (their order does not matter).
template <bool Unit, class Acc, class Cur>
Acc sum_run(Acc o, const Cur& c, index_t n) {
  const auto load = [&c](index_t i) { return static_cast<Acc>(c.template load<Unit>(i)); };
  if constexpr (std::is_floating_point_v<Acc>) {
    return pairwise_sum<Acc>(o, load, n);
  } else {
    Acc acc[8] = {};
    index_t i = 0;
    for (; i + 8 <= n; i += 8)
      for (index_t l = 0; l < 8; ++l) acc[l] = add_op::apply(acc[l], load(i + l));
    for (; i < n; ++i) acc[0] = add_op::apply(acc[0], load(i));
    Acc r = o;
    for (index_t l = 0; l < 8; ++l) r = add_op::apply(r, acc[l]);
    return r;
  }
}

// Adds the sum of each run of the group to its output element. Runs of at most one pairwise leaf
// go four at a time: a single run of 26 is a chain of dependent adds followed by a horizontal
// combine, and four independent chains overlap. Each run is summed in exactly the order sum_run
// uses, so the result does not depend on how runs were grouped.
template <bool Unit, class Acc, class Cur>
void sum_runs(const RowGroup& g, Cur c, Acc* o) {
  const index_t n = g.n;
  index_t r = 0;
  if (n <= pairwise_leaf) {
    for (; r + 4 <= g.rows; r += 4) {
      std::array<Cur, 4> rows{c, c, c, c};
      for (int k = 1; k < 4; ++k) {
        rows[k] = rows[k - 1];
        rows[k].shift(g.axis, 1);
      }
      std::array<Acc, 4> t;
      const auto load = [&rows](int k, index_t i) { return static_cast<Acc>(rows[k].template load<Unit>(i)); };
      if constexpr (std::is_floating_point_v<Acc>) {
        t = pairwise_leaf_sums4<Acc>(load, n);
      } else {
        t = {};
        for (index_t i = 0; i < n; ++i)
          for (int k = 0; k < 4; ++k) t[k] = add_op::apply(t[k], load(k, i));
      }
      for (int k = 0; k < 4; ++k) o[k * g.out_step] = add_op::apply(o[k * g.out_step], t[k]);
      if (r + 4 == g.rows) return;
      c = rows[3];
      c.shift(g.axis, 1);
      o += 4 * g.out_step;
    }
  }
  if (r == g.rows) return;
  for_each_row(RowGroup{g.rows - r, n, g.axis, g.out_step}, c, o, [](index_t len, const Cur& cr, Acc* out) {
    *out = sum_run<Unit>(*out, cr, len);
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
