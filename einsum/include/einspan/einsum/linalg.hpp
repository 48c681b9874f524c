#pragma once
// NumPy's linear-algebra products, each one einsum call with a spec built from the operands'
// ranks, so that they share einsum's planner, its plan cache and its GEMM path.
//
//   NumPy                          einspan                     einsum spec (example ranks)
//   a @ b, np.matmul(a, b)         matmul(a, b)                ij,jk->ik   ...ij,...jk->...ik   j,jk->k
//   np.matmul(a, b, out=o)         matmul(a, b, o)             (same; writes o)
//   np.dot(a, b)                   dot(a, b)                   ab,cbd->acd (last of a, second-to-last of b)
//   np.vdot(a, b)                  vdot(a, b)                  abc,abc->   (0-d result)
//   np.inner(a, b)                 inner(a, b)                 ab,cb->ac
//   np.outer(a, b)                 outer(a, b)                 ab,c->abc, then a view reshaped to (a.size, b.size)
//   np.trace(a, offset, ax1, ax2)  trace(a, offset, ax1, ax2)  (sum of the diagonal view; sum's result type)
//   np.tensordot(a, b, 2)          tensordot(a, b, 2)          abc,bcd->ad
//   np.tensordot(a, b, ([0],[1]))  tensordot(a, b, {0}, {1})
//
// Element types: every einspan type. Mixed operand types promote as arithmetic does (promote_t,
// promote.hpp: int8 @ uint8 is int16, int32 @ float is double); einsum takes one element type,
// so an operand of another type is first converted with astype (a copy of that operand). bool
// operands give bool, as NumPy's (the OR of ANDs): einsum has no bool, so both are converted to
// int64, the int64 result compared with 0 (two operand copies and an int64 temporary). Integer
// products and sums wrap as NumPy's; only float and double reach GEMM (integer products run
// einsum's generic loops, as NumPy's do not use BLAS for them either).
//
// What they allocate: the result only (einsum's), plus the conversions above. outer's result is a
// view of einsum's fresh result; vdot of operands with different shapes (same size) ravels them,
// which copies an operand whose strides cannot be flattened. Results are never views of the
// operands.
//
// Where they differ from NumPy, on purpose: results are tensors, a 0-d tensor where NumPy
// returns a scalar (dot of two 1-d arrays, vdot, trace of a 2-d array; .item() gives the value);
// matmul's out must have exactly the result's shape and type (NumPy's gufunc also broadcasts out
// and casts into it); tensordot with a negative axis count is a ValueError (NumPy treats it as 0).
#include <einspan/einsum/einsum.hpp>
#include <einspan/tensor/elementwise.hpp>
#include <einspan/tensor/reduce.hpp>
#include <string>
#include <string_view>

