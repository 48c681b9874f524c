#pragma once
// einsum_path: the contraction order einsum uses for three or more operands, with its estimated
// cost, as np.einsum_path(..., optimize=True) reports it.
#include <einspan/tensor/dims.hpp>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace einspan {

struct EinsumPath {
  // Pairwise contractions in NumPy's list form: each pair indexes the current operand list, the
  // two are removed and their result is appended (np.einsum_path's ('einsum_path', (0, 1), ...)).
  std::vector<std::pair<int, int>> contractions;
  double naive_flops = 0;           // one loop over every label, as np.einsum_path counts it
  double optimized_flops = 0;       // sum over the contractions
  double largest_intermediate = 0;  // elements
  std::string report;               // the table np.einsum_path prints
};

// The contraction order for `spec` over operands of the given shapes: an exact search over all
// orders up to 8 operands, greedy beyond (opt_einsum's strategies). Throws ValueError/ShapeError
// for a bad spec or shapes that do not fit it. Allocates only its result.
EinsumPath einsum_path(std::string_view spec, std::span<const Dims> shapes);
EinsumPath einsum_path(std::string_view spec, std::initializer_list<Dims> shapes);

}  // namespace einspan
