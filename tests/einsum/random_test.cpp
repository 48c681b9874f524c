// The compiled einsum against the brute-force reference on thousands of random specs: 1-4
// operands, repeated labels, ellipses, size-1 and zero-size dimensions, and inputs that are
// strided, transposed, reversed or sliced views; for floats and every integer type.
#include "reference_einsum.hpp"

#include <einspan/einsum.hpp>
#include <gtest/gtest.h>
#include <random>

using namespace einspan;

namespace {

struct Case {
  std::string spec;
  std::vector<Dims> shapes;
};

// A random spec and matching shapes. Labels come from a small pool so that they repeat across
// and within operands.
Case random_case(std::mt19937& rng) {
  const std::string pool = "abcdeAB";
  const auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  std::map<char, index_t> size;
  for (char c : pool) size[c] = pick(0, 9) == 0 ? 0 : pick(1, 3);
  const int operands = pick(1, 4);
  const bool ellipsis = pick(0, 3) == 0;
  const int ellipsis_rank = ellipsis ? pick(0, 2) : 0;
  std::vector<index_t> ellipsis_sizes;
  for (int e = 0; e < ellipsis_rank; ++e) ellipsis_sizes.push_back(pick(1, 3));

  Case c;
  std::string inputs;
  std::string seen;
  for (int k = 0; k < operands; ++k) {
    std::string term;
    Dims shape;
    const int n = pick(0, operands >= 3 ? 3 : 4);
    const bool has_ellipsis = ellipsis && pick(0, 2) != 0;
    const int at = pick(0, n);
    for (int i = 0; i <= n; ++i) {
      if (has_ellipsis && i == at) {
        term += "...";
        // This operand's share of the ellipsis: its rightmost dims, each possibly 1 (broadcast).
        const int mine = pick(0, ellipsis_rank);
        for (int e = ellipsis_rank - mine; e < ellipsis_rank; ++e)
          shape.push_back(pick(0, 3) == 0 ? 1 : ellipsis_sizes[static_cast<std::size_t>(e)]);
      }
      if (i == n) break;
      const char l = pool[static_cast<std::size_t>(pick(0, static_cast<int>(pool.size()) - 1))];
      term += l;
      seen += l;
      // Occasionally a size-1 dimension that broadcasts against the label's size elsewhere.
      shape.push_back(pick(0, 6) == 0 ? 1 : size[l]);
    }
    if (k) inputs += ",";
    inputs += term;
    c.shapes.push_back(shape);
  }
  // Fix repeated labels inside one operand to share a size.
  {
    std::size_t start = 0;
    for (std::size_t k = 0; k < c.shapes.size(); ++k) {
      const auto end = inputs.find(',', start);
      const std::string term = inputs.substr(start, end == std::string::npos ? std::string::npos : end - start);
      start = end + 1;
      std::map<char, index_t> first;
      std::size_t d = 0;
      for (std::size_t i = 0; i < term.size(); ++i) {
        if (term[i] == '.') {
          d += c.shapes[k].size() - (term.size() - 3);
          i += 2;
          continue;
        }
        auto [it, fresh] = first.emplace(term[i], c.shapes[k][d]);
        if (!fresh) c.shapes[k][d] = it->second;
        ++d;
      }
    }
  }
  c.spec = inputs;
  if (pick(0, 2) != 0) {
    // Explicit output: a random subset of the seen labels, in random order.
    std::string unique;
    for (char l : seen)
      if (unique.find(l) == std::string::npos) unique += l;
    std::shuffle(unique.begin(), unique.end(), rng);
    std::string out = unique.substr(0, static_cast<std::size_t>(pick(0, static_cast<int>(unique.size()))));
    if (ellipsis) out.insert(static_cast<std::size_t>(pick(0, static_cast<int>(out.size()))), "...");
    c.spec += "->" + out;
  }
  return c;
}

// A tensor of the given shape with random values, as a view with unusual strides: a slice of a
// bigger buffer, a transpose of a contiguous tensor, or a reversed view.
template <class T>
Tensor<T> random_view(const Dims& shape, std::mt19937& rng) {
  std::uniform_int_distribution<int> value(-3, 3), kind(0, 3);
  const auto fill = [&](const Tensor<T>& t) {
    for (T& x : t) x = static_cast<T>(value(rng));
  };
  switch (kind(rng)) {
    case 0: {  // every other element of a tensor twice as long in each dimension
      Dims big;
      for (index_t d : shape) big.push_back(2 * d);
      Tensor<T> base = empty<T>(big);
      fill(base);
      std::vector<Index> idx;
      for (std::size_t d = 0; d < shape.size(); ++d) idx.push_back(slice(_, _, 2));
      return base.index(idx);
    }
    case 1: {  // the transpose of a contiguous tensor with reversed shape
      Dims reversed(shape);
      std::reverse(reversed.begin(), reversed.end());
      Tensor<T> base = empty<T>(reversed);
      fill(base);
      return base.T();
    }
    case 2: {  // reversed along every dimension
      Tensor<T> base = empty<T>(shape);
      fill(base);
      std::vector<Index> idx;
      for (std::size_t d = 0; d < shape.size(); ++d) idx.push_back(slice(_, _, -1));
      return base.index(idx);
    }
    default: {
      Tensor<T> base = empty<T>(shape);
      fill(base);
      return base;
    }
  }
}

template <class T>
void expect_equal(const Tensor<T>& got, const Tensor<T>& want, const std::string& context) {
  ASSERT_EQ(got.shape(), want.shape()) << context;
  auto g = got.begin();
  for (const T& w : want) {
    if constexpr (std::is_floating_point_v<T>) {
      const double tolerance = std::is_same_v<T, float> ? 1e-4 : 1e-9;
      ASSERT_NEAR(*g, w, tolerance * (1 + std::abs(w))) << context;
    } else {
      ASSERT_EQ(*g, w) << context;
    }
    ++g;
  }
}

template <class T>
void run_random_cases(std::uint32_t seed, int count) {
  std::mt19937 rng(seed);
  for (int i = 0; i < count; ++i) {
    const Case c = random_case(rng);
    std::vector<Tensor<T>> operands;
    std::string context = c.spec + " shapes";
    for (const Dims& s : c.shapes) {
      operands.push_back(random_view<T>(s, rng));
      context += ' ';
      context += format_shape_compact(s);
    }
    const Tensor<T> want = test::reference_einsum(c.spec, operands);
    const Tensor<T> got = einsum(c.spec, operands);
    expect_equal(got, want, context);
    if (::testing::Test::HasFatalFailure()) {
      for (const auto& op : operands) {
        std::string values;
        for (T x : op) values += std::to_string(x) + " ";
        ADD_FAILURE() << "operand " << format_shape(op.shape()) << " strides " << format_shape(op.strides()) << ": " << values;
      }
      ADD_FAILURE() << EinsumPlan<T>(c.spec, std::span<const Tensor<T>>(operands)).explain();
    }
    if (::testing::Test::HasFatalFailure()) return;
    // A reused plan writing into a strided output gives the same answer.
    if (i % 7 == 0) {
      EinsumPlan<T> plan(c.spec, std::span<const Tensor<T>>(operands));
      Tensor<T> out = random_view<T>(want.shape(), rng);
      for (int repeat = 0; repeat < 2; ++repeat) {
        std::vector<Tensor<T>> args = operands;
        switch (operands.size()) {
          case 1: plan(out, args[0]); break;
          case 2: plan(out, args[0], args[1]); break;
          case 3: plan(out, args[0], args[1], args[2]); break;
          default: plan(out, args[0], args[1], args[2], args[3]); break;
        }
        expect_equal(out, want, context + " (plan into strided out)");
        if (::testing::Test::HasFatalFailure()) return;
      }
    }
  }
}

}  // namespace

