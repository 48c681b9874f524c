#pragma once
// The reduction operations of reduce.hpp's driver: each gives its identity, maps an element into
// the accumulator type and combines two accumulators. A sum is any operation derived from
// sum_reduction (nansum and norm map their elements first): floating sums are added in the one
// order of pairwise_sum.hpp.
#include <einspan/tensor/elementwise.hpp>
#include <limits>

namespace einspan::detail {

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
};
template <class Acc>
struct max_reduction : min_reduction<Acc> {
  static constexpr const char* name = "maximum";
  static Acc identity() {
    if constexpr (std::is_floating_point_v<Acc>) return -std::numeric_limits<Acc>::infinity();
    else return std::numeric_limits<Acc>::lowest();
  }
  static Acc combine(Acc a, Acc b) { return maximum_op::apply(a, b); }
};

// One 32-byte register of T (a GCC/Clang vector extension, so one source serves SSE, AVX2 and

}  // namespace einspan::detail
