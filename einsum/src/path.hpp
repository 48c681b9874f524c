#pragma once
// Contraction-order search on bound label sets. The cost model is opt_einsum's: a pairwise step
// costs the product of the sizes of all its labels, doubled when it sums some label away.
#include "bind.hpp"

#include <einspan/einsum/path.hpp>

namespace einspan::detail {

struct PathStep {
  int lhs = 0, rhs = 0;  // operand ids: inputs 0..n-1, step s produces id n+s
  LabelSet result;       // labels kept by the step
  double flops = 0;
};

struct PathPlan {
  std::vector<PathStep> steps;
  EinsumPath summary;
};

PathPlan plan_path(const BoundSpec& bound);

}  // namespace einspan::detail
