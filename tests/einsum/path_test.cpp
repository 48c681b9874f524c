// einsum_path against np.einsum_path(..., optimize='optimal') output (numbers copied from NumPy
// 1.24 for the same shapes), and the planned order giving the same result as the naive order.
#include "reference_einsum.hpp"

#include <einspan/einsum.hpp>
#include <gtest/gtest.h>

using namespace einspan;

TEST(einsum_path, chain_matches_numpy) {
  // ['einsum_path', (0, 1), (0, 1)], naive 3.000e+02, optimized 1.410e+02, largest 1.000e+01
  const EinsumPath p = einsum_path("ij,jk,kl->il", {{2, 2}, {2, 5}, {5, 5}});
  EXPECT_EQ(p.contractions, (std::vector<std::pair<int, int>>{{0, 1}, {0, 1}}));
  EXPECT_DOUBLE_EQ(p.naive_flops, 300);
  EXPECT_DOUBLE_EQ(p.optimized_flops, 141);
  EXPECT_DOUBLE_EQ(p.largest_intermediate, 10);
  EXPECT_NE(p.report.find("  Complete contraction:  ij,jk,kl->il"), std::string::npos);
  EXPECT_NE(p.report.find("   Theoretical speedup:  2.128"), std::string::npos);
}

TEST(einsum_path, three_operand_bench_spec_matches_numpy) {
  // ['einsum_path', (1, 2), (0, 1)], naive 6.606e+08, optimized 1.130e+07, largest 8.602e+04
  const EinsumPath p = einsum_path("abc,cd,de->abe", {{32, 48, 64}, {64, 40}, {40, 56}});
  EXPECT_EQ(p.contractions, (std::vector<std::pair<int, int>>{{1, 2}, {0, 1}}));
  EXPECT_NEAR(p.naive_flops, 6.606e8, 1e5);
  EXPECT_NEAR(p.optimized_flops, 1.130e7, 1e4);
  EXPECT_DOUBLE_EQ(p.largest_intermediate, 86016);
}

TEST(einsum_path, five_operands_match_numpy_cost) {
  // NumPy: naive 5.000e+08, optimized 8.000e+05, scaling 5.
  const EinsumPath p = einsum_path("ea,fb,abcd,gc,hd->efgh", {{10, 10}, {10, 10}, {10, 10, 10, 10}, {10, 10}, {10, 10}});
  EXPECT_DOUBLE_EQ(p.naive_flops, 5e8);
  EXPECT_NEAR(p.optimized_flops, 8e5, 1.5);
  EXPECT_EQ(p.contractions.size(), 4u);
  EXPECT_NE(p.report.find("     Optimized scaling:  5"), std::string::npos);
}

TEST(einsum_path, greedy_beyond_eight_operands_still_computes_the_same) {
  // Ten matrices in a chain: the greedy search is used; the result must equal the reference.
  std::string spec;
  std::vector<Tensor<double>> ops;
  std::vector<Dims> shapes;
  const std::string letters = "abcdefghijk";
  for (std::size_t k = 0; k < 10; ++k) {
    spec += (k ? "," : "");
    spec += letters.substr(k, 2);
    const Dims s{2 + static_cast<index_t>(k % 3), 2 + static_cast<index_t>((k + 1) % 3)};
    shapes.push_back(s);
    Tensor<double> t = empty<double>(s);
    index_t v = 0;
    for (double& x : t) x = static_cast<double>((v++ + static_cast<index_t>(k)) % 5) - 2;
    ops.push_back(t);
  }
  spec += "->ak";
  const EinsumPath p = einsum_path(spec, shapes);
  EXPECT_EQ(p.contractions.size(), 9u);
  EXPECT_LT(p.optimized_flops, p.naive_flops);
  const auto got = einsum(spec, ops), want = test::reference_einsum(spec, ops);
  ASSERT_EQ(got.shape(), want.shape());
  EXPECT_EQ(std::vector<double>(got.begin(), got.end()), std::vector<double>(want.begin(), want.end()));
}

TEST(einsum_path, plan_explain_prints_path_and_kernels) {
  const auto a = ones<double>({32, 48, 64}), b = ones<double>({64, 40}), c = ones<double>({40, 56});
  const std::string text = EinsumPlan<double>("abc,cd,de->abe", a, b, c).explain();
  EXPECT_NE(text.find("Optimized FLOP count:  1.130e+07"), std::string::npos) << text;
  EXPECT_NE(text.find("GEMM"), std::string::npos) << text;
}
