#include <einspan/tensor/error.hpp>
#include <einspan/tensor/stacking.hpp>

namespace einspan::detail {

Dims split_bounds(index_t n, index_t sections, bool equal) {
  if (sections <= 0) throw ValueError("number sections must be larger than 0.");
  if (equal && n % sections != 0) throw ValueError("array split does not result in an equal division");
  const index_t each = n / sections, longer = n % sections;
  Dims bounds{0};
  for (index_t k = 0; k < sections; ++k) bounds.push_back(bounds.back() + each + (k < longer ? 1 : 0));
  return bounds;
}

}  // namespace einspan::detail