namespace einspan {

namespace detail {

// The einsum spec for each product on operands of these shapes (einsum/src/linalg.cpp). Each
// checks the shapes first and throws NumPy's error in NumPy's words.
std::string_view matmul_spec(const Dims& a, const Dims& b);
Dims matmul_shape(const Dims& a, const Dims& b);
std::string dot_spec(const Dims& a, const Dims& b);
std::string inner_spec(const Dims& a, const Dims& b);
std::string outer_spec(std::size_t ndim_a, std::size_t ndim_b);
std::string vdot_spec(const Dims& a, const Dims& b);  // "a,a->" when the shapes differ: ravel first
std::string tensordot_spec(const Dims& a, const Dims& b, std::span<const index_t> axes_a,
                           std::span<const index_t> axes_b);
std::string tensordot_spec(const Dims& a, const Dims& b, index_t axes);
void check_trace_axes(std::size_t ndim, index_t axis1, index_t axis2);

// t as Tensor<R>: t itself, or a converted copy.
template <Element R, Element T>
Tensor<R> as_element(const Tensor<T>& t) {
  if constexpr (std::is_same_v<R, T>) return t;
  else return t.template astype<R>();
}

// einsum(spec, a, b) for every element type: bool runs in int64 and is compared with 0.
template <Element T>
Tensor<T> contract(std::string_view spec, const Tensor<T>& a, const Tensor<T>& b) {
  if constexpr (std::is_same_v<T, bool>)
    return einsum(spec, a.template astype<std::int64_t>(), b.template astype<std::int64_t>()) != std::int64_t{0};
  else return einsum(spec, a, b);
}

// Compiled once per element type in einsum/src/linalg.cpp (keeps the einsum call and bool's
// conversions out of every including file).
#define EINSPAN_DECLARE_CONTRACT(T) \
  extern template Tensor<T> contract<T>(std::string_view, const Tensor<T>&, const Tensor<T>&);
EINSPAN_FOR_EACH_EINSUM_TYPE(EINSPAN_DECLARE_CONTRACT)
EINSPAN_DECLARE_CONTRACT(bool)
#undef EINSPAN_DECLARE_CONTRACT

// contract in the promoted type of a and b.
template <Element A, Element B>
Tensor<promote_t<A, B>> contract_promoted(std::string_view spec, const Tensor<A>& a, const Tensor<B>& b) {
  using R = promote_t<A, B>;
  if constexpr (std::is_same_v<A, R> && std::is_same_v<B, R>) return contract<R>(spec, a, b);  // no handle copies
  else return contract<R>(spec, as_element<R>(a), as_element<R>(b));
}

// out[...] = einsum(spec, a, b) for two operands of out's type, without a fresh result: the cached
// program when out is C-contiguous (no allocation after the first call), else a program compiled
// for out's strides (compiled, and allocated, on every call).
template <EinsumElement T>
void einsum_into(std::string_view spec, const Tensor<T>& out, const Tensor<T>& a, const Tensor<T>& b);
#define EINSPAN_DECLARE_EINSUM_INTO(T) \
  extern template void einsum_into<T>(std::string_view, const Tensor<T>&, const Tensor<T>&, const Tensor<T>&);
EINSPAN_FOR_EACH_EINSUM_TYPE(EINSPAN_DECLARE_EINSUM_INTO)
#undef EINSPAN_DECLARE_EINSUM_INTO

}  // namespace detail

// np.matmul(a, b), a @ b: the matrix product of the last two axes, with NumPy's rules. A 1-d a is
// a row (a 1 prepended), a 1-d b a column (a 1 appended), and that dimension is removed from the
// result; more than two dimensions are stacks of matrices whose leading (batch) dimensions
// broadcast, size 1 stretching, as NumPy's do: (2,1,3,4) @ (5,4,2) is (2,5,3,2). Two 2-d
// operands run einsum("ij,jk->ik"), einsum's GEMM. Returns a fresh tensor (0-d for two 1-d
// operands). Throws ValueError for a 0-d operand ("matmul: Input operand 0 does not have enough
// dimensions ..."; use multiply for scalars), ShapeError when the contracted sizes differ
// ("matmul: Input operand 1 has a mismatch in its core dimension 0 ...") or the batch dimensions do
// not broadcast ("operands could not be broadcast together with remapped shapes ...").
template <Element A, Element B>
Tensor<promote_t<A, B>> matmul(const Tensor<A>& a, const Tensor<B>& b) {
  return detail::contract_promoted(detail::matmul_spec(a.shape(), b.shape()), a, b);
}

// np.matmul(a, b, out=out): writes the product into out, which must have exactly the result's
// shape (ShapeError) and element type (compile time), any strides but zero ones (a broadcast view
// is a ValueError, as NumPy's "output array is read-only"). Allocates nothing after the
// first call for C-contiguous float/double/integer outs of operands of out's type. It allocates:
// converted operands (mixed types, bool), a copy of an operand out overlaps (so the result is
// as if the operands were read first, as NumPy's), bool's int64 temporary, and the plan of a
// non-contiguous out (compiled on every call).
template <Element A, Element B, Element R>
void matmul(const Tensor<A>& a, const Tensor<B>& b, const Tensor<R>& out) {
  static_assert(std::is_same_v<R, promote_t<A, B>>,
                "matmul(a, b, out): out must have the result's element type promote_t<A, B>; for another type, "
                "write out[ellipsis] = matmul(a, b) (a converting copy)");
  const std::string_view spec = detail::matmul_spec(a.shape(), b.shape());
  const Dims shape = detail::matmul_shape(a.shape(), b.shape());
  if (out.shape() != shape)
    throw ShapeError(fmt::format("matmul: out has shape {} but the result has shape {}", format_shape(out.shape()),
                                 format_shape(shape)));
  for (std::size_t d = 0; d < out.ndim(); ++d)
    if (out.strides()[d] == 0 && out.shape()[d] > 1)
      throw ValueError(fmt::format("matmul: out is a broadcast view (stride 0 on dimension {} of shape {}): several "
                                   "results would land on one element",
                                   d, format_shape(out.shape())));
  if constexpr (std::is_same_v<R, bool>) {
    out.assign(detail::contract<bool>(spec, a, b));
  } else {
    Tensor<R> x = detail::as_element<R>(a), y = detail::as_element<R>(b);
    if (may_share_memory(out, x)) x = x.copy();
    if (may_share_memory(out, y)) y = y.copy();
    detail::einsum_into<R>(spec, out, x, y);
  }
}

// np.dot(a, b): for 1-d operands the inner product (a 0-d tensor), for 2-d ones the matrix product,
// for an N-d a and a 1-d b the sum over a's last axis, for an N-d a and an M-d b (M >= 2) the sum
// over a's last and b's second-to-last axis, result shape a.shape[:-1] + b.shape[:-2] +
// b.shape[-1:] (no broadcasting: NumPy's dot, not matmul); a 0-d operand multiplies. Fresh
// result. Throws ShapeError "shapes (2,3) and (4,2) not aligned: 3 (dim 1) != 4 (dim 0)".
template <Element A, Element B>
Tensor<promote_t<A, B>> dot(const Tensor<A>& a, const Tensor<B>& b) {
  return detail::contract_promoted(detail::dot_spec(a.shape(), b.shape()), a, b);
}

// np.vdot(a, b) for real types: the dot product of the flattened operands (C order), as a 0-d
// tensor. The sizes must match, not the shapes (ShapeError "cannot reshape array of size 4 into
// shape (6,)", NumPy's words). Operands of different shapes are raveled (a copy when their strides
// cannot be flattened); same shapes are contracted in place.
template <Element A, Element B>
Tensor<promote_t<A, B>> vdot(const Tensor<A>& a, const Tensor<B>& b) {
  const std::string spec = detail::vdot_spec(a.shape(), b.shape());
  if (a.shape() == b.shape()) return detail::contract_promoted(spec, a, b);
  return detail::contract_promoted(spec, a.ravel(), b.ravel());
}

// np.inner(a, b): the sum over the last axes of both, result shape a.shape[:-1] + b.shape[:-1]; a
// 0-d operand multiplies. Fresh result. Throws ShapeError in NumPy's words, which show b with its
// last axis moved to second-to-last: inner((2,3), (2,4)) says "shapes (2,3) and (4,2) not aligned:
// 3 (dim 1) != 4 (dim 0)".
template <Element A, Element B>
Tensor<promote_t<A, B>> inner(const Tensor<A>& a, const Tensor<B>& b) {
  return detail::contract_promoted(detail::inner_spec(a.shape(), b.shape()), a, b);
}

// np.outer(a, b): out[i, j] = a.ravel()[i] * b.ravel()[j], shape (a.size(), b.size()). The operands
// are not raveled (einsum reads them in place); the result is einsum's fresh result reshaped, a
// view of nothing else.
template <Element A, Element B>
Tensor<promote_t<A, B>> outer(const Tensor<A>& a, const Tensor<B>& b) {
  return detail::contract_promoted(detail::outer_spec(a.ndim(), b.ndim()), a, b).reshape({a.size(), b.size()});
}

// np.tensordot(a, b, axes): the sum over the last `axes` axes of a against the first `axes` axes of
// b, in order (axes = 0 is the outer product); result shape: a's other axes, then b's. Fresh result.
// Throws ShapeError "shape-mismatch for sum" when the paired sizes differ, IndexError when axes
// exceeds a rank (NumPy's "tuple index out of range"), ValueError for a negative count.
template <Element A, Element B>
Tensor<promote_t<A, B>> tensordot(const Tensor<A>& a, const Tensor<B>& b, index_t axes = 2) {
  return detail::contract_promoted(detail::tensordot_spec(a.shape(), b.shape(), axes), a, b);
}

// np.tensordot(a, b, axes=(axes_a, axes_b)): the sum over a's axes_a paired with b's axes_b
// (negative axes count from the end); result shape: a's remaining axes, then b's, in order.
// Throws ShapeError "shape-mismatch for sum" (lists of different lengths or paired sizes that
// differ), IndexError for an axis out of range, ValueError "axes don't match array" for a
// repeated axis.
template <Element A, Element B>
Tensor<promote_t<A, B>> tensordot(const Tensor<A>& a, const Tensor<B>& b, std::span<const index_t> axes_a,
                                  std::span<const index_t> axes_b) {
  return detail::contract_promoted(detail::tensordot_spec(a.shape(), b.shape(), axes_a, axes_b), a, b);
}
template <Element A, Element B>
Tensor<promote_t<A, B>> tensordot(const Tensor<A>& a, const Tensor<B>& b, std::initializer_list<index_t> axes_a,
                                  std::initializer_list<index_t> axes_b) {
  return tensordot(a, b, std::span<const index_t>(axes_a.begin(), axes_a.size()),
                   std::span<const index_t>(axes_b.begin(), axes_b.size()));
}

// np.trace(a, offset, axis1, axis2): the sum along the offset diagonal of (axis1, axis2), over the
// remaining axes in order (a 0-d tensor for a 2-d a). Result type as sum's (sum_t): NumPy's trace of
// int32 or bool is int64, of uint8 uint64. An offset past the edge sums nothing: 0. Fresh result.
// Throws ValueError for fewer than two dimensions or axis1 == axis2, AxisError "axis2: axis 3 is out
// of bounds for array of dimension 3".
template <Element T>
Tensor<sum_t<T>> trace(const Tensor<T>& a, index_t offset = 0, index_t axis1 = 0, index_t axis2 = 1) {
  detail::check_trace_axes(a.ndim(), axis1, axis2);
  return sum(a.diagonal(offset, axis1, axis2), -1);
}

// np.trace(a, offset, axis1, axis2, out=out): out has the result's shape and accumulates in its own
// type (same_kind, as sum's out form). Allocates nothing.
template <Element T, Element O>
void trace(const Tensor<T>& a, index_t offset, index_t axis1, index_t axis2, const Tensor<O>& out) {
  detail::check_trace_axes(a.ndim(), axis1, axis2);
  sum(a.diagonal(offset, axis1, axis2), -1, out);
}

}  // namespace einspan
