#include <einspan/einsum/argmin_plan.hpp>

#include "argmin_kernel.hpp"
#include "tile_layout.hpp"
#include <algorithm>
#include <einspan/einsum/spec.hpp>
#include <einspan/tensor/create.hpp>
#include <einspan/tensor/error.hpp>
#include <fmt/format.h>
#include <limits>

namespace einspan {

namespace {

// The labels of a matrix product "ab,cb->ac" / "ab,bc->ac"; throws ValueError for any other.
struct MatrixProduct {
  bool c_transposed = false;  // c is (d, k) rather than (k, d)
};

MatrixProduct parse_matrix_product(std::string_view spec) {
  const ParsedSpec parsed = parse_spec_or_throw(spec, 2);
  const SpecTerm& x = parsed.inputs[0];
  const SpecTerm& c = parsed.inputs[1];
  const SpecTerm& out = parsed.output;
  const bool shape_ok = parsed.explicit_output && x.count == 2 && c.count == 2 && out.count == 2 &&
                        !x.has_ellipsis() && !c.has_ellipsis() && !out.has_ellipsis();
  if (shape_ok) {
    const int row = x.labels[0], depth = x.labels[1], column = out.labels[1];
    const bool distinct = row != depth && row != column && depth != column && out.labels[0] == row;
    if (distinct && c.labels[0] == column && c.labels[1] == depth) return {false};
    if (distinct && c.labels[0] == depth && c.labels[1] == column) return {true};
  }
  throw ValueError(fmt::format("ArgminPlan: spec \"{}\" is not a matrix product with the argmin label last, "
                               "such as \"nd,kd->nk\" or \"nd,dk->nk\"",
                               spec));
}

}  // namespace

// c packed as the panels of the register tile of the level in use (tile_layout.hpp). Padding
// columns have c = 0 and offset = +inf, so they never win the argmin.
template <class T>
  requires std::same_as<T, float> || std::same_as<T, double>
struct ArgminPlan<T>::Packed {
  bool c_transposed;
  T scale;
  index_t k, d;
  detail::TilePanels layout;
  Tensor<T> panels;
  Tensor<T> offsets;

  Packed(bool transposed, T s, index_t columns, index_t depth)
      : c_transposed(transposed), scale(s), k(columns), d(depth), layout(detail::tile_shape<T>(), columns),
        panels(zeros<T>({layout.padded_columns() * std::max<index_t>(d, 1)})),
        offsets(full<T>({layout.padded_columns()}, std::numeric_limits<T>::infinity())) {}

