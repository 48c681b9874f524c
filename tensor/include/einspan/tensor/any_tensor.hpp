#pragma once
// AnyTensor: a tensor whose element type is chosen at run time, as a NumPy array's dtype is.
//
// It holds exactly one Tensor<T> for T in element_types (float, double, int32, int64, bool); the
// std::variant is built from that Boost.MP11 list, so adding an element type there adds it here.
// Like Tensor<T>, an AnyTensor is a handle: copying it shares the buffer.
#include <boost/mp11/algorithm.hpp>
#include <boost/mp11/utility.hpp>
#include <einspan/tensor/tensor.hpp>
#include <string_view>
#include <utility>
#include <variant>

namespace einspan {

// The element type of a tensor, in the order of element_types.
enum class DType { float32, float64, int32, int64, bool_ };

template <Element T>
inline constexpr DType dtype_of = static_cast<DType>(boost::mp11::mp_find<element_types, T>::value);

static_assert(dtype_of<float> == DType::float32 && dtype_of<double> == DType::float64 &&
                  dtype_of<std::int32_t> == DType::int32 && dtype_of<std::int64_t> == DType::int64 &&
                  dtype_of<bool> == DType::bool_,
              "DType must list the element types in the order of element_types");

// NumPy's name for a dtype: "float32", "float64", "int32", "int64", "bool".
constexpr std::string_view dtype_name(DType dtype) {
  switch (dtype) {
    case DType::float32: return "float32";
    case DType::float64: return "float64";
    case DType::int32: return "int32";
    case DType::int64: return "int64";
    case DType::bool_: return "bool";
  }
  return "unknown";
}

// Bytes per element.
constexpr std::size_t dtype_size(DType dtype) {
  switch (dtype) {
    case DType::float32: return 4;
    case DType::float64: return 8;
    case DType::int32: return 4;
    case DType::int64: return 8;
    case DType::bool_: return 1;
  }
  return 0;
}

// NumPy's casting rules (np.can_cast), restricted to our element types:
//   safe:      the value is always preserved: bool -> anything, int32 -> int64/float64,
//              int64 -> float64 (NumPy's choice, though it rounds above 2^53), float32 -> float64;
//   same_kind: also narrowing within a kind (float64 -> float32, int64 -> int32) and bool ->
//              int -> float, but never float -> int or anything -> bool;
//   unsafe:    anything goes, with static_cast semantics (as astype).
enum class Casting { safe, same_kind, unsafe };

constexpr std::string_view casting_name(Casting casting) {
  switch (casting) {
    case Casting::safe: return "safe";
    case Casting::same_kind: return "same_kind";
    case Casting::unsafe: return "unsafe";
  }
  return "unknown";
}

constexpr bool can_cast(DType from, DType to, Casting casting = Casting::safe) {
  if (from == to || casting == Casting::unsafe) return true;
  const auto kind = [](DType d) { return d == DType::bool_ ? 0 : (d == DType::int32 || d == DType::int64) ? 1 : 2; };
  if (casting == Casting::same_kind) return kind(from) <= kind(to);
  switch (from) {
    case DType::bool_: return true;
    case DType::int32: return to == DType::int64 || to == DType::float64;
    case DType::int64: return to == DType::float64;
    case DType::float32: return to == DType::float64;
    case DType::float64: return false;
  }
  return false;
}

namespace detail {
template <class T>
using tensor_of = Tensor<T>;
}  // namespace detail

class AnyTensor {
 public:
  // std::variant<Tensor<float>, Tensor<double>, Tensor<int32_t>, Tensor<int64_t>, Tensor<bool>>.
  using variant_type =
      boost::mp11::mp_rename<boost::mp11::mp_transform<detail::tensor_of, element_types>, std::variant>;

  // An empty float64 tensor of shape (0,), as np.array([]).
  AnyTensor() : tensor_(Tensor<double>()) {}
  // Wraps a tensor handle (shares its buffer, no copy).
  template <Element T>
  AnyTensor(Tensor<T> tensor) : tensor_(std::move(tensor)) {}

  DType dtype() const { return static_cast<DType>(tensor_.index()); }
  std::string_view dtype_name() const { return einspan::dtype_name(dtype()); }
  const Dims& shape() const {
    return std::visit([](const auto& t) -> const Dims& { return t.shape(); }, tensor_);
  }
  std::size_t ndim() const { return shape().size(); }
  index_t size() const { return shape_size(shape()); }

  template <Element T>
  bool holds() const {
    return std::holds_alternative<Tensor<T>>(tensor_);
  }

  // The held Tensor<T> (a handle to the same buffer, no copy). Throws TypeError naming both
  // dtypes when the tensor holds another element type; use as<T>() to convert.
  template <Element T>
  const Tensor<T>& get() const {
    if (const auto* t = std::get_if<Tensor<T>>(&tensor_)) return *t;
    throw TypeError(fmt::format("AnyTensor::get: the tensor holds dtype {}, not {} (use as<{}>() to convert)",
                                dtype_name(), einspan::dtype_name(dtype_of<T>), einspan::dtype_name(dtype_of<T>)));
  }

  // The elements as Tensor<T>, as NumPy's a.astype(T, casting=...) with copy=False: the held
  // tensor itself when it already is a Tensor<T> (shared, no copy), otherwise a fresh
  // C-contiguous converted copy. Throws TypeError when `casting` forbids the conversion.
  template <Element T>
  Tensor<T> as(Casting casting = Casting::unsafe) const {
    if (const auto* t = std::get_if<Tensor<T>>(&tensor_)) return *t;
    if (!can_cast(dtype(), dtype_of<T>, casting))
      throw TypeError(fmt::format("Cannot cast array data from dtype('{}') to dtype('{}') according to the rule '{}'",
                                  dtype_name(), einspan::dtype_name(dtype_of<T>), casting_name(casting)));
    return std::visit([](const auto& t) { return t.template astype<T>(); }, tensor_);
  }

  // f(const Tensor<T>&) for the held T; returns what f returns (which must be one type for
  // every T, as for std::visit).
  template <class F>
  decltype(auto) visit(F&& f) const {
    return std::visit(std::forward<F>(f), tensor_);
  }

  const variant_type& variant() const { return tensor_; }

 private:
  variant_type tensor_;
};

}  // namespace einspan
