#pragma once
// The one kernel engine behind every elementwise operation (unary, binary, where, in-place and
// out-parameter forms): out[i] = fn(in0[i], in1[i], ...) over a shared shape, each operand with
// its own strides (zero on broadcast dimensions, negative for reversed views).
//
// It builds on make_loop_nest (dimensions ordered by the output's strides and fused where every
// operand is contiguous), then runs each innermost run with a loop specialised for the common
// stride patterns: all unit strides, and for binary operations one operand broadcast along the
// run (a row or a scalar), and for unary bodies that bring their own vectorised kernel (the float
// math functions) that kernel. The loops are `omp simd`: the output may be the same view as an
// input (a += b), which is not a loop-carried dependence, and partial overlaps are resolved by
// the caller (elementwise.hpp copies such an input first). Large nests are split across OpenMP
// threads along their outermost dimension.
#include <algorithm>
#include <array>
#include <einspan/tensor/detail/parallel.hpp>
#include <einspan/tensor/detail/strided_loop.hpp>
#include <einspan/tensor/layout.hpp>
#include <type_traits>

namespace einspan::detail {

// A kernel input: its first element and its strides, already broadcast to the output's shape.
template <class T>
struct KernelArg {
  const T* data;
  Dims strides;
};

// for_each_run, split across OpenMP threads along dimension `axis` of the nest when the nest is
// large and we are not already inside a parallel region. Each thread walks its own slab of that
// dimension, so the caller chooses an axis along which the output does not repeat (a non-zero
// output stride) and writes never collide. Nothing is allocated (LoopNest lives inline for ranks
// up to 8).
template <std::size_t N, class Run, class... T>
void parallel_for_each_run_along(const LoopNest<N>& nest, std::size_t axis, const Run& run, T*... base) {
  if (nest.empty) return;
  const int threads = axis < nest.shape.size() ? parallel_threads(shape_size(nest.shape), nest.shape[axis]) : 1;
  if (threads == 1) {
    for_each_run(nest, run, base...);
    return;
  }
  parallel_for_ranges(threads, nest.shape[axis], [&](index_t lo, index_t hi) {
    LoopNest<N> part = nest;
    part.shape[axis] = hi - lo;
    [&]<std::size_t... K>(std::index_sequence<K...>) {
      for_each_run(part, run, (base + lo * nest.strides[K][axis])...);
    }(std::index_sequence_for<T...>{});
  });
}

// Split along the outermost dimension: right for elementwise kernels, whose output (operand 0)
// never has a zero stride.
template <std::size_t N, class Run, class... T>
void parallel_for_each_run(const LoopNest<N>& nest, const Run& run, T*... base) {
  parallel_for_each_run_along(nest, 0, run, base...);
}

// One innermost run of a binary operation. The broadcast cases load the repeated operand once
// so that the loop body is a unit-stride stream the compiler vectorises.
template <class Fn, class O, class A, class B>
inline void binary_run(const Fn& fn, index_t n, const std::array<index_t, 3>& s, O* o, const A* a, const B* b) {
  if (s[0] == 1 && s[1] == 1 && s[2] == 1) {
#pragma omp simd
    for (index_t i = 0; i < n; ++i) o[i] = fn(a[i], b[i]);
  } else if (s[0] == 1 && s[1] == 1 && s[2] == 0) {
    const B y = *b;
#pragma omp simd
    for (index_t i = 0; i < n; ++i) o[i] = fn(a[i], y);
  } else if (s[0] == 1 && s[1] == 0 && s[2] == 1) {
    const A x = *a;
#pragma omp simd
    for (index_t i = 0; i < n; ++i) o[i] = fn(x, b[i]);
  } else {
    for (index_t i = 0; i < n; ++i) o[i * s[0]] = fn(a[i * s[1]], b[i * s[2]]);
  }
}

// A binary operation whose nest is (rows, n) with out and one input C-contiguous and the other
// input one row broadcast over all rows (`data - centroids[0]`, data (5000, 26)). Per-row runs
// of 26 spend as much time on loop entry and exit as on arithmetic, so the row is first repeated
// into a stack tile of whole rows (~512 elements), and the data is then processed in long
// unit-stride runs of that tile's length. Returns false (doing nothing) for any other pattern.
template <class Fn, class O, class A, class B>
bool row_broadcast_binary(const Fn& fn, const LoopNest<3>& nest, O* out, const A* a, const B* b) {
  if (nest.empty || nest.shape.size() != 2) return false;
  const index_t rows = nest.shape[0], n = nest.shape[1];
  constexpr index_t tile_elements = 512;
  if (n > tile_elements / 4 || rows < 4) return false;
  const auto& so = nest.strides[0];
  const auto& sa = nest.strides[1];
  const auto& sb = nest.strides[2];
  if (so[0] != n || so[1] != 1 || sa[1] != 1 || sb[1] != 1) return false;
  const bool b_repeats = sa[0] == n && sb[0] == 0;
  const bool a_repeats = sa[0] == 0 && sb[0] == n;
  if (!b_repeats && !a_repeats) return false;
  const index_t reps = tile_elements / n;
  // repeated_first: whether the repeated row is fn's first argument.
  const auto run = [&]<bool repeated_first>(std::bool_constant<repeated_first>, const auto* repeated,
                                            const auto* streamed) {
    using R = std::remove_const_t<std::remove_pointer_t<decltype(repeated)>>;
    alignas(64) R tile[tile_elements];
    for (index_t r = 0; r < reps; ++r)
      for (index_t j = 0; j < n; ++j) tile[r * n + j] = repeated[j];
    for (index_t r0 = 0; r0 < rows; r0 += reps) {
      const index_t len = std::min(reps, rows - r0) * n;
      O* o = out + r0 * n;
      const auto* x = streamed + r0 * n;
      if constexpr (repeated_first) {
#pragma omp simd
        for (index_t i = 0; i < len; ++i) o[i] = fn(tile[i], x[i]);
      } else {
#pragma omp simd
        for (index_t i = 0; i < len; ++i) o[i] = fn(x[i], tile[i]);
      }
    }
  };
  if (b_repeats) run(std::false_type{}, b, a);
  else run(std::true_type{}, a, b);
  return true;
}

// A unary body with a kernel for whole contiguous runs, fn.run(n, out, in) (the vectorised float
// functions, elementwise.hpp and vector_math.hpp).
template <class Fn, class O, class... I>
concept ContiguousRunBody =
    sizeof...(I) == 1 && requires(const Fn& fn, index_t n, O* o, const I*... p) { fn.run(n, o, p...); };

// One run of such a body. A strided run goes through the same kernel, a stack chunk at a time,
// so that a result does not depend on the layout of its operands (every run gives the kernel's
// bits, never a mix of the kernel's and the C library's).
template <class Fn, class T>
void contiguous_body_run(const Fn& fn, index_t n, const std::array<index_t, 2>& s, T* o, const T* p) {
  if (s[0] == 1 && s[1] == 1) {
    fn.run(n, o, p);
    return;
  }
  constexpr index_t chunk = 256;
  alignas(64) T buffer[chunk];
  for (index_t i0 = 0; i0 < n; i0 += chunk) {
    const index_t len = std::min(chunk, n - i0);
    for (index_t i = 0; i < len; ++i) buffer[i] = p[(i0 + i) * s[1]];
    fn.run(len, buffer, buffer);
    for (index_t i = 0; i < len; ++i) o[(i0 + i) * s[0]] = buffer[i];
  }
}

// out = fn(in...) elementwise over `shape`. `out`/`out_strides` describe the output; each input
// is already broadcast to `shape`. Allocates nothing for ranks up to 8.
template <class Fn, class O, class... I>
void map_kernel(const Fn& fn, std::span<const index_t> shape, O* out, std::span<const index_t> out_strides,
                const KernelArg<I>&... in) {
  constexpr std::size_t N = 1 + sizeof...(I);
  const LoopNest<N> nest =
      make_loop_nest<N>(shape, std::array<std::span<const index_t>, N>{out_strides, std::span<const index_t>(in.strides)...});
  const auto run = [&fn](index_t n, const std::array<index_t, N>& s, O* o, const I*... p) {
    if constexpr (N == 3) {
      binary_run(fn, n, s, o, p...);
    } else if constexpr (N == 2 && ContiguousRunBody<Fn, O, I...>) {
      contiguous_body_run(fn, n, s, o, p...);
    } else {
      const bool unit = std::all_of(s.begin(), s.end(), [](index_t x) { return x == 1; });
      if (unit) {
#pragma omp simd
        for (index_t i = 0; i < n; ++i) o[i] = fn(p[i]...);
      } else {
        [&]<std::size_t... K>(std::index_sequence<K...>) {
          for (index_t i = 0; i < n; ++i) o[i * s[0]] = fn(p[i * s[K + 1]]...);
        }(std::index_sequence_for<I...>{});
      }
    }
  };
  if constexpr (N == 3) {
    if (shape_size(nest.shape) < parallel_min_elements && row_broadcast_binary(fn, nest, out, in.data...)) return;
  }
  parallel_for_each_run(nest, run, out, in.data...);
}

}  // namespace einspan::detail
