#pragma once
// Reductions: sum, prod, mean, min, max, norm over one axis, several axes or all of them, with
// keepdims; argmin and argmax over one axis or the flattened tensor.
//
//   NumPy                          einspan
//   a.sum()                        sum(a)               (0-d tensor; .item() for the value)
//   a.sum(axis=1)                  sum(a, 1)
//   a.sum(axis=(0, 2), keepdims=1) sum(a, {0, 2}, true)
//   np.sum(a, axis=1, out=o)       sum(a, 1, o)         (allocates nothing)
//   a.mean(0), a.min(1), a.max()   mean(a, 0), min(a, 1), max(a)
//   a.prod(axis=1)                 prod(a, 1)           (sum's result types; wraps)
//   np.linalg.norm(a, axis=1)      norm(a, 1)           (L2)
//   a.argmin(axis=1)               argmin(a, 1)         (Tensor<int64_t>; ties -> lowest index)
//   np.argmin(a, axis=1, out=o)    argmin(a, 1, o)      (allocates nothing)
//
// Result types (NumPy's): sum of bool and signed integers is int64, of unsigned integers uint64,
// of float float, of double double; mean and norm are float for float and double otherwise; min
// and max keep the type. Integer sums wrap around on overflow, as NumPy's do.
//
// Empty reductions: sum of nothing is 0; mean of nothing is NaN (NumPy adds a warning); min, max,
// argmin and argmax over an empty axis throw ValueError in NumPy's words ("zero-size array to
// reduction operation minimum which has no identity", "attempt to get argmin of an empty
// sequence"), unless the result itself is empty. NaN propagates through min/max, and
// argmin/argmax return the first NaN's index, as NumPy does.
//
// How it runs: the input is walked in its own memory order (so the innermost loop is always the
// input's unit stride) with the output stretched over it by zero strides. When the reduced axis
// is innermost, each run is summed into one output element with several independent
// accumulators (vectorised, and pairwise for floats as NumPy's sum is); when a leading axis is
// reduced, each input row is accumulated into the output row with a vectorised elementwise loop.
// Either way there is no strided inner loop.
#include <cmath>
#include <cstring>
#include <einspan/tensor/elementwise.hpp>
#include <einspan/tensor/tensor.hpp>
#include <limits>

namespace einspan {

// Which axes a reduction removes: one axis (negative counts from the end), a list of axes, or
// (default-constructed via all()) every axis.
class Axes {
 public:
  template <std::integral I>
  Axes(I axis) : axes_{static_cast<index_t>(axis)} {}
  Axes(std::initializer_list<index_t> axes) : axes_(axes) {}
  Axes(std::span<const index_t> axes) : axes_(axes) {}
  // Whether this is Axes::all() (NumPy's axis=None) rather than an explicit list.
  bool is_all() const { return all_; }
  static Axes all() {
    Axes a{std::initializer_list<index_t>{}};
    a.all_ = true;
    return a;
  }

  // One flag per dimension of a rank-`ndim` tensor. Throws AxisError for an axis out of range and
  // ValueError "duplicate value in 'axis'".
  Dims mask(std::size_t ndim) const {
    Dims flags(ndim, all_ ? 1 : 0);
    for (const index_t a : axes_) {
      index_t& f = flags[normalize_axis(a, ndim)];
      if (f) throw ValueError("duplicate value in 'axis'");
      f = 1;
    }
    return flags;
  }

