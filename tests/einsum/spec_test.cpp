// The spec parser: the same constexpr function checked at compile time (static_assert) and at
// run time (the messages of parse_spec_or_throw).
#include <einspan/einsum.hpp>
#include <gtest/gtest.h>

using namespace einspan;

namespace {
constexpr ParsedSpec matmul = parse_spec("ij,jk->ik");
static_assert(matmul.ok() && matmul.input_count == 2 && matmul.explicit_output);
static_assert(matmul.output.count == 2 && matmul.output.labels[0] == label_id('i'));

// Implicit output: labels seen once, in ASCII order (upper case first), after the ellipsis.
constexpr ParsedSpec implicit = parse_spec("ba,...aC");
static_assert(implicit.ok() && !implicit.explicit_output && implicit.output.ellipsis == 0);
static_assert(implicit.output.count == 2 && implicit.output.labels[0] == label_id('C') &&
              implicit.output.labels[1] == label_id('b'));

constexpr ParsedSpec diagonal = parse_spec("ii");
static_assert(diagonal.ok() && diagonal.inputs[0].count == 2 && diagonal.output.count == 0);

static_assert(parse_spec("i$j").error.kind == SpecErrorKind::bad_character);
static_assert(parse_spec("i$j").error.position == 1);
static_assert(parse_spec("i..j").error.kind == SpecErrorKind::bad_dot);
static_assert(parse_spec("...i...").error.kind == SpecErrorKind::two_ellipses);
static_assert(parse_spec("ij-ji").error.kind == SpecErrorKind::bad_dash);
static_assert(parse_spec("i->i->i").error.kind == SpecErrorKind::two_arrows);
static_assert(parse_spec("i,j->i,j").error.kind == SpecErrorKind::comma_in_output);
static_assert(parse_spec("ij->k").error.kind == SpecErrorKind::output_label_absent);
static_assert(parse_spec("ij->k").error.position == 4);
static_assert(parse_spec("ij->ii").error.kind == SpecErrorKind::output_label_repeated);
static_assert(parse_spec("ij->ii").error.position == 5);
static_assert(parse_spec(" i j , j k -> i k ").ok());

// The consteval entry point accepts a good spec (a bad one is a compile error, see compile_fail/).
constexpr ParsedSpec checked = check_einsum_spec("...ij,...jk->...ik");
static_assert(checked.inputs[0].ellipsis == 0 && checked.output.ellipsis == 0);

std::string error_of(std::string_view spec, std::size_t operands) {
  try {
    parse_spec_or_throw(spec, operands);
  } catch (const ValueError& e) {
    return e.what();
  }
  return "no error";
}
}  // namespace

TEST(einsum_spec, runtime_errors_name_the_spec_and_position) {
  EXPECT_EQ(error_of("i$j", 1),
            "einsum spec \"i$j\": invalid character in subscripts: only letters, ',', '->', '...' and spaces are "
            "allowed ('$' at position 1)");
  EXPECT_EQ(error_of("ij->k", 1), "einsum spec \"ij->k\": output subscript that never appears in an input ('k' at position 4)");
  EXPECT_EQ(error_of("ij->ii", 1), "einsum spec \"ij->ii\": output subscript repeated ('i' at position 5)");
  EXPECT_EQ(error_of("i.j", 1), "einsum spec \"i.j\": '.' that is not part of an ellipsis '...' ('.' at position 1)");
  EXPECT_EQ(error_of("ij,jk->ik", 3), "einsum spec \"ij,jk->ik\": 2 comma-separated terms but 3 operands given");
  EXPECT_EQ(error_of("ij", 2), "einsum spec \"ij\": 1 comma-separated term but 2 operands given");
}

// Found by fuzz/einsum_spec: a NUL in the spec cut the message short (what() is a C string),
// and control bytes were echoed raw; they are shown as \xNN.
TEST(einsum_spec, unprintable_bytes_in_messages_are_escaped) {
  EXPECT_EQ(error_of(std::string("i\0j", 3), 1),
            "einsum spec \"i\\x00j\": invalid character in subscripts: only letters, ',', '->', '...' and spaces are "
            "allowed ('\\x00' at position 1)");
  EXPECT_EQ(error_of("ij\x1b[2J,\xff", 2),
            "einsum spec \"ij\\x1b[2J,\\xff\": invalid character in subscripts: only letters, ',', '->', '...' and "
            "spaces are allowed ('\\x1b' at position 2)");
}

TEST(einsum_spec, the_same_parser_runs_at_run_time) {
  const std::string spec = "ba,...aC";  // not a literal: parsed at run time
  const ParsedSpec parsed = parse_spec_or_throw(spec, 2);
  EXPECT_EQ(parsed.output.count, implicit.output.count);
  EXPECT_EQ(parsed.output.labels, implicit.output.labels);
  EXPECT_EQ(parsed.inputs[1].ellipsis, 0);
}

TEST(einsum_spec, too_many_operands) {
  std::string spec = "i";
  for (int k = 1; k < 33; ++k) spec += ",i";
  EXPECT_EQ(parse_spec(spec).error.kind, SpecErrorKind::too_many_operands);
  EXPECT_THROW(parse_spec_or_throw(spec, 33), ValueError);
}

// Inputs no one writes by hand: each is a prompt ValueError whose message stays short and printable.
TEST(einsum_spec, huge_and_binary_specs_are_short_printable_errors) {
  const std::string long_term(1'000'000, 'a');
  const std::string message = error_of(long_term, 1);
  EXPECT_NE(message.find("more than 64 subscripts in one term ('a' at position 64)"), std::string::npos) << message;
  EXPECT_NE(message.find("... (1000000 characters)"), std::string::npos);
  EXPECT_LT(message.size(), 300u);
  EXPECT_EQ(error_of(std::string("ij,\xff\0", 5), 2),
            "einsum spec \"ij,\\xff\\x00\": invalid character in subscripts: only letters, ',', '->', '...' and spaces "
            "are allowed ('\\xff' at position 3)");
  // A million spaces around a valid spec is still that spec.
  const std::string spaced = std::string(500'000, ' ') + "ij->ji" + std::string(500'000, ' ');
  EXPECT_EQ(parse_spec_or_throw(spaced, 1).output.labels[0], label_id('j'));
}

TEST(einsum_spec, sixty_four_operands_are_refused_naming_the_limit) {
  std::vector<Tensor<double>> operands(64, ones<double>({2}));
  std::string spec = "i";
  for (int k = 1; k < 64; ++k) spec += ",i";
  try {
    (void)einsum(spec, operands);
    ADD_FAILURE() << "64 operands accepted";
  } catch (const ValueError& e) {
    EXPECT_NE(std::string(e.what()).find("more than 32 operands"), std::string::npos) << e.what();
  }
  // 32, NumPy's limit, works: the product of 32 ones-vectors summed over i is 2.
  operands.resize(32);
  EXPECT_EQ(einsum(spec.substr(0, 2 * 32 - 1) + "->", operands)(), 2.0);
}
