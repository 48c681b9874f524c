#pragma once
// The loop engine behind every elementwise kernel: it walks N operands that share a shape, each
// with its own strides (zero for broadcast dimensions, negative for reversed views). Dimensions are
// first ordered by the first operand's strides and fused where every operand is contiguous across
// them, so a contiguous or broadcast operation becomes one long unit-stride inner loop that the
// compiler vectorises.
#include <algorithm>
#include <array>
#include <cstdlib>
#include <einspan/tensor/dims.hpp>
#include <span>
#include <tuple>
#include <utility>

namespace einspan::detail {

template <std::size_t N>
struct LoopNest {
  Dims shape;                   // outermost first; empty for a single element
  std::array<Dims, N> strides;  // per operand, in elements
  bool empty = false;           // some dimension is zero: nothing to visit
};

template <std::size_t N>
LoopNest<N> make_loop_nest(std::span<const index_t> shape, const std::array<std::span<const index_t>, N>& strides) {
  LoopNest<N> nest;
  // Keep the non-trivial dimensions, ordered by decreasing stride of operand 0 (stable), so the
  // first operand (the output, by convention) is written in memory order.
  Dims order;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == 0) nest.empty = true;
    if (shape[i] != 1) order.push_back(static_cast<index_t>(i));
  }
  if (nest.empty) return nest;
  // Insertion sort: stable like std::stable_sort, but without its temporary buffer, so that
  // building a nest never touches the heap (out-parameter kernels promise to allocate nothing).
  for (std::size_t i = 1; i < order.size(); ++i) {
    const index_t key = order[i];
    std::size_t j = i;
    for (; j > 0 && std::abs(strides[0][order[j - 1]]) < std::abs(strides[0][key]); --j) order[j] = order[j - 1];
    order[j] = key;
  }
  for (const index_t i : order) {
    const bool fuses = !nest.shape.empty() && [&] {
      for (std::size_t k = 0; k < N; ++k)
        if (nest.strides[k].back() != strides[k][i] * shape[i]) return false;
      return true;
    }();
    if (fuses) {
      nest.shape.back() *= shape[i];
      for (std::size_t k = 0; k < N; ++k) nest.strides[k].back() = strides[k][i];
    } else {
      nest.shape.push_back(shape[i]);
      for (std::size_t k = 0; k < N; ++k) nest.strides[k].push_back(strides[k][i]);
    }
  }
  return nest;
}

// Calls run(n, inner_strides, ptrs...) once per innermost run of n elements, where ptrs point at
// the run's first element of each operand and inner_strides are the operands' strides along it.
// The two innermost dimensions are walked by a plain loop and only the outer ones by the
// odometer: broadcasting over short rows (runs of 26 in the k-means lines) calls run once per
// row, so the per-run overhead is what such operations cost.
template <std::size_t N, class Run, class... T>
void for_each_run(const LoopNest<N>& nest, Run&& run, T*... base) {
  static_assert(sizeof...(T) == N);
  if (nest.empty) return;
  const std::size_t rank = nest.shape.size();
  std::array<index_t, N> inner{};
  if (rank == 0) {
    run(index_t{1}, inner, base...);
    return;
  }
  for (std::size_t k = 0; k < N; ++k) inner[k] = nest.strides[k][rank - 1];
  if (rank == 1) {
    run(nest.shape[0], inner, base...);
    return;
  }
  const index_t n = nest.shape[rank - 1];
  const index_t rows = nest.shape[rank - 2];
  std::array<index_t, N> row_step{};
  for (std::size_t k = 0; k < N; ++k) row_step[k] = nest.strides[k][rank - 2];
  Dims counter(rank - 2, 0);
  std::tuple<T*...> ptrs{base...};
  const auto shift = [&](std::size_t axis, index_t times) {
    [&]<std::size_t... K>(std::index_sequence<K...>) {
      ((std::get<K>(ptrs) += nest.strides[K][axis] * times), ...);
    }(std::index_sequence_for<T...>{});
  };
  while (true) {
    [&]<std::size_t... K>(std::index_sequence<K...>) {
      std::tuple<T*...> q = ptrs;
      for (index_t r = 0; r < rows; ++r) {
        run(n, inner, std::get<K>(q)...);
        ((std::get<K>(q) += row_step[K]), ...);
      }
    }(std::index_sequence_for<T...>{});
    // Odometer over the outer dimensions, last one fastest.
    std::size_t axis = rank - 2;
    while (true) {
      if (axis == 0) return;
      --axis;
      shift(axis, 1);
      if (++counter[axis] < nest.shape[axis]) break;
      shift(axis, -nest.shape[axis]);
      counter[axis] = 0;
    }
  }
}

// Calls fn(x0, x1, ...) with references to the elements of every operand at each logical index.
// Unit-stride runs take a separate loop so that the compiler can vectorise them.
template <std::size_t N, class Fn, class... T>
void for_each_element(const LoopNest<N>& nest, Fn&& fn, T*... base) {
  for_each_run(
      nest,
      [&](index_t n, const std::array<index_t, N>& s, T*... p) {
        const bool unit = std::all_of(s.begin(), s.end(), [](index_t x) { return x == 1; });
        if (unit) {
          for (index_t i = 0; i < n; ++i) fn(p[i]...);
        } else {
          [&]<std::size_t... K>(std::index_sequence<K...>) {
            for (index_t i = 0; i < n; ++i) fn(p[i * s[K]]...);
          }(std::index_sequence_for<T...>{});
        }
      },
      base...);
}

}  // namespace einspan::detail
