#pragma once
// Binding a parsed spec to its operands' layouts: every dimension gets a label id (letters
// 0..51, ellipsis dimensions 52..), sizes are checked and broadcast, repeated labels become one
// label whose stride is the sum of the repeats (a diagonal view), and size-1 dimensions drop out
// (stride 0), which is NumPy's broadcasting of both labelled and ellipsis dimensions.
#include <bitset>
#include <einspan/einsum/spec.hpp>
#include <einspan/tensor/layout.hpp>
#include <string>
#include <vector>

namespace einspan::detail {

inline constexpr int einsum_max_labels = 128;
using LabelSet = std::bitset<einsum_max_labels>;

struct BoundOperand {
  std::vector<int> labels;  // the labels this operand really spans (size != 1), first appearance order
  Dims strides;             // stride of each of those labels, in elements
  LabelSet set;
};

struct BoundSpec {
  std::string spec;
  int label_count = 0;
  Dims sizes;                       // size of every label id
  std::vector<BoundOperand> inputs;
  std::vector<int> output_labels;   // one per output dimension, size-1 ones included
  Dims output_shape;
  LabelSet output_set;              // output labels of size != 1
};

// Throws ShapeError naming the spec, the operand and the label on a rank or size mismatch, and
// ValueError when the output needs an ellipsis it lacks.
BoundSpec bind_spec(std::string_view spec, const ParsedSpec& parsed, std::span<const Layout* const> operands);

// Human name of a label id: the letter, or "...[k]" for ellipsis dimension k.
std::string label_name(int label);

}  // namespace einspan::detail
