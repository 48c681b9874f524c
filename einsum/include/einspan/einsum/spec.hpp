#pragma once
// The einsum spec parser: one constexpr function that runs at compile time (for einsum<"...">)
// and at run time (for einsum("...", ...)), as fmt does for format strings. It never throws; it
// returns the parsed terms or the first error with its position, and each entry point reports the
// error its own way: a throw at run time, a failed build at compile time. The messages live in one
// table, so both report the same words.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace einspan {

// Limits of a spec. NumPy allows 32 operands (NPY_MAXARGS); 64 subscripts per term is far more
// than any tensor rank we support.
inline constexpr std::size_t einsum_max_operands = 32;
inline constexpr std::size_t einsum_max_subscripts = 64;
// Letters are label ids 0..51 in ASCII order ('A'..'Z', then 'a'..'z'), which is the order NumPy
// uses for an implicit output. Ellipsis dimensions get ids from einsum_letter_count on.
inline constexpr int einsum_letter_count = 52;

// X-macro: every syntax error a spec can have, with the message shared by both entry points.
#define EINSPAN_EINSUM_SPEC_ERRORS(X)                                                                     \
  X(bad_character, "invalid character in subscripts: only letters, ',', '->', '...' and spaces are allowed") \
  X(bad_dot, "'.' that is not part of an ellipsis '...'")                                               \
  X(two_ellipses, "more than one ellipsis '...' in one term")                                           \
  X(bad_dash, "'-' that is not part of an arrow '->'")                                                  \
  X(two_arrows, "more than one '->'")                                                                   \
  X(comma_in_output, "',' in the output subscripts (after '->')")                                       \
  X(too_many_operands, "more than 32 operands")                                                         \
  X(term_too_long, "more than 64 subscripts in one term")                                               \
  X(output_label_absent, "output subscript that never appears in an input")                             \
  X(output_label_repeated, "output subscript repeated")

enum class SpecErrorKind : std::uint8_t {
  none,
#define EINSPAN_X(name, message) name,
  EINSPAN_EINSUM_SPEC_ERRORS(EINSPAN_X)
#undef EINSPAN_X
};

// The message of an error kind, without the spec and position.
constexpr const char* describe(SpecErrorKind kind) {
  switch (kind) {
#define EINSPAN_X(name, message) \
  case SpecErrorKind::name:      \
    return message;
    EINSPAN_EINSUM_SPEC_ERRORS(EINSPAN_X)
#undef EINSPAN_X
    case SpecErrorKind::none:
      break;
  }
  return "no error";
}

struct SpecError {
  SpecErrorKind kind = SpecErrorKind::none;
  int position = 0;  // index into the spec string
};

// One term of a spec: its labels in order of appearance (repeats kept: "ii" is a diagonal) and
// where the ellipsis sits among them.
struct SpecTerm {
  std::array<std::int8_t, einsum_max_subscripts> labels{};
  int count = 0;
  int ellipsis = -1;  // the ellipsis dimensions come before labels[ellipsis]; -1: no ellipsis
  int position = 0;   // where the term starts in the spec, for messages

  constexpr bool has_ellipsis() const { return ellipsis >= 0; }
};

struct ParsedSpec {
  std::array<SpecTerm, einsum_max_operands> inputs{};
  int input_count = 0;
  SpecTerm output{};
  bool explicit_output = false;
  SpecError error{};

  constexpr bool ok() const { return error.kind == SpecErrorKind::none; }
};

