#include "bind.hpp"

#include <einspan/tensor/error.hpp>
#include <fmt/format.h>

namespace einspan::detail {

std::string label_name(int label) {
  if (label < einsum_letter_count) return fmt::format("label '{}'", label_char(label));
  return fmt::format("ellipsis dimension {}", label - einsum_letter_count);
}

namespace {

// The label of each dimension of an operand whose term is `term` and rank `ndim`, with the
// ellipsis dimensions right-aligned against the broadcast ellipsis of rank `ellipsis_rank`.
std::vector<int> dimension_labels(const SpecTerm& term, std::size_t ndim, int ellipsis_rank) {
  std::vector<int> labels;
  const int covered = term.has_ellipsis() ? static_cast<int>(ndim) - term.count : 0;
  for (int j = 0; j <= term.count; ++j) {
    if (j == term.ellipsis)
      for (int e = 0; e < covered; ++e) labels.push_back(einsum_letter_count + ellipsis_rank - covered + e);
    if (j < term.count) labels.push_back(term.labels[static_cast<std::size_t>(j)]);
  }
  return labels;
}

}  // namespace

BoundSpec bind_spec(std::string_view spec, const ParsedSpec& parsed, std::span<const Layout* const> operands) {
  BoundSpec bound;
  bound.spec = std::string(spec);
  // Ranks against subscripts, and the broadcast rank of the ellipsis.
  int ellipsis_rank = 0;
  for (std::size_t k = 0; k < operands.size(); ++k) {
    const SpecTerm& term = parsed.inputs[k];
    const auto ndim = static_cast<int>(operands[k]->ndim());
    if (term.has_ellipsis() ? ndim < term.count : ndim != term.count)
      throw ShapeError(fmt::format(
          "einsum spec \"{}\": operand {} has {} dimension{} (shape {}) but its subscripts at position {} name {}{}",
          spec, k, ndim, ndim == 1 ? "" : "s", format_shape(operands[k]->shape), term.position, term.count,
          term.has_ellipsis() ? " plus an ellipsis" : ""));
    if (term.has_ellipsis()) ellipsis_rank = std::max(ellipsis_rank, ndim - term.count);
  }
  if (einsum_letter_count + ellipsis_rank > einsum_max_labels)
    throw ShapeError(fmt::format("einsum spec \"{}\": the ellipsis spans {} dimensions, more than einsum supports",
                                 spec, ellipsis_rank));
  if (parsed.explicit_output && !parsed.output.has_ellipsis() && ellipsis_rank > 0)
    throw ValueError(fmt::format(
        "einsum spec \"{}\": the ellipsis spans {} dimension{} but the output has no '...' to receive them", spec,
        ellipsis_rank, ellipsis_rank == 1 ? "" : "s"));

  bound.label_count = einsum_letter_count + ellipsis_rank;
  bound.sizes = Dims(static_cast<std::size_t>(bound.label_count), 1);
  std::vector<int> size_from(static_cast<std::size_t>(bound.label_count), -1);  // operand that fixed the size
  std::vector<std::vector<int>> dim_labels;
  for (std::size_t k = 0; k < operands.size(); ++k) {
    const Layout& layout = *operands[k];
    dim_labels.push_back(dimension_labels(parsed.inputs[k], layout.ndim(), ellipsis_rank));
    const std::vector<int>& labels = dim_labels.back();
    for (std::size_t d = 0; d < labels.size(); ++d) {
      const auto label = static_cast<std::size_t>(labels[d]);
      const index_t size = layout.shape[d];
      for (std::size_t e = 0; e < d; ++e)
        if (labels[e] == labels[d] && layout.shape[e] != size)
          throw ShapeError(fmt::format(
              "einsum spec \"{}\": {} is repeated in operand {} with different sizes {} and {} (shape {})", spec,
              label_name(labels[d]), k, layout.shape[e], size, format_shape(layout.shape)));
      if (size == 1) continue;
      if (size_from[label] >= 0 && bound.sizes[label] != size)
        throw ShapeError(fmt::format("einsum spec \"{}\": {} is {} in operand {} and {} in operand {}", spec,
                                     label_name(labels[d]), bound.sizes[label], size_from[label], size, k));
      bound.sizes[label] = size;
      size_from[label] = static_cast<int>(k);
    }
  }

  for (std::size_t k = 0; k < operands.size(); ++k) {
    const Layout& layout = *operands[k];
    BoundOperand op;
    const std::vector<int>& labels = dim_labels[k];
    for (std::size_t d = 0; d < labels.size(); ++d) {
      if (layout.shape[d] == 1) continue;  // broadcast: contributes the same element along the label
      const int label = labels[d];
      if (!op.set[static_cast<std::size_t>(label)]) {
        op.set.set(static_cast<std::size_t>(label));
        op.labels.push_back(label);
        op.strides.push_back(0);
      }
      const auto at = static_cast<std::size_t>(std::find(op.labels.begin(), op.labels.end(), label) - op.labels.begin());
      // Added unsigned: an empty operand's strides may be any wrapped values (row_major_strides)
      // whose sum is never used; for any other operand the sum is the diagonal's stride and fits.
      op.strides[at] = static_cast<index_t>(static_cast<std::uint64_t>(op.strides[at]) +
                                            static_cast<std::uint64_t>(layout.strides[d]));
    }
    bound.inputs.push_back(std::move(op));
  }

  const SpecTerm& out = parsed.output;
  for (int j = 0; j <= out.count; ++j) {
    if (j == out.ellipsis)
      for (int e = 0; e < ellipsis_rank; ++e) bound.output_labels.push_back(einsum_letter_count + e);
    if (j < out.count) bound.output_labels.push_back(out.labels[static_cast<std::size_t>(j)]);
  }
  for (const int label : bound.output_labels) {
    const index_t size = bound.sizes[static_cast<std::size_t>(label)];
    bound.output_shape.push_back(size);
    if (size != 1) bound.output_set.set(static_cast<std::size_t>(label));
  }
  return bound;
}

}  // namespace einspan::detail
