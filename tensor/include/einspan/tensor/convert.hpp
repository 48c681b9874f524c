#pragma once
// A tensor's elements in C order: as a std::vector (to_vector), as a 1-d tensor that is a view
// when the strides allow (ravel), always a view (ravel_view), or always a copy (flatten).
//
//   NumPy                          einspan
//   a.tolist() (1-d), list(a.flat) to_vector(a)           (std::vector<T>, C order; always a copy)
//   np.ravel(a), a.ravel()         ravel(a), a.ravel()    (a view of a C-contiguous a, else a copy, as NumPy)
//   a.reshape(-1)                  a.reshape({-1})        (a view whenever the strides allow, else a copy)
//   (no NumPy form)                ravel_view(a)          (a view whenever the strides allow, else ValueError)
//   a.flatten()                    a.flatten()            (always a copy)
//
// Where ravel bites (as NumPy's does): for a tensor that is not C-contiguous (a transpose, a
// flipped or stepped slice) ravel returns a copy, and writing that copy does not write `a`. Code
// that writes through the result should use ravel_view, which returns a view whenever one stride
// can walk the elements (a[::2], a flipped tensor) and throws instead of copying.
//
// No tolist(): NumPy's nests Python lists to the array's rank, a run-time value, and a C++ type
// cannot; to_vector(a) with a.shape() carries the same information. tolist(a) fails to compile
// with a message saying so.
#include <einspan/tensor/detail/copy.hpp>
#include <einspan/tensor/tensor.hpp>
#include <vector>

namespace einspan {

// The elements of t in C (row-major) order, as np.ravel(t).tolist() for 1-d. Always a copy,
// through the strided copy kernel; a 0-d tensor gives one element, an empty one none.
template <Element T>
std::vector<T> to_vector(const Tensor<T>& t) {
  if constexpr (std::is_same_v<T, bool>) {
    // std::vector<bool> has no contiguous storage to copy into.
    const Tensor<bool> c = t.contiguous();
    return std::vector<bool>(c.data(), c.data() + c.size());
  } else {
    std::vector<T> out(static_cast<std::size_t>(t.size()));
    if (!out.empty()) detail::copy_elements(out.data(), Layout::row_major(t.shape()), t.data(), t.layout());
    return out;
  }
}

template <Element T>
void tolist(const Tensor<T>&) {
  static_assert(detail::dependent_false_v<T>,
                "einspan: tolist() would nest std::vectors to the tensor's rank, which C++ types cannot "
                "follow at run time. Write to_vector(t) for the elements in C order, with t.shape() for "
                "the nesting.");
}

// np.ravel(a): the same as a.ravel(), a 1-d view when a is C-contiguous, otherwise a fresh
// C-order copy (NumPy's rule: a[::2] is copied too). Never throws.
template <Element T>
Tensor<T> ravel(const Tensor<T>& a) {
  return a.ravel();
}

// A 1-d view of a's elements in C order whenever one stride can walk them (as a.reshape({-1})
// would view), or ValueError naming the shape and strides. Never copies.
template <Element T>
Tensor<T> ravel_view(const Tensor<T>& a) {
  const Dims flat{a.size()};
  const std::optional<Layout> layout = reshape_view(a.layout(), flat);
  if (!layout)
    throw ValueError(fmt::format("ravel_view: a tensor of shape {} and strides {} cannot be flattened without a "
                                 "copy; use ravel(a) or a.flatten() for a copy",
                                 format_shape(a.shape()), format_shape(a.strides())));
  return Tensor<T>(a.buffer(), *layout);
}

}  // namespace einspan