// Shapes large enough for the GEMM lowering (m, n, k of 16-24), with every operand layout:
// contiguous, transposed (column-major matrices), strided (packing needed) and reversed.
template <class T>
void run_gemm_cases(std::uint32_t seed) {
  std::mt19937 rng(seed);
  const std::vector<std::pair<std::string, std::vector<Dims>>> cases = {
      {"ij,jk->ik", {{20, 17}, {17, 23}}},
      {"ij,jk->ki", {{20, 17}, {17, 23}}},
      {"ik,jk->ij", {{20, 17}, {23, 17}}},
      {"bij,bjk->bik", {{3, 16, 18}, {3, 18, 20}}},
      {"bij,bjk->kbi", {{3, 16, 18}, {3, 18, 20}}},
      {"ijk,jl->ikl", {{6, 16, 5}, {16, 20}}},
      {"abc,cd,de->abe", {{4, 5, 16}, {16, 18}, {18, 17}}},
      {"bhqd,bhkd->bhqk", {{2, 3, 17, 16}, {2, 3, 19, 16}}},
      {"...ij,...jk->...ik", {{2, 1, 16, 17}, {1, 3, 17, 18}}},
      {"nd,kd->nk", {{40, 16}, {24, 16}}},
      {"ij,jk,kl->il", {{16, 20}, {20, 24}, {24, 18}}},
      {"iij,jk->ik", {{18, 18, 20}, {20, 19}}},
  };
  for (int round = 0; round < 2; ++round) {
    for (const auto& [spec, shapes] : cases) {
      std::vector<Tensor<T>> operands;
      for (const Dims& s : shapes) operands.push_back(random_view<T>(s, rng));
      expect_equal(einsum(spec, operands), test::reference_einsum(spec, operands), spec);
      if (::testing::Test::HasFatalFailure()) {
        ADD_FAILURE() << EinsumPlan<T>(spec, std::span<const Tensor<T>>(operands)).explain();
        return;
      }
    }
  }
}

