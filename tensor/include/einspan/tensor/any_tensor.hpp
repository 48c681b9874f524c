#pragma once
// AnyTensor: a tensor whose element type is chosen at run time, as a NumPy array's dtype is.
//
// It holds exactly one Tensor<T> for T in element_types (float, double, int32, int64, bool, uint8,
// int8, uint16, int16, uint32, uint64); the std::variant is built from that Boost.MP11 list, so
// adding an element type there adds it here.
// Like Tensor<T>, an AnyTensor is a handle: copying it shares the buffer.
#include <boost/mp11/algorithm.hpp>
#include <boost/mp11/utility.hpp>
#include <einspan/tensor/promote.hpp>
#include <einspan/tensor/tensor.hpp>
#include <string_view>
#include <utility>
#include <variant>

namespace einspan {

// The element type of a tensor, in the order of element_types.
enum class DType { float32, float64, int32, int64, bool_, uint8, int8, uint16, int16, uint32, uint64 };

inline constexpr std::size_t dtype_count = boost::mp11::mp_size<element_types>::value;

template <Element T>
inline constexpr DType dtype_of = static_cast<DType>(boost::mp11::mp_find<element_types, T>::value);

static_assert(dtype_of<float> == DType::float32 && dtype_of<double> == DType::float64 &&
                  dtype_of<std::int32_t> == DType::int32 && dtype_of<std::int64_t> == DType::int64 &&
                  dtype_of<bool> == DType::bool_ && dtype_of<std::uint8_t> == DType::uint8 &&
                  dtype_of<std::int8_t> == DType::int8 && dtype_of<std::uint16_t> == DType::uint16 &&
                  dtype_of<std::int16_t> == DType::int16 && dtype_of<std::uint32_t> == DType::uint32 &&
                  dtype_of<std::uint64_t> == DType::uint64 && dtype_count == 11,
              "DType must list the element types in the order of element_types");

namespace detail {
// What the casting rules need to know of a dtype: its name, size and NumPy kind (b < u < i < f).
struct DTypeTraits {
  std::string_view name;
  std::size_t size;
  int kind;
};
template <class List>
struct dtype_table;
template <class... T>
struct dtype_table<boost::mp11::mp_list<T...>> {
  static constexpr DTypeTraits value[] = {{type_name<T>(), sizeof(T), cast_kind_v<T>}...};
};
constexpr const DTypeTraits& dtype_traits(DType dtype) {
  return dtype_table<element_types>::value[static_cast<std::size_t>(dtype)];
}
}  // namespace detail

// NumPy's name for a dtype: "float32", "float64", "int32", "int64", "bool", "uint8", ...
constexpr std::string_view dtype_name(DType dtype) { return detail::dtype_traits(dtype).name; }

// Bytes per element.
constexpr std::size_t dtype_size(DType dtype) { return detail::dtype_traits(dtype).size; }

// NumPy's casting rules (np.can_cast) for our element types:
//   safe:      the value is always preserved: bool -> anything; an integer to a wider integer
//              (unsigned to a strictly wider signed one, signed never to unsigned); integers of
//              up to 16 bits to float32, every integer to float64 (NumPy's choice, though int64
//              and uint64 round above 2^53); float32 -> float64;
//   same_kind: also any cast within a kind or to a higher one in NumPy's order bool < unsigned <
//              signed < floating (float64 -> float32, int64 -> int8, uint64 -> int8), but never
//              downwards (float -> int, int -> uint, anything -> bool);
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
  constexpr int b = 0, u = 1, i = 2, f = 3;
  const detail::DTypeTraits x = detail::dtype_traits(from), y = detail::dtype_traits(to);
  if (casting == Casting::same_kind) return x.kind <= y.kind;
  if (x.kind == b) return true;
  if (y.kind == f) return x.kind == f ? x.size <= y.size : (y.size == 8 || x.size <= 2);
  if (x.kind == u && y.kind == u) return x.size <= y.size;
  if (x.kind == u && y.kind == i) return x.size < y.size;
  if (x.kind == i && y.kind == i) return x.size <= y.size;
  return false;  // signed -> unsigned, float -> integer, anything -> bool
}

namespace detail {
template <class T>
using tensor_of = Tensor<T>;
}  // namespace detail

class AnyTensor {
 public:
  // std::variant<Tensor<float>, Tensor<double>, Tensor<int32_t>, ..., Tensor<uint64_t>>.
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
  // Defined in any_tensor.cpp for every element type: each as<T> converts from all eleven types,
  // and compiling those 121 conversions in every user's translation unit doubled the compile
  // time of npy_test.
  template <Element T>
  Tensor<T> as(Casting casting = Casting::unsafe) const;

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