constexpr bool is_label_char(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr int label_id(char c) { return c >= 'a' ? 26 + (c - 'a') : c - 'A'; }
constexpr char label_char(int id) { return id < 26 ? static_cast<char>('A' + id) : static_cast<char>('a' + id - 26); }

namespace detail {

// Reads one term starting at spec[i]; stops at ',', '-' or the end. Returns false on error.
constexpr bool parse_term(std::string_view spec, std::size_t& i, SpecTerm& term, ParsedSpec& out) {
  term.position = static_cast<int>(i);
  const auto fail = [&](SpecErrorKind kind, std::size_t at) {
    out.error = SpecError{kind, static_cast<int>(at)};
    return false;
  };
  while (i < spec.size() && spec[i] != ',' && spec[i] != '-') {
    const char c = spec[i];
    if (c == ' ') {
      ++i;
    } else if (c == '.') {
      if (i + 2 >= spec.size() || spec[i + 1] != '.' || spec[i + 2] != '.') return fail(SpecErrorKind::bad_dot, i);
      if (term.has_ellipsis()) return fail(SpecErrorKind::two_ellipses, i);
      term.ellipsis = term.count;
      i += 3;
    } else if (is_label_char(c)) {
      if (term.count == static_cast<int>(einsum_max_subscripts)) return fail(SpecErrorKind::term_too_long, i);
      term.labels[static_cast<std::size_t>(term.count++)] = static_cast<std::int8_t>(label_id(c));
      ++i;
    } else {
      return fail(SpecErrorKind::bad_character, i);
    }
  }
  return true;
}

}  // namespace detail

// Parses a spec with NumPy's grammar: comma-separated input terms, an optional "->output"; without
// it the output is the ellipsis followed by the labels that appear exactly once, in ASCII order.
// Checks only what the spec alone decides; operand count, ranks and sizes are checked by the
// callers that know the operands.
constexpr ParsedSpec parse_spec(std::string_view spec) {
  ParsedSpec out{};
  std::size_t i = 0;
  while (true) {
    if (out.input_count == static_cast<int>(einsum_max_operands)) {
      out.error = SpecError{SpecErrorKind::too_many_operands, static_cast<int>(i)};
      return out;
    }
    SpecTerm& term = out.inputs[static_cast<std::size_t>(out.input_count++)];
    if (!detail::parse_term(spec, i, term, out)) return out;
    if (i == spec.size()) break;
    if (spec[i] == ',') {
      ++i;
      continue;
    }
    // spec[i] == '-'
    if (i + 1 >= spec.size() || spec[i + 1] != '>') {
      out.error = SpecError{SpecErrorKind::bad_dash, static_cast<int>(i)};
      return out;
    }
    i += 2;
    out.explicit_output = true;
    if (!detail::parse_term(spec, i, out.output, out)) return out;
    if (i < spec.size()) {
      const bool dash = spec[i] == '-';
      out.error = SpecError{dash ? SpecErrorKind::two_arrows : SpecErrorKind::comma_in_output, static_cast<int>(i)};
      return out;
    }
    break;
  }

  std::array<int, einsum_letter_count> seen{};
  bool any_ellipsis = false;
  for (int k = 0; k < out.input_count; ++k) {
    const SpecTerm& term = out.inputs[static_cast<std::size_t>(k)];
    any_ellipsis = any_ellipsis || term.has_ellipsis();
    for (int j = 0; j < term.count; ++j) ++seen[static_cast<std::size_t>(term.labels[static_cast<std::size_t>(j)])];
  }

  if (out.explicit_output) {
    std::array<bool, einsum_letter_count> used{};
    // Positions of output labels, skipping spaces and the ellipsis, for messages.
    std::size_t at = static_cast<std::size_t>(out.output.position);
    for (int j = 0; j < out.output.count; ++j) {
      while (!is_label_char(spec[at])) ++at;
      const auto label = static_cast<std::size_t>(out.output.labels[static_cast<std::size_t>(j)]);
      if (seen[label] == 0) {
        out.error = SpecError{SpecErrorKind::output_label_absent, static_cast<int>(at)};
        return out;
      }
      if (used[label]) {
        out.error = SpecError{SpecErrorKind::output_label_repeated, static_cast<int>(at)};
        return out;
      }
      used[label] = true;
      ++at;
    }
  } else {
    out.output.position = static_cast<int>(spec.size());
    if (any_ellipsis) out.output.ellipsis = 0;
    for (int label = 0; label < einsum_letter_count; ++label)
      if (seen[static_cast<std::size_t>(label)] == 1)
        out.output.labels[static_cast<std::size_t>(out.output.count++)] = static_cast<std::int8_t>(label);
  }
  return out;
}

// "einsum spec \"ij,jk->ik\": <message> (at position 5)" for a syntax error.
std::string format_spec_error(std::string_view spec, const SpecError& error);

// parse_spec, throwing ValueError with format_spec_error's message on a syntax error and when the
// spec's term count differs from operand_count.
ParsedSpec parse_spec_or_throw(std::string_view spec, std::size_t operand_count);

namespace detail {
// Deliberately not constexpr: a consteval caller that reaches it fails to compile, and the
// compiler's note shows the message (fmt's trick).
void einsum_spec_error_at_compile_time(const char* message);
}  // namespace detail

}  // namespace einspan