  void pack(const Tensor<T>& c, const Tensor<T>& offset) {
    layout.pack<T>(panels.data(), d,
                [&](index_t p, index_t j) { return scale * (c_transposed ? c(p, j) : c(j, p)); });
    for (index_t j = 0; j < k; ++j) offsets(j) = offset(j);
  }
};

namespace {

template <class T>
void check_operands(std::string_view spec, bool c_transposed, const Tensor<T>& c, const Tensor<T>& offset,
                    index_t k, index_t d) {
  const index_t ck = c.ndim() == 2 ? c.dim(c_transposed ? 1 : 0) : -1;
  const index_t cd = c.ndim() == 2 ? c.dim(c_transposed ? 0 : 1) : -1;
  if (c.ndim() != 2 || (k >= 0 && (ck != k || cd != d)))
    throw ShapeError(fmt::format("ArgminPlan \"{}\": the second operand has shape {}, expected {}", spec,
                                 format_shape(c.shape()),
                                 k < 0 ? std::string("2 dimensions")
                                       : format_shape(c_transposed ? Dims{d, k} : Dims{k, d})));
  if (!(offset.shape() == Dims{ck}))
    throw ShapeError(fmt::format("ArgminPlan \"{}\": offset has shape {}, expected ({},)", spec,
                                 format_shape(offset.shape()), ck));
}

}  // namespace

template <class T>
  requires std::same_as<T, float> || std::same_as<T, double>
ArgminPlan<T>::ArgminPlan(std::string_view spec, const Tensor<T>& c, const Tensor<T>& offset, T scale)
    : spec_(spec) {
  const bool transposed = parse_matrix_product(spec).c_transposed;
  check_operands(spec, transposed, c, offset, -1, -1);
  const index_t k = c.dim(transposed ? 1 : 0), d = c.dim(transposed ? 0 : 1);
  if (k == 0)
    throw ValueError(fmt::format("ArgminPlan \"{}\": the second operand {} has no columns to take the argmin over",
                                 spec, format_shape(c.shape())));
  packed_ = std::make_unique<Packed>(transposed, scale, k, d);
  packed_->pack(c, offset);
}

template <class T>
  requires std::same_as<T, float> || std::same_as<T, double>
ArgminPlan<T>::ArgminPlan(ArgminPlan&&) noexcept = default;
template <class T>
  requires std::same_as<T, float> || std::same_as<T, double>
ArgminPlan<T>& ArgminPlan<T>::operator=(ArgminPlan&&) noexcept = default;
template <class T>
  requires std::same_as<T, float> || std::same_as<T, double>
ArgminPlan<T>::~ArgminPlan() = default;

template <class T>
  requires std::same_as<T, float> || std::same_as<T, double>
void ArgminPlan<T>::reset(const Tensor<T>& c, const Tensor<T>& offset) {
  check_operands(spec_, packed_->c_transposed, c, offset, packed_->k, packed_->d);
  packed_->pack(c, offset);
}

template <class T>
  requires std::same_as<T, float> || std::same_as<T, double>
index_t ArgminPlan<T>::rows_of_c() const {
  return packed_->k;
}

template <class T>
  requires std::same_as<T, float> || std::same_as<T, double>
index_t ArgminPlan<T>::depth() const {
  return packed_->d;
}

template <class T>
  requires std::same_as<T, float> || std::same_as<T, double>
void ArgminPlan<T>::operator()(const Tensor<T>& x, const Tensor<std::int64_t>& labels) const {
  run(x, labels, nullptr);
}

template <class T>
  requires std::same_as<T, float> || std::same_as<T, double>
void ArgminPlan<T>::operator()(const Tensor<T>& x, const Tensor<std::int64_t>& labels,
                               const Tensor<T>& min_values) const {
  run(x, labels, &min_values);
}

template <class T>
  requires std::same_as<T, float> || std::same_as<T, double>
void ArgminPlan<T>::run(const Tensor<T>& x, const Tensor<std::int64_t>& labels, const Tensor<T>* min_values) const {
  const Packed& s = *packed_;
  if (x.ndim() != 2 || x.dim(1) != s.d)
    throw ShapeError(fmt::format("ArgminPlan \"{}\": the first operand has shape {}, expected (m, {})", spec_,
                                 format_shape(x.shape()), s.d));
  const index_t m = x.dim(0);
  if (!(labels.shape() == Dims{m}))
    throw ShapeError(fmt::format("ArgminPlan \"{}\": labels have shape {}, expected ({},) for x of shape {}", spec_,
                                 format_shape(labels.shape()), m, format_shape(x.shape())));
  if (min_values && !(min_values->shape() == Dims{m}))
    throw ShapeError(fmt::format("ArgminPlan \"{}\": min_values have shape {}, expected ({},) for x of shape {}",
                                 spec_, format_shape(min_values->shape()), m, format_shape(x.shape())));
  if (m == 0) return;
  // The kernel reads each row of x as one run; a row-stride is free, an element stride is not.
  const Tensor<T> rows = x.strides()[1] == 1 || s.d <= 1 ? x : x.contiguous();
  detail::argmin_tile<T>({rows.data(), rows.strides()[0], m, s.d, &s.layout, s.panels.data(), s.offsets.data(),
                          labels.data(), labels.strides()[0], min_values ? min_values->data() : nullptr,
                          min_values ? min_values->strides()[0] : 0});
}

template class ArgminPlan<float>;
template class ArgminPlan<double>;

}  // namespace einspan
