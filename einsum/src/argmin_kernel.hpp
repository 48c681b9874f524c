#pragma once
// ArgminPlan's kernel (argmin_kernel.cpp, one per instruction-set level): for every row of x, the
// argmin over columns of offset[j] + x[i, :] . c[j, :], with c packed as the register tile's panels.
#include "tile_layout.hpp"
#include <cstdint>

namespace einspan::detail {

template <class T>
struct ArgminTask {
  const T* x;  // m rows of `depth` unit-stride elements, row_stride apart
  index_t row_stride;
  index_t m;
  index_t depth;
  const TilePanels* layout;  // the packing of `panels`; its shape is tile_shape<T>()
  const T* panels;           // depth * layout->padded_columns()
  const T* offsets;          // layout->padded_columns(), padding columns +inf
  std::int64_t* labels;
  index_t label_stride;
  T* values;  // nullptr: not wanted
  index_t value_stride;
};

// labels[i] = the first j of the smallest score of row i; values[i] = that score.
template <class T>
void argmin_tile(const ArgminTask<T>& task);
template <>
void argmin_tile<float>(const ArgminTask<float>& task);
template <>
void argmin_tile<double>(const ArgminTask<double>& task);

}  // namespace einspan::detail