TEST(einsum_random, gemm_shaped_double_matches_reference) { run_gemm_cases<double>(5); }
TEST(einsum_random, gemm_shaped_float_matches_reference) { run_gemm_cases<float>(6); }
TEST(einsum_random, gemm_shaped_int64_matches_reference) { run_gemm_cases<std::int64_t>(7); }

TEST(einsum_random, double_matches_reference) { run_random_cases<double>(1, 2000); }
TEST(einsum_random, int64_matches_reference) { run_random_cases<std::int64_t>(2, 2000); }
TEST(einsum_random, float_matches_reference) { run_random_cases<float>(3, 300); }
TEST(einsum_random, int32_matches_reference) { run_random_cases<std::int32_t>(4, 300); }

// The other integer types: values -3..3 stored as unsigned are near the type's maximum, so
// products and sums wrap (uint16 65533 * 65533 would overflow C++'s int if computed there); the
// reference computes modulo 2^64 and keeps the low bits, as NumPy's wrapping einsum gives.
TEST(einsum_random, uint8_matches_reference) { run_random_cases<std::uint8_t>(8, 300); }
TEST(einsum_random, int8_matches_reference) { run_random_cases<std::int8_t>(9, 300); }
TEST(einsum_random, uint16_matches_reference) { run_random_cases<std::uint16_t>(10, 300); }
TEST(einsum_random, int16_matches_reference) { run_random_cases<std::int16_t>(11, 300); }
TEST(einsum_random, uint32_matches_reference) { run_random_cases<std::uint32_t>(12, 300); }
TEST(einsum_random, uint64_matches_reference) { run_random_cases<std::uint64_t>(13, 300); }
TEST(einsum_random, gemm_shaped_uint8_matches_reference) { run_gemm_cases<std::uint8_t>(14); }
TEST(einsum_random, gemm_shaped_int16_matches_reference) { run_gemm_cases<std::int16_t>(15); }
TEST(einsum_random, gemm_shaped_uint16_matches_reference) { run_gemm_cases<std::uint16_t>(16); }
