#pragma once
// Opt-in lazy, fused elementwise expressions: lazy(t) starts one, operators on it build a tree of
// unevaluated nodes, and evaluate() or sum() runs the whole tree in one pass over the broadcast
// index space, without materialising any intermediate array.
//
//   NumPy                                         einspan
//   ((data[:, None] - centroids[None])**2)         sum(square(lazy(data[{_, newaxis}]) - centroids[{newaxis}]), 2)
//       .sum(axis=2)                               (no (n, k, d) temporary; returns a Tensor)
//   ((data - centroids[0])**2).sum(axis=1)         sum(square(lazy(data) - centroids[0]), 1)
//   np.sqrt(a * a + b * b)                         evaluate(sqrt(lazy(a) * a + b * b))
//   np.add(a * 2, b, out=o)                        evaluate(lazy(a) * 2 + b, o)
//
// What is lazy: the result of an operator or function with at least one expression operand.
// `lazy(a) - b`, `square(e)`, `e * 2` and `2 * e` are expression nodes; `a - b` on two plain
// Tensors is the eager operator of elementwise.hpp, as always. Supported nodes: leaves (lazy(t), or
// a Tensor next to an expression), scalars, unary -e, abs, sqrt, square, exp, log, binary + - * /,
// minimum, maximum. Comparisons, where, floor_divide and remainder stay eager only.
//
// Lifetime: every node holds its operands by value, and a leaf holds its Tensor handle (which
// shares and keeps alive the buffer), so `auto e = lazy(a) - b;` stays valid after a and b go out
// of scope. The elements are read when the expression is evaluated, not when it is built: writing
// into a or b in between changes the result (as with any view).
//
// Shapes and types are checked when a node is built, at the line that combines the operands: a
// broadcasting mismatch throws the eager operators' ShapeError ("operands could not be broadcast
// together with shapes (4,3) (1,4)"). Element types promote as the eager operators' do (promote.hpp:
// tensor with tensor by promote_t, a C++ scalar by the weak-scalar rule), node by node, so
// sum(square(lazy(f32) - f64)) computes in double.
#include <array>
#include <einspan/tensor/detail/expression_eval.hpp>
#include <einspan/tensor/elementwise.hpp>
#include <einspan/tensor/promote.hpp>
#include <einspan/tensor/reduce.hpp>
#include <einspan/tensor/tensor.hpp>
#include <limits>
#include <type_traits>

namespace einspan {

template <class E>
inline constexpr bool is_expression_v = false;

// An unevaluated expression node (what lazy() and the operators on it return).
template <class E>
concept Expression = is_expression_v<std::remove_cvref_t<E>>;

// What a lazy operator accepts on either side: an expression, a tensor or a C++ scalar. At least
// one side must be an expression, so that Tensor op Tensor always picks the eager operator.
template <class X>
concept LazyOperand = Expression<X> || is_tensor_v<X> || Scalar<X>;

// ---- nodes -----------------------------------------------------------------------------------
// Each node has value_type (its element type), shape(), leaf_count (how many tensors it reads),
// and two hooks for the evaluator: visit_leaves(fn) calls fn(tensor) on every leaf in a fixed
// order, and cursor(nest, bases, k) builds the bound form (detail/expression_eval.hpp).

// A tensor as an expression operand.
template <Element T>
class LeafExpr {
 public:
  using value_type = T;
  static constexpr std::size_t leaf_count = 1;

  explicit LeafExpr(Tensor<T> t) : tensor_(std::move(t)) {}
  const Dims& shape() const { return tensor_.shape(); }
  const Tensor<T>& tensor() const { return tensor_; }

  template <class Fn>
  void visit_leaves(Fn&& fn) const {
    fn(tensor_);
  }
  template <class Nest, std::size_t L>
  detail::LeafCursor<T> cursor(const Nest& nest, const std::array<const void*, L>& bases, std::size_t& k) const {
    const Dims& steps = nest.strides[detail::first_leaf_operand + k];
    const detail::LeafCursor<T> c{static_cast<const T*>(bases[k]), detail::innermost_stride(steps), steps.data()};
    ++k;
    return c;
  }

 private:
  Tensor<T> tensor_;
};

namespace detail {

// A C++ scalar, already converted to the type its binary node computes in. Shape ().
template <Element C>
class ScalarNode {
 public:
  using value_type = C;
  static constexpr std::size_t leaf_count = 0;

  explicit ScalarNode(C value) : value_(value) {}
  const Dims& shape() const {
    static const Dims none{};
    return none;
  }
  template <class Fn>
  void visit_leaves(Fn&&) const {}
  template <class Nest, std::size_t L>
  ScalarCursor<C> cursor(const Nest&, const std::array<const void*, L>&, std::size_t&) const {
    return {value_};
  }