 private:
  Dims axes_;
  bool all_ = false;
};

template <Element T>
using sum_t = std::conditional_t<std::is_floating_point_v<T>, T,
                                 std::conditional_t<std::is_unsigned_v<T> && !std::is_same_v<T, bool>, std::uint64_t,
                                                    std::int64_t>>;
template <Element T>
using mean_t = std::conditional_t<std::is_same_v<T, float>, float, double>;

namespace detail {

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

// ---- reduction operations: identity, per-element map into the accumulator type, combine ------
template <class Acc>
struct sum_reduction {
  static Acc identity() { return Acc{0}; }
  template <class T>
  static Acc map(T x) {
    return static_cast<Acc>(x);
  }
  static Acc combine(Acc a, Acc b) { return add_op::apply(a, b); }
};
template <class Acc>
struct prod_reduction {
  static Acc identity() { return Acc{1}; }
  template <class T>
  static Acc map(T x) {
    return static_cast<Acc>(x);
  }
  static Acc combine(Acc a, Acc b) { return multiply_op::apply(a, b); }
};
template <class Acc>
struct sum_squares_reduction : sum_reduction<Acc> {
  template <class T>
  static Acc map(T x) {
    const Acc v = static_cast<Acc>(x);
    return v * v;
  }
};
template <class Acc>
struct min_reduction {
  static constexpr const char* name = "minimum";
  static Acc identity() {
    if constexpr (std::is_floating_point_v<Acc>) return std::numeric_limits<Acc>::infinity();
    else return std::numeric_limits<Acc>::max();
  }
  template <class T>
  static Acc map(T x) {
    return static_cast<Acc>(x);
  }
  static Acc combine(Acc a, Acc b) { return minimum_op::apply(a, b); }
  // The same on whole vector registers (GCC vector extensions): NaN-propagating compare-and-blend.
  template <class V>
  static V combine_lanes(V a, V b) {
    return minimum_op::apply(a, b);
  }
};
template <class Acc>
struct max_reduction : min_reduction<Acc> {
  static constexpr const char* name = "maximum";
  static Acc identity() {
    if constexpr (std::is_floating_point_v<Acc>) return -std::numeric_limits<Acc>::infinity();
    else return std::numeric_limits<Acc>::lowest();
  }
  static Acc combine(Acc a, Acc b) { return maximum_op::apply(a, b); }
  template <class V>
  static V combine_lanes(V a, V b) {
    return maximum_op::apply(a, b);
  }
};

// One 32-byte register of T (a GCC/Clang vector extension, so one source serves SSE, AVX2 and
// AVX-512 builds) and an unaligned load of one, for the short-row kernels below.
template <class T>
struct Register32 {
  typedef T type __attribute__((vector_size(32)));
  static constexpr index_t lanes = 32 / sizeof(T);
  static type load(const T* p) {
    type v;
    std::memcpy(&v, p, sizeof v);
    return v;
  }
};

// Floating min and max over contiguous runs: written on vector registers because GCC turns the
// NaN-propagating select of the generic loop into a branch per element (min(axis=1) ran at half
// NumPy's speed).
template <class Op, class Acc, class T>
inline constexpr bool lane_minmax = std::is_same_v<Acc, T> && std::is_floating_point_v<T> &&
                                    (std::is_same_v<Op, min_reduction<Acc>> || std::is_same_v<Op, max_reduction<Acc>>);

// Op over p[0..n), n >= 4 vectors' worth: four independent vector accumulators, then the lanes.
template <class Op, class T>
T minmax_contiguous(const T* p, index_t n) {
  using VT = typename Register32<T>::type;
  constexpr index_t lanes = Register32<T>::lanes;
  const auto load = [p](index_t i) { return Register32<T>::load(p + i); };
  VT a0 = load(0), a1 = load(lanes), a2 = load(2 * lanes), a3 = load(3 * lanes);
  index_t i = 4 * lanes;
  for (; i + 4 * lanes <= n; i += 4 * lanes) {
    a0 = Op::combine_lanes(a0, load(i));
    a1 = Op::combine_lanes(a1, load(i + lanes));
    a2 = Op::combine_lanes(a2, load(i + 2 * lanes));
    a3 = Op::combine_lanes(a3, load(i + 3 * lanes));
  }
  const VT a = Op::combine_lanes(Op::combine_lanes(a0, a1), Op::combine_lanes(a2, a3));
  T r = a[0];
  for (index_t l = 1; l < lanes; ++l) r = Op::combine(r, a[l]);
  for (; i < n; ++i) r = Op::combine(r, p[i]);
  return r;
}

// Reduces n contiguous elements. Independent accumulators let the compiler vectorise and hide
// the add latency; for floating sums, long runs are split pairwise so rounding error grows with
// log(n) as in NumPy's pairwise summation.
template <class Op, class Acc, class T>
Acc reduce_contiguous(const T* p, index_t n) {
  constexpr index_t block = 4096;
  constexpr index_t lanes = 128 / sizeof(Acc);
  if (n < 2 * lanes) {
    // Short rows (the k-means lines sum runs of 26): four accumulators, one vector register
    // wide, instead of a 16-lane tree that a short row would mostly spend combining.
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
    return minmax_contiguous<Op>(p, n);
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

// Adds the sum of each of `rows` short rows (n elements, unit stride, rows row_stride apart) to
// o[i * out_stride]. Four rows at a time, each with a vector accumulator: the four chains are
// independent, so the adds overlap instead of waiting on one another, and the per-row cost is
// a few vector adds rather than a call plus a 16-lane tree (the k-means lines sum 130000 rows
// of 26).
template <class T>
void sum_short_rows(const T* p, index_t rows, index_t n, index_t row_stride, T* o, index_t out_stride) {
  constexpr index_t lanes = 32 / sizeof(T);
  typedef T VT __attribute__((vector_size(32)));
  const auto hsum = [](VT v) {
    T t = v[0];
    for (index_t l = 1; l < lanes; ++l) t += v[l];
    return t;
  };
  index_t i = 0;
  for (; i + 4 <= rows; i += 4) {
    const T* r0 = p + i * row_stride;
    const T* r1 = r0 + row_stride;
    const T* r2 = r1 + row_stride;
    const T* r3 = r2 + row_stride;
    VT a0{}, a1{}, a2{}, a3{};
    index_t j = 0;
    for (; j + lanes <= n; j += lanes) {
      VT v0, v1, v2, v3;
      std::memcpy(&v0, r0 + j, sizeof(VT));
      std::memcpy(&v1, r1 + j, sizeof(VT));
      std::memcpy(&v2, r2 + j, sizeof(VT));
      std::memcpy(&v3, r3 + j, sizeof(VT));
      a0 += v0;
      a1 += v1;
      a2 += v2;
      a3 += v3;
    }
    T t0 = hsum(a0), t1 = hsum(a1), t2 = hsum(a2), t3 = hsum(a3);
    for (; j < n; ++j) {
      t0 += r0[j];
      t1 += r1[j];
      t2 += r2[j];
      t3 += r3[j];
    }
    o[i * out_stride] += t0;
    o[(i + 1) * out_stride] += t1;
    o[(i + 2) * out_stride] += t2;
    o[(i + 3) * out_stride] += t3;
  }
  // The last rows % 4 rows, one at a time.
  const T* r = p + i * row_stride;
  T* last = o + i * out_stride;
  for (index_t left = rows - i; left > 0; --left, r += row_stride, last += out_stride) {
    T t = 0;
    for (index_t j = 0; j < n; ++j) t += r[j];
    *last += t;
  }
}

// Accumulates `in` into `out` (already holding the identity, or a partial result), with out
// stretched over in's shape by zero strides on the reduced axes.
template <class Op, class Acc, class T>
void reduce_into(const Tensor<T>& in, Acc* out, std::span<const index_t> out_strides) {
  const auto nest = make_loop_nest<2>(in.shape(), {std::span<const index_t>(in.strides()), out_strides});
  if constexpr (std::is_same_v<Op, sum_reduction<Acc>> && std::is_same_v<T, Acc> && std::is_floating_point_v<T>) {
    // Float sums of many short unit-stride rows (the last axis of a C-contiguous tensor).
    if (!nest.empty && nest.shape.size() == 2 && nest.shape[1] < 64 / static_cast<index_t>(sizeof(T)) &&
        nest.strides[0][1] == 1 && nest.strides[1][1] == 0 && shape_size(nest.shape) < parallel_min_elements) {
      sum_short_rows(in.data(), nest.shape[0], nest.shape[1], nest.strides[0][0], out, nest.strides[1][0]);
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
          Acc r;
          if (s[0] == 1) {
            r = reduce_contiguous<Op, Acc>(p, n);
          } else {
            r = Op::identity();
            for (index_t i = 0; i < n; ++i) r = Op::combine(r, Op::map(p[i * s[0]]));
          }
          *o = Op::combine(*o, r);
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

template <class Op, class R, class T>
Tensor<R> reduce_fresh(const char* what, const Tensor<T>& in, const Axes& axes, bool keepdims) {
  const Dims mask = axes.mask(in.ndim());
  auto out = Tensor<R>::fresh(reduced_shape(in.shape(), mask, keepdims));
  reduce_to<Op>(what, in, mask, out);
  return out;
}

// ---- argmin / argmax ---------------------------------------------------------------------------
struct argmin_order {
  static constexpr const char* name = "argmin";
  // True when v should replace best: strictly smaller (ties keep the lowest index), or the first
  // NaN (after which nothing replaces it).
  template <class T>
  static bool better(T v, T best) {
    return v < best || (v != v && best == best);
  }
  // The same for vectors of lanes: a lane mask (all ones where v is better).
  template <class V>
  static auto better_lanes(V v, V best) {
    return (v < best) | ((v != v) & (best == best));
  }
};
struct argmax_order {
  static constexpr const char* name = "argmax";
  template <class T>
  static bool better(T v, T best) {
    return v > best || (v != v && best == best);
  }
  template <class V>
  static auto better_lanes(V v, V best) {
    return (v > best) | ((v != v) & (best == best));
  }
};

template <class Order, class T>
std::int64_t arg_scan_strided(const T* q, index_t length, index_t step) {
  T best = q[0];
  std::int64_t at = 0;
  for (index_t r = 1; r < length; ++r) {
    const T v = q[r * step];
    if (Order::better(v, best)) {
      best = v;
      at = r;
    }
  }
  return at;
}

// Index of the best of a short floating row q[0..length), lanes <= length <= short_row_max, in
// two passes with no compare-and-blend chain: the best value (vector min/max, with a NaN flag),
// then the lowest index holding it (indices kept as floating lanes so that one vector min finds
// the lowest). The last vector is the one ending at `length`, overlapping the one before it,
// which both passes tolerate. For argmin over 26 distances this is about twice as fast as the
// one-pass scan below, whose blends wait on each other.
inline constexpr index_t short_row_max = 128;

template <class Order, class T>
std::int64_t arg_scan_short(const T* q, index_t length) {
  using VT = typename Register32<T>::type;
  constexpr index_t lanes = Register32<T>::lanes;
  const auto load = [q](index_t i) { return Register32<T>::load(q + i); };
  const index_t last = length - lanes;
  constexpr bool is_min = std::is_same_v<Order, argmin_order>;
  const auto pick = [](VT a, VT b) {
    if constexpr (is_min) return a < b ? a : b;
    else return a > b ? a : b;
  };
  VT best = load(last);
  auto nan = best != best;
  for (index_t i = 0; i < last; i += lanes) {
    const VT v = load(i);
    best = pick(best, v);
    nan |= v != v;
  }
  bool any_nan = false;
  T w = best[0];
  for (index_t l = 0; l < lanes; ++l) {
    any_nan |= nan[l] != 0;
    w = pick(VT{} + w, VT{} + best[l])[0];
  }
  VT lane_index;
  for (index_t l = 0; l < lanes; ++l) lane_index[l] = static_cast<T>(l);
  const VT none = VT{} + std::numeric_limits<T>::infinity();
  // Indices grow along the row, so a lane's first hit is its smallest: one vector min per step.
  VT first = none;
  const auto scan = [&](index_t i) {
    const VT v = load(i);
    const auto hit = any_nan ? v != v : v == w;
    const VT at = hit ? lane_index + static_cast<T>(i) : none;
    first = at < first ? at : first;
  };
  for (index_t i = 0; i < last; i += lanes) scan(i);
  scan(last);
  T at = first[0];
  for (index_t l = 1; l < lanes; ++l) at = first[l] < at ? first[l] : at;
  return static_cast<std::int64_t>(at);
}

// Index of the best of q[0..length) (length >= 1). One vector register of lanes (4 doubles or 8
// floats), each keeping its best value and index with a compare-and-blend: a data-dependent
// branch per element mispredicts on short rows such as argmin over 26 distances, and made this 6x
// slower than NumPy's. The lanes are then merged with ties going to the lowest index and NaN
// winning, which gives exactly the first best element, as a sequential scan would. GCC vector
// extensions rather than an auto-vectorised loop: GCC turned the loop into branches.
template <class Order, class T>
std::int64_t arg_scan_contiguous(const T* q, index_t length) {
  if constexpr (std::is_same_v<T, bool> || sizeof(T) < 4) {
    // The lane indices below are as wide as T; 8- and 16-bit lanes could not count far enough.
    return arg_scan_strided<Order>(q, length, 1);
  } else {
    using J = std::conditional_t<sizeof(T) == 8, std::int64_t, std::int32_t>;
    constexpr index_t lanes = 32 / sizeof(T);
    typedef T VT __attribute__((vector_size(32)));
    typedef J VJ __attribute__((vector_size(32)));
    if constexpr (std::is_floating_point_v<T>) {
      if (length >= lanes && length <= short_row_max) return arg_scan_short<Order>(q, length);
    }
    if (length < 2 * lanes || length > std::numeric_limits<J>::max()) return arg_scan_strided<Order>(q, length, 1);
    VT best;
    std::memcpy(&best, q, sizeof(VT));
    VJ at, idx;
    for (index_t l = 0; l < lanes; ++l) at[l] = static_cast<J>(l);
    idx = at;
    index_t r = lanes;
    for (; r + lanes <= length; r += lanes) {
      VT v;
      std::memcpy(&v, q + r, sizeof(VT));
      idx += static_cast<J>(lanes);
      const VJ b = Order::better_lanes(v, best);
      best = b ? v : best;
      at = b ? idx : at;
    }
    // Merged with selects, not branches: which lane wins is random on random data, and the
    // mispredictions cost as much as the scan itself.
    T w = best[0];
    std::int64_t wat = at[0];
    for (index_t l = 1; l < lanes; ++l) {
      const T v = best[l];
      const bool take = Order::better_lanes(v, w) | (!Order::better_lanes(w, v) & (at[l] < wat));
      w = take ? v : w;
      wat = take ? static_cast<std::int64_t>(at[l]) : wat;
    }
    for (; r < length; ++r) {
      const T v = q[r];
      const bool take = Order::better_lanes(v, w);
      w = take ? v : w;
      wat = take ? r : wat;
    }
    return wat;
  }
}

// Writes into `out` (the input shape without `axis`, or with it kept as size 1) the index along
// `axis` of the best element. Allocates nothing: when the axis is not innermost in memory, the
// running best values of a block of outputs live in a stack array.
template <class Order, class T>
void arg_reduce_to(const Tensor<T>& in, std::size_t axis, const Tensor<std::int64_t>& out) {
  const index_t length = in.shape()[axis], step = in.strides()[axis];
  // The other axes of the input, and out's strides laid over them.
  Dims rest_shape, rest_in, rest_out;
  const bool keepdims = out.ndim() == in.ndim();
  for (std::size_t i = 0, k = 0; i < in.ndim(); ++i) {
    if (i == axis) {
      if (keepdims) ++k;
      continue;
    }
    rest_shape.push_back(in.shape()[i]);
    rest_in.push_back(in.strides()[i]);
    rest_out.push_back(out.strides()[k++]);
  }
  if (shape_size(rest_shape) == 0) return;
  if (length == 0) throw ValueError(fmt::format("attempt to get {} of an empty sequence", Order::name));
  index_t smallest_rest = std::numeric_limits<index_t>::max();
  for (std::size_t i = 0; i < rest_shape.size(); ++i)
    if (rest_shape[i] > 1) smallest_rest = std::min(smallest_rest, std::abs(rest_in[i]));
  const bool axis_innermost = std::abs(step) <= smallest_rest;
  const auto nest = make_loop_nest<2>(rest_shape, {std::span<const index_t>(rest_in), std::span<const index_t>(rest_out)});
  if (axis_innermost) {
    // One scan along the axis per output element.
    for_each_run(
        nest,
        [&](index_t n, const std::array<index_t, 2>& s, const T* p, std::int64_t* o) {
          for (index_t j = 0; j < n; ++j) {
            const T* q = p + j * s[0];
            o[j * s[1]] = step == 1 ? arg_scan_contiguous<Order>(q, length) : arg_scan_strided<Order>(q, length, step);
          }
        },
        in.data(), out.data());
    return;
  }
  // The axis is an outer one: sweep it row by row over blocks of outputs, comparing each row with
  // the running best (a vectorisable compare-and-blend when the rows are unit-stride).
  for_each_run(
      nest,
      [&](index_t n, const std::array<index_t, 2>& s, const T* p, std::int64_t* o) {
        constexpr index_t block = 256;
        T best[block];
        for (index_t j0 = 0; j0 < n; j0 += block) {
          const index_t m = std::min(block, n - j0);
          const T* base = p + j0 * s[0];
          std::int64_t* idx = o + j0 * s[1];
          for (index_t j = 0; j < m; ++j) {
            best[j] = base[j * s[0]];
            idx[j * s[1]] = 0;
          }
          for (index_t r = 1; r < length; ++r) {
            const T* row = base + r * step;
            if (s[0] == 1 && s[1] == 1) {
              for (index_t j = 0; j < m; ++j) {
                const bool b = Order::better(row[j], best[j]);
                best[j] = b ? row[j] : best[j];
                idx[j] = b ? r : idx[j];
              }
            } else {
              for (index_t j = 0; j < m; ++j) {
                if (Order::better(row[j * s[0]], best[j])) {
                  best[j] = row[j * s[0]];
                  idx[j * s[1]] = r;
                }
              }
            }
          }
        }
      },
      in.data(), out.data());
}

template <class Order, class T>
Tensor<std::int64_t> arg_reduce(const Tensor<T>& in, index_t axis, bool keepdims) {
  const std::size_t a = normalize_axis(axis, in.ndim());
  Dims mask(in.ndim(), 0);
  mask[a] = 1;
  auto out = Tensor<std::int64_t>::fresh(reduced_shape(in.shape(), mask, keepdims));
  arg_reduce_to<Order>(in, a, out);
  return out;
}

// Over the flattened tensor (C order), as NumPy's argmin without axis.
template <class Order, class T>
Tensor<std::int64_t> arg_reduce_flat(const Tensor<T>& in, bool keepdims) {
  auto out = Tensor<std::int64_t>::fresh(reduced_shape(in.shape(), Dims(in.ndim(), 1), keepdims));
  if (in.size() == 0) throw ValueError(fmt::format("attempt to get {} of an empty sequence", Order::name));
  const Tensor<T> flat = in.reshape({-1});
  arg_reduce_to<Order>(flat, 0, out.reshape({}));
  return out;
}

}  // namespace detail

// ---- public reductions ---------------------------------------------------------------------------
// Each returns a fresh tensor of the reduced shape (0-d when every axis is reduced and keepdims is
// false). Throws AxisError for an axis out of range, ValueError for a repeated axis.

template <Element T>
Tensor<sum_t<T>> sum(const Tensor<T>& t, const Axes& axes = Axes::all(), bool keepdims = false) {
  return detail::reduce_fresh<detail::sum_reduction<sum_t<T>>, sum_t<T>>("sum", t, axes, keepdims);
}
// np.sum(t, axis, out=out): out has the reduced shape (kept dimensions optional) and must not
// overlap t; accumulates in out's type. Allocates nothing. Throws ShapeError, ValueError.
template <Element T, Element O>
void sum(const Tensor<T>& t, const Axes& axes, const Tensor<O>& out) {
  static_assert(can_cast_same_kind_v<sum_t<T>, O>, "sum: out's element type cannot hold the sum (same_kind rule)");
  detail::reduce_to<detail::sum_reduction<O>>("sum", t, axes.mask(t.ndim()), out);
}

// np.prod: the product, with sum's result types (bool and signed integers -> int64, unsigned ->
// uint64) and integer wrap-around on overflow; 1 for an empty reduction. Fresh tensor.
template <Element T>
Tensor<sum_t<T>> prod(const Tensor<T>& t, const Axes& axes = Axes::all(), bool keepdims = false) {
  return detail::reduce_fresh<detail::prod_reduction<sum_t<T>>, sum_t<T>>("prod", t, axes, keepdims);
}
// np.prod(t, axis, out=out): as sum's out form (multiplies in out's type, allocates nothing).
template <Element T, Element O>
void prod(const Tensor<T>& t, const Axes& axes, const Tensor<O>& out) {
  static_assert(can_cast_same_kind_v<sum_t<T>, O>, "prod: out's element type cannot hold the product (same_kind rule)");
  detail::reduce_to<detail::prod_reduction<O>>("prod", t, axes.mask(t.ndim()), out);
}

// Arithmetic mean; NaN for an empty reduction.
template <Element T>
Tensor<mean_t<T>> mean(const Tensor<T>& t, const Axes& axes = Axes::all(), bool keepdims = false) {
  const Dims mask = axes.mask(t.ndim());
  auto out = detail::reduce_fresh<detail::sum_reduction<mean_t<T>>, mean_t<T>>("mean", t, axes, keepdims);
  const index_t count = detail::reduced_count(t.shape(), mask);
  using M = mean_t<T>;
  // Divided, not multiplied by 1 / count: NumPy divides, and the product can differ in the last
  // bit (the mean of five uint8 values 172.6 came out one ulp off). The division runs once per
  // output element, not per input element.
  const M divisor = static_cast<M>(count);
  if (count == 0) out.fill(std::numeric_limits<M>::quiet_NaN());
  else detail::map_kernel([divisor](M x) { return x / divisor; }, out.shape(), out.data(), out.strides(),
                          detail::KernelArg<M>{out.data(), out.strides()});
  return out;
}

// Smallest element (NaN if any is NaN). Throws ValueError for an empty reduction with a
// non-empty result.
template <Element T>
Tensor<T> min(const Tensor<T>& t, const Axes& axes = Axes::all(), bool keepdims = false) {
  detail::check_has_identity<detail::min_reduction<T>>(t, axes.mask(t.ndim()));
  return detail::reduce_fresh<detail::min_reduction<T>, T>("min", t, axes, keepdims);
}
template <Element T>
Tensor<T> max(const Tensor<T>& t, const Axes& axes = Axes::all(), bool keepdims = false) {
  detail::check_has_identity<detail::max_reduction<T>>(t, axes.mask(t.ndim()));
  return detail::reduce_fresh<detail::max_reduction<T>, T>("max", t, axes, keepdims);
}

// np.any / np.all: whether some (every) element is nonzero, NaN counting as nonzero. An empty
// reduction gives False (True), as NumPy. Counted through sum, so no early exit.
template <Element T>
Tensor<bool> any(const Tensor<T>& t, const Axes& axes = Axes::all(), bool keepdims = false) {
  return sum(t != T{0}, axes, keepdims) > 0;
}
template <Element T>
Tensor<bool> all(const Tensor<T>& t, const Axes& axes = Axes::all(), bool keepdims = false) {
  return sum(t == T{0}, axes, keepdims) == 0;
}

// L2 norm, sqrt(sum(x * x)) (np.linalg.norm with ord=None). Like NumPy it does not rescale, so
// it overflows to inf where sum(x * x) does.
template <Element T>
Tensor<mean_t<T>> norm(const Tensor<T>& t, const Axes& axes = Axes::all(), bool keepdims = false) {
  using M = mean_t<T>;
  auto out = detail::reduce_fresh<detail::sum_squares_reduction<M>, M>("norm", t, axes, keepdims);
  detail::map_kernel([](M x) { return std::sqrt(x); }, out.shape(), out.data(), out.strides(),
                     detail::KernelArg<M>{out.data(), out.strides()});
  return out;
}

// Index of the smallest (argmin) or largest (argmax) element along `axis`, lowest index on ties
// and the first NaN if any. Fresh Tensor<int64_t>. Throws AxisError, and ValueError "attempt to
// get argmin of an empty sequence" when the axis is empty and the result is not.
template <Element T>
Tensor<std::int64_t> argmin(const Tensor<T>& t, index_t axis, bool keepdims = false) {
  return detail::arg_reduce<detail::argmin_order>(t, axis, keepdims);
}
template <Element T>
Tensor<std::int64_t> argmax(const Tensor<T>& t, index_t axis, bool keepdims = false) {
  return detail::arg_reduce<detail::argmax_order>(t, axis, keepdims);
}
// Over the flattened tensor in C order (NumPy's default axis=None): a 0-d tensor, or all-ones
// shape with keepdims.
template <Element T>
Tensor<std::int64_t> argmin(const Tensor<T>& t) {
  return detail::arg_reduce_flat<detail::argmin_order>(t, false);
}
template <Element T>
Tensor<std::int64_t> argmax(const Tensor<T>& t) {
  return detail::arg_reduce_flat<detail::argmax_order>(t, false);
}
// np.argmin(t, axis, out=out): out has t's shape without `axis` (or with it kept as 1). Allocates
// nothing. Throws ShapeError when out's shape is wrong, ValueError when out overlaps t.
template <Element T>
void argmin(const Tensor<T>& t, index_t axis, const Tensor<std::int64_t>& out) {
  const std::size_t a = normalize_axis(axis, t.ndim());
  Dims mask(t.ndim(), 0);
  mask[a] = 1;
  detail::check_reduce_out("argmin", out, t.shape(), mask);
  detail::check_no_overlap("argmin", t, out);
  detail::arg_reduce_to<detail::argmin_order>(t, a, out);
}
template <Element T>
void argmax(const Tensor<T>& t, index_t axis, const Tensor<std::int64_t>& out) {
  const std::size_t a = normalize_axis(axis, t.ndim());
  Dims mask(t.ndim(), 0);
  mask[a] = 1;
  detail::check_reduce_out("argmax", out, t.shape(), mask);
  detail::check_no_overlap("argmax", t, out);
  detail::arg_reduce_to<detail::argmax_order>(t, a, out);
}

}  // namespace einspan
