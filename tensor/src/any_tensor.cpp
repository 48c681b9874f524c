// AnyTensor::as<T>, compiled once for every element type (see any_tensor.hpp).
#include <einspan/tensor/any_tensor.hpp>

namespace einspan {

template <Element T>
Tensor<T> AnyTensor::as(Casting casting) const {
  if (const auto* t = std::get_if<Tensor<T>>(&tensor_)) return *t;
  if (!can_cast(dtype(), dtype_of<T>, casting))
    throw TypeError(fmt::format("Cannot cast array data from dtype('{}') to dtype('{}') according to the rule '{}'",
                                dtype_name(), einspan::dtype_name(dtype_of<T>), casting_name(casting)));
  return std::visit([](const auto& t) { return t.template astype<T>(); }, tensor_);
}

#define EINSPAN_DEFINE_AS(T) template Tensor<T> AnyTensor::as<T>(Casting) const;
EINSPAN_DEFINE_AS(float)
EINSPAN_DEFINE_AS(double)
EINSPAN_DEFINE_AS(std::int32_t)
EINSPAN_DEFINE_AS(std::int64_t)
EINSPAN_DEFINE_AS(bool)
EINSPAN_DEFINE_AS(std::uint8_t)
EINSPAN_DEFINE_AS(std::int8_t)
EINSPAN_DEFINE_AS(std::uint16_t)
EINSPAN_DEFINE_AS(std::int16_t)
EINSPAN_DEFINE_AS(std::uint32_t)
EINSPAN_DEFINE_AS(std::uint64_t)
#undef EINSPAN_DEFINE_AS

}  // namespace einspan
