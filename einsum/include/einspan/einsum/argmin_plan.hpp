#pragma once
// ArgminPlan<T>: a matrix-product einsum fused with an argmin over its second output label,
//
//   NumPy                                                       einspan
//   labels = np.argmin(offset + scale * np.einsum("nd,kd->nk",  ArgminPlan<double> plan("nd,kd->nk", c, offset, scale);
//                      x, c), axis=1)                           plan(x, labels);
//
// without ever writing the (n, k) matrix: a register-blocked kernel accumulates a tile of rows
// against a panel of columns in vector registers and folds it straight into each row's running
// minimum. This is k-means' assignment step (offset = 0.5 ||c||^2, scale = -1) and any other
// "nearest by inner product" search. The second operand is packed once (construction or
// reset()); every call after that is allocation-free and reads x exactly once.
//
// Tuned for the small contraction sizes of clustering (d up to a few hundred): a panel of c
// stays in L1 while a tile of rows runs over it. Larger d is correct, only slower per flop.
#include <cstdint>
#include <einspan/tensor/tensor.hpp>
#include <memory>
#include <string>
#include <string_view>

namespace einspan {

template <class T>
  requires std::same_as<T, float> || std::same_as<T, double>
class ArgminPlan {
 public:
  // spec must be a matrix product whose second operand is c: "nd,kd->nk" or "nd,dk->nk" (any
  // three distinct letters; the output is (rows of x, columns of c)). offset has shape (k,).
  // Computes scores offset[j] + x . (scale * c[j]); packing the scaled c is exact for scale = +-1
  // and powers of two. Throws ValueError for another spec, ShapeError for c or offset shapes that
  // do not fit it. Copies c and offset (into the packed panels).
  ArgminPlan(std::string_view spec, const Tensor<T>& c, const Tensor<T>& offset, T scale = T{1});
  ArgminPlan(ArgminPlan&&) noexcept;
  ArgminPlan& operator=(ArgminPlan&&) noexcept;
  ~ArgminPlan();

  // Re-packs a new c and offset of the same shapes (ShapeError otherwise). No allocation.
  void reset(const Tensor<T>& c, const Tensor<T>& offset);

  index_t rows_of_c() const;  // k
  index_t depth() const;      // d

  // labels(i) = argmin_j offset[j] + scale * x[i] . c[j] for every row of x (m, d); the lowest j
  // wins ties, as np.argmin. With min_values (m,), also writes the minimum scores. Outputs may
  // have any strides. x whose rows are not unit-stride is copied first (one allocation); any
  // other call allocates nothing. NaN scores are skipped, as np.nanargmin does (np.argmin
  // would return the first NaN); a row with no score below +inf gets label 0.
  // Throws ShapeError for shapes that do not fit the plan.
  void operator()(const Tensor<T>& x, const Tensor<std::int64_t>& labels) const;
  void operator()(const Tensor<T>& x, const Tensor<std::int64_t>& labels, const Tensor<T>& min_values) const;

 private:
  struct Packed;
  void run(const Tensor<T>& x, const Tensor<std::int64_t>& labels, const Tensor<T>* min_values) const;

  std::string spec_;
  std::unique_ptr<Packed> packed_;
};

extern template class ArgminPlan<float>;
extern template class ArgminPlan<double>;

}  // namespace einspan