 private:
  C value_;
};

}  // namespace detail

// Op applied to every element of A.
template <class Op, class A>
class UnaryExpr {
 public:
  using value_type = typename Op::template result_type<typename A::value_type>;
  static constexpr std::size_t leaf_count = A::leaf_count;

  explicit UnaryExpr(A a) : a_(std::move(a)) {}
  const Dims& shape() const { return a_.shape(); }

  template <class Fn>
  void visit_leaves(Fn&& fn) const {
    a_.visit_leaves(fn);
  }
  template <class Nest, std::size_t L>
  auto cursor(const Nest& nest, const std::array<const void*, L>& bases, std::size_t& k) const {
    using Cur = decltype(a_.cursor(nest, bases, k));
    return detail::UnaryCursor<Op, Cur>{a_.cursor(nest, bases, k)};
  }

 private:
  A a_;
};

// Op(a, b) computed in type C, a and b broadcast together. Throws ShapeError on construction when
// their shapes do not broadcast.
template <class Op, Element C, class A, class B>
class BinaryExpr {
 public:
  using value_type = typename Op::template result_type<C>;
  static constexpr std::size_t leaf_count = A::leaf_count + B::leaf_count;

  BinaryExpr(A a, B b) : a_(std::move(a)), b_(std::move(b)), shape_(broadcast_shapes({a_.shape(), b_.shape()})) {}
  const Dims& shape() const { return shape_; }

  template <class Fn>
  void visit_leaves(Fn&& fn) const {
    a_.visit_leaves(fn);
    b_.visit_leaves(fn);
  }
  template <class Nest, std::size_t L>
  auto cursor(const Nest& nest, const std::array<const void*, L>& bases, std::size_t& k) const {
    auto ca = a_.cursor(nest, bases, k);  // a's leaves come first, as in visit_leaves
    auto cb = b_.cursor(nest, bases, k);
    return detail::BinaryCursor<Op, C, decltype(ca), decltype(cb)>{ca, cb};
  }

