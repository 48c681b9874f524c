// Fuzz target: broadcast_shapes, broadcast_layout and broadcast_assignment_layout on shapes drawn
// from the input, against NumPy's rules written out here.
//
// Properties:
//  - broadcast_shapes returns the reference's shape, or throws ShapeError with NumPy's message
//    "operands could not be broadcast together with shapes (4,3) (1,4)" exactly when the reference
//    finds a mismatch; a negative dimension is a ValueError (np.broadcast_shapes's "negative
//    dimensions are not allowed");
//  - every operand's row-major layout broadcasts to the result (and to a perturbed target exactly
//    when the reference says it fits) with zero strides on the stretched dimensions, its own
//    strides elsewhere and its offset kept; a negative target dimension is a ValueError;
//  - an assignment value's layout stretches to a target exactly when NumPy's setitem rule allows
//    it (leading size-1 dimensions beyond the target's rank dropped), with the same strides.
#include "fuzz_support.hpp"

#include <einspan/tensor.hpp>

#include <algorithm>
#include <optional>
#include <vector>

using namespace einspan;
using namespace einspan::fuzz;

namespace {

index_t draw_dim(Choices& choices) {
  const std::uint8_t b = choices.byte();
  if (b < 224) return b % 5;  // mostly 0..4, so that shapes meet and mismatch often
  if (b < 248) return b - 224 + 5;
  if (b < 254) return choices.int64() & std::numeric_limits<index_t>::max();  // huge, non-negative
  return choices.int64();                                                     // anything, negative included
}

Dims draw_shape(Choices& choices) {
  Dims shape;
  for (unsigned rank = choices.below(10); rank > 0; --rank) shape.push_back(draw_dim(choices));
  return shape;
}

std::string compact(std::span<const index_t> shape) {
  std::string s = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? "," : "") + std::to_string(shape[i]);
  return s + (shape.size() == 1 ? ",)" : ")");
}

// NumPy's rule, one axis at a time from the right: the sizes other than 1 must agree.
std::optional<Dims> reference_broadcast(const std::vector<Dims>& shapes) {
  std::size_t rank = 0;
  for (const Dims& s : shapes) rank = std::max(rank, s.size());
  Dims out(rank, 1);
  for (std::size_t from_right = 1; from_right <= rank; ++from_right) {
    std::optional<index_t> size;
    for (const Dims& s : shapes) {
      if (s.size() < from_right) continue;
      const index_t d = s[s.size() - from_right];
      if (d == 1) continue;
      if (size && *size != d) return std::nullopt;
      size = d;
    }
    out[rank - from_right] = size.value_or(1);
  }
  return out;
}

// Row-major strides, multiplied modulo 2^64 as the library documents for shapes whose size overflows.
Dims reference_strides(std::span<const index_t> shape) {
  Dims strides(shape.size(), 0);
  std::uint64_t step = 1;
  for (std::size_t i = shape.size(); i-- > 0;) {
    strides[i] = static_cast<index_t>(step);
    step *= static_cast<std::uint64_t>(shape[i]);
  }
  return strides;
}

// `from` stretched to `to`: the strides of the view, or nothing when it does not fit.
std::optional<Dims> reference_stretch(std::span<const index_t> from, std::span<const index_t> from_strides,
                                      std::span<const index_t> to) {
  if (from.size() > to.size()) return std::nullopt;
  const std::size_t pad = to.size() - from.size();
  Dims strides(to.size(), 0);
  for (std::size_t i = 0; i < from.size(); ++i) {
    if (from[i] == to[pad + i]) strides[pad + i] = from_strides[i];
    else if (from[i] != 1) return std::nullopt;
  }
  return strides;
}

void check_layout(const Layout& source, std::span<const index_t> target, bool assignment) {
  // NumPy's setitem drops the value's leading size-1 dimensions beyond the target's rank.
  std::size_t drop = 0;
  if (assignment)
    while (source.ndim() - drop > target.size() && source.shape[drop] == 1) ++drop;
  const std::span<const index_t> shape(source.shape.begin() + drop, source.shape.end());
  const std::span<const index_t> strides(source.strides.begin() + drop, source.strides.end());
  std::optional<Dims> want = reference_stretch(shape, strides, target);
  const bool negative = std::any_of(target.begin(), target.end(), [](index_t d) { return d < 0; });

  Layout got;
  std::string error;
  const std::type_info* type = nullptr;
  const bool ok = accepts(
      [&] { got = assignment ? broadcast_assignment_layout(source, target) : broadcast_layout(source, target); },
      &error, &type);
  const std::string context = fmt::format("{} {} to {}", assignment ? "broadcast_assignment_layout" : "broadcast_layout",
                                          compact(source.shape), compact(target));
  if (negative) {  // np.broadcast_to's ValueError (an assignment target is an array: it cannot have one)
    EINSPAN_FUZZ_CHECK(!ok && (*type == typeid(ValueError) || (assignment && *type == typeid(ShapeError))),
                       context + ": a negative dimension must be a ValueError");
    return;
  }
  EINSPAN_FUZZ_CHECK(ok == want.has_value(), context + (ok ? " accepted" : " rejected: " + error));
  if (!ok) {
    EINSPAN_FUZZ_CHECK(*type == typeid(ShapeError), error);
    return;
  }
  EINSPAN_FUZZ_CHECK(got.shape == Dims(target) && got.strides == *want && got.offset == source.offset,
                     context + " gives strides " + compact(got.strides));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Choices choices(data, size);
  std::vector<Dims> shapes(choices.below(7));
  for (Dims& s : shapes) s = draw_shape(choices);

  std::string context = "broadcast_shapes";
  bool negative = false;
  for (const Dims& s : shapes) {
    context += " " + compact(s);
    for (index_t d : s) negative = negative || d < 0;
  }
  const std::optional<Dims> want = reference_broadcast(shapes);
  Dims got;
  std::string error;
  const std::type_info* type = nullptr;
  const bool ok = accepts([&] { got = broadcast_shapes(std::span<const Dims>(shapes)); }, &error, &type);
  if (negative) {
    EINSPAN_FUZZ_CHECK(!ok && *type == typeid(ValueError), context + ": a negative dimension must be a ValueError");
    return 0;
  }
  EINSPAN_FUZZ_CHECK(ok == want.has_value(), context + (ok ? " accepted as " + compact(got) : " rejected: " + error));
  if (!ok) {
    std::string message = "operands could not be broadcast together with shapes";
    for (const Dims& s : shapes) message += " " + compact(s);
    EINSPAN_FUZZ_CHECK(*type == typeid(ShapeError) && error == message, context + ": " + error);
    return 0;
  }
  EINSPAN_FUZZ_CHECK(got == *want, context + " gives " + compact(got) + ", NumPy " + compact(*want));

  // Each operand's layout stretched to the result, to a perturbed target, and as an assigned value.
  Dims target = got;
  switch (choices.below(4)) {
    case 0:
      if (!target.empty()) target[choices.below(static_cast<unsigned>(target.size()))] = draw_dim(choices) % 8;
      break;
    case 1: target.insert(0, choices.below(4)); break;
    case 2:
      if (!target.empty()) target.erase(0);
      break;
    default: break;
  }
  for (const Dims& s : shapes) {
    const Layout source{s, reference_strides(s), static_cast<index_t>(choices.below(100))};
    check_layout(source, got, false);
    check_layout(source, target, false);
    check_layout(source, target, true);
  }
  return 0;
}
