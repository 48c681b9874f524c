#pragma once
// The reduction driver behind sum, prod, mean, min, max, norm and the nan reductions: the input
// is walked in its own memory order (so the innermost loop is always the input's unit stride)
// with the output stretched over it by zero strides. When the reduced axis is innermost, each
// run is reduced into one output element: floating sums in the order of pairwise_sum.hpp (the
// dispatched kernel of src/sum_kernels.cpp for float and double runs), other operations with
// several independent accumulators (min and max of floats through src/minmax_kernels.cpp). When
// a leading axis is reduced, each input row is accumulated into the output row with a
// vectorised elementwise loop, in row order (as NumPy's). Either way there is no strided inner
// loop.
#include <einspan/tensor/detail/pairwise_sum.hpp>
#include <einspan/tensor/detail/reduce_kernels.hpp>
#include <einspan/tensor/detail/reduce_ops.hpp>
#include <einspan/tensor/tensor.hpp>
#include <type_traits>

namespace einspan::detail {

// Output shape of a reduction: reduced axes removed, or kept with size 1.
inline Dims reduced_shape(const Dims& shape, const Dims& mask, bool keepdims) {
  Dims out;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (!mask[i]) out.push_back(shape[i]);
    else if (keepdims) out.push_back(1);
  }
  return out;
}

inline index_t reduced_count(const Dims& shape, const Dims& mask) {
  index_t n = 1;
  for (std::size_t i = 0; i < shape.size(); ++i)
    if (mask[i]) n *= shape[i];
  return n;
}

// The strides of `out` (whose shape is the reduced shape, with or without kept dimensions) laid
// over the input's rank: zero on reduced axes, so every input element maps to its output.
template <class O>
Dims stretched_out_strides(const Tensor<O>& out, const Dims& in_shape, const Dims& mask) {
  const bool keepdims = out.ndim() == in_shape.size();
  Dims strides(in_shape.size(), 0);
  std::size_t k = 0;
  for (std::size_t i = 0; i < in_shape.size(); ++i) {
    if (!mask[i]) strides[i] = out.strides()[k];
    if (!mask[i] || keepdims) ++k;
  }
  return strides;
}

// out must have the reduced shape, with or without the kept dimensions.
template <class O>
void check_reduce_out(const char* what, const Tensor<O>& out, const Dims& in_shape, const Dims& mask) {
  const Dims keep = reduced_shape(in_shape, mask, true), drop = reduced_shape(in_shape, mask, false);
  if (out.shape() != keep && out.shape() != drop)
    throw ShapeError(fmt::format("{}: output array of shape {} does not match the result shape {}", what,
                                 format_shape(out.shape()), format_shape(drop)));
}

// Whether Op is a floating sum (sum, nansum, norm's sum of squares): added in pairwise_sum.hpp's order.
template <class Op, class Acc>
inline constexpr bool is_floating_sum = std::is_floating_point_v<Acc> && std::is_base_of_v<sum_reduction<Acc>, Op>;

// Floating min and max over contiguous runs go to the dispatched kernels (reduce_kernels.hpp).
template <class Op, class Acc, class T>
inline constexpr bool lane_minmax = std::is_same_v<Acc, T> && std::is_floating_point_v<T> &&
                                    (std::is_same_v<Op, min_reduction<Acc>> || std::is_same_v<Op, max_reduction<Acc>>);

// Reduces n contiguous elements with an operation other than a floating sum. Independent
// accumulators let the compiler vectorise and hide the latency; floating products of long runs
// are split in halves so rounding error grows with log(n).
template <class Op, class Acc, class T>
Acc reduce_contiguous(const T* p, index_t n) {
  static_assert(!is_floating_sum<Op, Acc>, "floating sums go through pairwise_sum.hpp");
  constexpr index_t block = 4096;
  constexpr index_t lanes = 128 / sizeof(Acc);
  if (n < 2 * lanes) {
    // Short rows: four accumulators, one vector register wide, instead of a 16-lane tree that a
    // short row would mostly spend combining.
    Acc a0 = Op::identity(), a1 = a0, a2 = a0, a3 = a0;
    index_t i = 0;
    for (; i + 4 <= n; i += 4) {
      a0 = Op::combine(a0, Op::map(p[i]));
      a1 = Op::combine(a1, Op::map(p[i + 1]));
      a2 = Op::combine(a2, Op::map(p[i + 2]));
      a3 = Op::combine(a3, Op::map(p[i + 3]));
    }
    for (; i < n; ++i) a0 = Op::combine(a0, Op::map(p[i]));
    return Op::combine(Op::combine(a0, a2), Op::combine(a1, a3));
  }
  if constexpr (lane_minmax<Op, Acc, T>) {
    if constexpr (std::is_same_v<Op, min_reduction<Acc>>) return min_contiguous(p, n);
    else return max_contiguous(p, n);
  }
  if (std::is_floating_point_v<Acc> && n > block) {
    const index_t half = (n / 2 + block - 1) / block * block;
    return Op::combine(reduce_contiguous<Op, Acc>(p, half), reduce_contiguous<Op, Acc>(p + half, n - half));
  }
  Acc acc[lanes];
  for (index_t l = 0; l < lanes; ++l) acc[l] = Op::identity();
  index_t i = 0;
  for (; i + lanes <= n; i += lanes)
    for (index_t l = 0; l < lanes; ++l) acc[l] = Op::combine(acc[l], Op::map(p[i + l]));
  for (; i < n; ++i) acc[0] = Op::combine(acc[0], Op::map(p[i]));
  for (index_t width = lanes / 2; width > 0; width /= 2)
    for (index_t l = 0; l < width; ++l) acc[l] = Op::combine(acc[l], acc[l + width]);
  return acc[0];
}

