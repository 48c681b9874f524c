// Not including <einspan/tensor/eigen.hpp>: the tensor library is built without Eigen.
#include <einspan/tensor/error.hpp>
#include <einspan/tensor/layout.hpp>

namespace einspan::detail {

[[noreturn]] void throw_eigen_layout(const char* what, std::size_t rank, const Layout& layout, const char* why) {
  throw ValueError(fmt::format("{}: cannot map a tensor of shape {} and strides {} as a {}-d Eigen object: {}; "
                               "map t.copy() instead",
                               what, format_shape(layout.shape), format_shape(layout.strides), rank, why));
}

}  // namespace einspan::detail