 private:
  A a_;
  B b_;
  Dims shape_;
};

template <Element T>
inline constexpr bool is_expression_v<LeafExpr<T>> = true;
template <class Op, class A>
inline constexpr bool is_expression_v<UnaryExpr<Op, A>> = true;
template <class Op, class C, class A, class B>
inline constexpr bool is_expression_v<BinaryExpr<Op, C, A, B>> = true;

// An expression leaf that reads t (any view: lazy(data[{_, newaxis}])) when evaluated. Holds the
// handle, not a copy of the data; allocates nothing.
template <Element T>
LeafExpr<T> lazy(const Tensor<T>& t) {
  return LeafExpr<T>(t);
}

namespace detail {

// An operand as a node: expressions as they are, tensors as leaves. Scalars are converted by
// make_binary, which knows the type they take.
template <class X>
auto as_node(const X& x) {
  if constexpr (is_tensor_v<X>) return LeafExpr<typename X::value_type>(x);
  else return x;
}

template <class X>
struct node_element {
  using type = typename X::value_type;  // expressions and tensors alike
};

// The binary node for Op(x, y): compute type by promote_t, or by the weak-scalar rule when one
// side is a C++ scalar (which throws ValueError if an integer compute type cannot hold it).
template <class Op, class X, class Y>
auto make_binary(const X& x, const Y& y) {
  if constexpr (Scalar<X>) {
    using C = scalar_promote_t<typename node_element<Y>::type, X>;
    auto b = as_node(y);
    return BinaryExpr<Op, C, ScalarNode<C>, decltype(b)>(ScalarNode<C>(scalar_as<C>(x)), std::move(b));
  } else if constexpr (Scalar<Y>) {
    using C = scalar_promote_t<typename node_element<X>::type, Y>;
    auto a = as_node(x);
    return BinaryExpr<Op, C, decltype(a), ScalarNode<C>>(std::move(a), ScalarNode<C>(scalar_as<C>(y)));
  } else {
    using C = promote_t<typename node_element<X>::type, typename node_element<Y>::type>;
    auto a = as_node(x);
    auto b = as_node(y);
    return BinaryExpr<Op, C, decltype(a), decltype(b)>(std::move(a), std::move(b));
  }
}

}  // namespace detail

// ---- operators and functions that build nodes (nothing is computed) ---------------------------
// Each returns an unevaluated node and throws ShapeError when the operands do not broadcast.
#define EINSPAN_LAZY_BINARY(signature, op)                                 \
  template <LazyOperand X, LazyOperand Y>                                  \
    requires(Expression<X> || Expression<Y>)                               \
  auto signature(const X& x, const Y& y) {                                 \
    return detail::make_binary<detail::op>(x, y);                          \
  }
EINSPAN_LAZY_BINARY(operator+, add_op)
EINSPAN_LAZY_BINARY(operator-, subtract_op)
EINSPAN_LAZY_BINARY(operator*, multiply_op)
EINSPAN_LAZY_BINARY(operator/, divide_op)
EINSPAN_LAZY_BINARY(add, add_op)
EINSPAN_LAZY_BINARY(subtract, subtract_op)
EINSPAN_LAZY_BINARY(multiply, multiply_op)
EINSPAN_LAZY_BINARY(divide, divide_op)
EINSPAN_LAZY_BINARY(minimum, minimum_op)
EINSPAN_LAZY_BINARY(maximum, maximum_op)
#undef EINSPAN_LAZY_BINARY

#define EINSPAN_LAZY_UNARY(name, op)                       \
  template <Expression E>                                  \
  auto name(const E& e) {                                  \
    return UnaryExpr<detail::op, E>(e);                    \
  }
EINSPAN_LAZY_UNARY(negative, negative_op)
EINSPAN_LAZY_UNARY(operator-, negative_op)
EINSPAN_LAZY_UNARY(abs, abs_op)
EINSPAN_LAZY_UNARY(square, square_op)
EINSPAN_LAZY_UNARY(sqrt, sqrt_op)
EINSPAN_LAZY_UNARY(exp, exp_op)
EINSPAN_LAZY_UNARY(log, log_op)
#undef EINSPAN_LAZY_UNARY

// ---- evaluation ------------------------------------------------------------------------------

// Writes e into out, which must have exactly e's shape (ShapeError otherwise) and an element type
// e's converts to under same_kind (checked at compile time), and must not be a broadcast view
// (zero strides). out may be the very same view as a leaf (evaluate(lazy(a) * 2, a)); a leaf
// that overlaps out any other way is copied first, as the eager operators do, and only then does
// this allocate.
template <Expression E, Element O>
void evaluate(const E& e, const Tensor<O>& out) {
  static_assert(can_cast_same_kind_v<typename E::value_type, O>,
                "out-parameter: the result cannot be cast to out's element type under the same_kind rule");
  detail::check_out_shape(out, e.shape());
  detail::evaluate_into(e, out);
}

// A fresh C-contiguous tensor holding e's elements.
template <Expression E>
Tensor<typename E::value_type> evaluate(const E& e) {
  auto out = Tensor<typename E::value_type>::fresh(e.shape());
  detail::evaluate_into(e, out);
  return out;
}

// ---- reductions (one pass, nothing materialised) ----------------------------------------------

// np.sum(e, axis, out=out): out has e's reduced shape (kept dimensions optional), accumulates in
// out's type, and must not overlap any leaf (ValueError). Throws AxisError, ValueError for a
// repeated axis, ShapeError for a wrong out shape. Allocates nothing.
template <Expression E, Element O>
void sum(const E& e, const Axes& axes, const Tensor<O>& out) {
  static_assert(can_cast_same_kind_v<sum_t<typename E::value_type>, O>,
                "sum: out's element type cannot hold the sum (same_kind rule)");
  const Dims mask = axes.mask(e.shape().size());
  detail::check_reduce_out("sum", out, e.shape(), mask);
  e.visit_leaves([&](const auto& leaf) { detail::check_no_overlap("sum", leaf, out); });
  out.fill(O{0});
  detail::sum_into(e, mask, out);
}

// The sum of e over `axes` (default all) as a fresh tensor of sum_t (as the eager sum: float stays
// float, integers give int64). Float sums add in the eager sum's order (detail/pairwise_sum.hpp),
// so for C-contiguous operands sum(lazy(a) * b) gives the bits of sum(a * b). Throws AxisError,
// ValueError for a repeated axis.
template <Expression E>
Tensor<sum_t<typename E::value_type>> sum(const E& e, const Axes& axes = Axes::all(), bool keepdims = false) {
  return detail::sum_fresh<sum_t<typename E::value_type>>(e, axes.mask(e.shape().size()), keepdims);
}

// The arithmetic mean of e over `axes` (NaN for an empty reduction), in mean_t.
template <Expression E>
Tensor<mean_t<typename E::value_type>> mean(const E& e, const Axes& axes = Axes::all(), bool keepdims = false) {
  using M = mean_t<typename E::value_type>;
  const Dims mask = axes.mask(e.shape().size());
  auto out = detail::sum_fresh<M>(e, mask, keepdims);
  const index_t count = detail::reduced_count(e.shape(), mask);
  if (count == 0) out.fill(std::numeric_limits<M>::quiet_NaN());
  else out /= static_cast<M>(count);  // divided, as NumPy and the eager mean do
  return out;
}

}  // namespace einspan