// *o combined with the reduction of the run p[0], p[step], ..., p[(n - 1) * step].
template <class Op, class Acc, class T>
void reduce_run(Acc* o, const T* p, index_t step, index_t n) {
  if constexpr (is_floating_sum<Op, Acc>) {
    if constexpr (std::is_same_v<Op, sum_reduction<Acc>> && std::is_same_v<T, Acc>) {
      if (step == 1) {
        *o = sum_contiguous(*o, p, n);
        return;
      }
    }
    *o = pairwise_sum<Acc>(*o, [p, step](index_t i) { return Op::map(p[i * step]); }, n);
  } else {
    Acc r;
    if (step == 1) {
      r = reduce_contiguous<Op, Acc>(p, n);
    } else {
      r = Op::identity();
      for (index_t i = 0; i < n; ++i) r = Op::combine(r, Op::map(p[i * step]));
    }
    *o = Op::combine(*o, r);
  }
}

// Accumulates `in` into `out` (already holding the identity, or a partial result), with out
// stretched over in's shape by zero strides on the reduced axes.
template <class Op, class Acc, class T>
void reduce_into(const Tensor<T>& in, Acc* out, std::span<const index_t> out_strides) {
  const auto nest = make_loop_nest<2>(in.shape(), {std::span<const index_t>(in.strides()), out_strides});
  if constexpr (std::is_same_v<Op, sum_reduction<Acc>> && std::is_same_v<T, Acc> && std::is_floating_point_v<T>) {
    // Float sums of many short unit-stride rows (the last axis of a C-contiguous tensor): four
    // rows at a time in one call of the kernel, rather than a call per row.
    if (!nest.empty && nest.shape.size() == 2 && nest.shape[1] <= pairwise_leaf && nest.strides[0][1] == 1 &&
        nest.strides[1][1] == 0 && shape_size(nest.shape) < parallel_min_elements) {
      sum_rows(in.data(), nest.shape[0], nest.shape[1], nest.strides[0][0], out, nest.strides[1][0]);
      return;
    }
  }
  // Threads split the outermost dimension along which the output advances, so that no two
  // threads accumulate into the same output element (for a first-axis reduction that is the
  // column dimension; for a last-axis one, the rows).
  std::size_t split = 0;
  while (split < nest.shape.size() && nest.strides[1][split] == 0) ++split;
  parallel_for_each_run_along(
      nest, split,
      [](index_t n, const std::array<index_t, 2>& s, const T* p, Acc* o) {
        if (s[1] == 0) {
          reduce_run<Op>(o, p, s[0], n);
        } else if (s[0] == 1 && s[1] == 1) {
#pragma omp simd
          for (index_t i = 0; i < n; ++i) o[i] = Op::combine(o[i], Op::map(p[i]));
        } else {
          for (index_t i = 0; i < n; ++i) o[i * s[1]] = Op::combine(o[i * s[1]], Op::map(p[i * s[0]]));
        }
      },
      in.data(), out);
}

template <class T, class O>
void check_no_overlap(const char* what, const Tensor<T>& in, const Tensor<O>& out) {
  if (may_share_memory(in, out))
    throw ValueError(fmt::format("{}: the output array overlaps the input; pass a separate array", what));
}

// Reduces `in` over `mask` into the given out tensor (accumulating in out's type).
template <class Op, class T, class O>
void reduce_to(const char* what, const Tensor<T>& in, const Dims& mask, const Tensor<O>& out) {
  check_reduce_out(what, out, in.shape(), mask);
  check_no_overlap(what, in, out);
  out.fill(Op::identity());
  reduce_into<Op, O>(in, out.data(), stretched_out_strides(out, in.shape(), mask));
}

template <class Op, class T>
void check_has_identity(const Tensor<T>& in, const Dims& mask) {
  if (reduced_count(in.shape(), mask) == 0 && shape_size(reduced_shape(in.shape(), mask, false)) > 0)
    throw ValueError(fmt::format("zero-size array to reduction operation {} which has no identity", Op::name));
}


}  // namespace einspan::detail
