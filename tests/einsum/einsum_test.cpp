// einsum's semantics on hand-checked cases (values from NumPy's documented behaviour), its
// error messages, the views it returns, and the workshop's k-means distance step.
#include <array>
#include <einspan/einsum.hpp>
#include <einspan/tensor/convert.hpp>
#include <gtest/gtest.h>

using namespace einspan;

namespace {
template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}
}  // namespace

TEST(einsum, matrix_product) {
  const Tensor<double> a{{1, 2}, {3, 4}}, b{{5, 6}, {7, 8}};
  const auto c = einsum("ij,jk->ik", a, b);
  EXPECT_EQ(c.shape(), (Dims{2, 2}));
  EXPECT_EQ(to_vector(c), (std::vector<double>{19, 22, 43, 50}));
  EXPECT_EQ(to_vector(einsum("ij,jk", a, b)), to_vector(c));  // implicit output "ik"
  const Tensor<std::int32_t> ai{{1, 2}, {3, 4}}, bi{{5, 6}, {7, 8}};
  EXPECT_EQ(to_vector(einsum("ij,jk->ik", ai, bi)), (std::vector<std::int32_t>{19, 22, 43, 50}));
}

TEST(einsum, transpose_and_diagonal_are_views) {
  const Tensor<double> a{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
  const auto t = einsum("ij->ji", a);
  EXPECT_EQ(t.buffer(), a.buffer());
  EXPECT_EQ(t.strides(), (Dims{1, 3}));
  EXPECT_EQ(to_vector(t), (std::vector<double>{1, 4, 7, 2, 5, 8, 3, 6, 9}));
  const auto d = einsum("ii->i", a);
  EXPECT_EQ(d.buffer(), a.buffer());
  EXPECT_EQ(to_vector(d), (std::vector<double>{1, 5, 9}));
  d(1) = 50;  // writable, like NumPy's einsum view
  EXPECT_EQ(a(1, 1), 50);
  // "ba" has implicit output "ab": a transpose too.
  EXPECT_EQ(to_vector(einsum("ba", a)), to_vector(t));
  // Upper case sorts first: "Ba" keeps its order.
  EXPECT_EQ(einsum("Ba", a).strides(), (Dims{3, 1}));
}

TEST(einsum, traces_sums_and_diagonals) {
  const Tensor<std::int64_t> a{{1, 2}, {3, 4}};
  EXPECT_EQ(einsum("ii", a).ndim(), 0u);
  EXPECT_EQ(einsum("ii", a).item(), 5);
  EXPECT_EQ(einsum("ii->", a).item(), 5);
  EXPECT_EQ(einsum("ij->", a).item(), 10);
  EXPECT_EQ(to_vector(einsum("ij->i", a)), (std::vector<std::int64_t>{3, 7}));
  EXPECT_EQ(to_vector(einsum("ij->j", a)), (std::vector<std::int64_t>{4, 6}));
  // iij->ij: the diagonal of the first two axes for every j.
  const auto b = arange<std::int64_t>(8).reshape({2, 2, 2});
  EXPECT_EQ(to_vector(einsum("iij->ij", b)), (std::vector<std::int64_t>{0, 1, 6, 7}));
  EXPECT_EQ(to_vector(einsum("iij->j", b)), (std::vector<std::int64_t>{6, 8}));
}

TEST(einsum, products_outer_and_scalar) {
  const Tensor<double> x{1, 2, 3}, y{4, 5};
  EXPECT_EQ(to_vector(einsum("i,j->ij", x, y)), (std::vector<double>{4, 5, 8, 10, 12, 15}));
  EXPECT_EQ(einsum("i,i", x, x).item(), 14);
  EXPECT_EQ(to_vector(einsum("i,i->i", x, x)), (std::vector<double>{1, 4, 9}));
  EXPECT_EQ(einsum(",", scalar<double>(3), scalar<double>(4)).item(), 12);
  EXPECT_EQ(to_vector(einsum("i,", x, scalar<double>(2))), (std::vector<double>{2, 4, 6}));
}

TEST(einsum, ellipsis_broadcasts_like_numpy) {
  // np.einsum('...a,...a', ones((2,3)), ones((4,1,3))) -> shape (4, 2), all 3.
  const auto r = einsum("...a,...a", ones<double>({2, 3}), ones<double>({4, 1, 3}));
  EXPECT_EQ(r.shape(), (Dims{4, 2}));
  EXPECT_EQ(to_vector(r), std::vector<double>(8, 3.0));
  const auto a = arange<double>(24).reshape({2, 3, 4});
  const auto t = einsum("...ij->...ji", a);
  EXPECT_EQ(t.shape(), (Dims{2, 4, 3}));
  EXPECT_EQ(t(1, 2, 0), a(1, 0, 2));
  // A labelled size-1 dimension broadcasts too (np.einsum('ij,ij->ij', (3,1), (3,4))).
  const auto s = einsum("ij,ij->ij", arange<double>(3).reshape({3, 1}), ones<double>({3, 4}));
  EXPECT_EQ(s.shape(), (Dims{3, 4}));
  EXPECT_EQ(s(2, 3), 2);
  // Batched matrix product with broadcast batch dimensions.
  const auto bm = einsum("...ij,...jk->...ik", ones<double>({4, 1, 2, 3}), ones<double>({1, 5, 3, 2}));
  EXPECT_EQ(bm.shape(), (Dims{4, 5, 2, 2}));
  EXPECT_EQ(to_vector(bm), std::vector<double>(80, 3.0));
}

TEST(einsum, zero_size_dimensions) {
  const auto c = einsum("ij,jk->ik", ones<double>({2, 0}), ones<double>({0, 3}));
  EXPECT_EQ(c.shape(), (Dims{2, 3}));
  EXPECT_EQ(to_vector(c), std::vector<double>(6, 0.0));
  EXPECT_EQ(einsum("ij->", ones<std::int64_t>({0, 3})).item(), 0);
  EXPECT_EQ(einsum("ij->ji", ones<double>({0, 3})).shape(), (Dims{3, 0}));
  EXPECT_EQ(einsum("ij,jk->ik", ones<double>({0, 4}), ones<double>({4, 3})).shape(), (Dims{0, 3}));
}

// Found by fuzz/einsum_spec: an intermediate with a label of size 0 took workspace as if that
// label had size 1 (2.8 GB for an empty result). Here the intermediates hold z (size 0) and up to
// seven labels of size 64: as if z were 1, the largest is 64**7 doubles (35 TB).
TEST(einsum, empty_intermediates_take_no_workspace) {
  const Tensor<double> v = ones<double>({64}), none = ones<double>({0});
  const std::vector<Tensor<double>> operands = {v, v, v, v, v, v, v, v, none};
  const Tensor<double> out = einsum("a,b,c,d,e,f,g,h,z->abcdefghz", operands);
  EXPECT_EQ(out.shape(), (Dims{64, 64, 64, 64, 64, 64, 64, 64, 0}));
  // The same with z summed: the sum over an empty label is 0.
  const Tensor<double> w = ones<double>({16});
  const Tensor<double> summed = einsum("a,b,c,z->abc", std::vector<Tensor<double>>{w, w, w, none});
  EXPECT_EQ(summed.shape(), (Dims{16, 16, 16}));
  EXPECT_EQ(to_vector(summed), std::vector<double>(16 * 16 * 16, 0.0));
}

// Found by fuzz/einsum_spec: a repeated label sums its strides (the diagonal's stride), and an
// empty operand's row-major strides may be any wrapped values, whose sum overflowed. Here i's
// strides are (2**31 - 1) * 2**32 and 2**32, which sum to 2**63.
TEST(einsum, diagonal_of_an_empty_operand_with_huge_dimensions) {
  const index_t n = (index_t{1} << 31) - 1, m = index_t{1} << 32;
  const Tensor<double> empty_operand = zeros<double>({0, n, n, m});
  EXPECT_EQ(einsum("ziij->zij", empty_operand).shape(), (Dims{0, n, m}));
  EXPECT_EQ(einsum("ziij->z", empty_operand).shape(), (Dims{0}));
}

TEST(einsum, strided_inputs_need_no_copy_by_the_caller) {
  const auto base = arange<double>(48).reshape({6, 8});
  const auto a = base[{slice(_, _, 2), slice(1, _, 2)}];  // (3, 4), strides (16, 2)
  const auto b = base.T()[{slice(_, 4)}];                // (4, 6), transposed
  const auto c = einsum("ij,jk->ik", a, b);
  for (index_t i = 0; i < 3; ++i)
    for (index_t k = 0; k < 6; ++k) {
      double want = 0;
      for (index_t j = 0; j < 4; ++j) want += a(i, j) * b(j, k);
      EXPECT_EQ(c(i, k), want);
    }
}

TEST(einsum, errors_name_spec_operand_and_label) {
  const auto a = ones<double>({2, 3}), b = ones<double>({4, 5});
  EXPECT_EQ(error_of([&] { einsum("ij,jk->ik", a, b); }),
            "einsum spec \"ij,jk->ik\": label 'j' is 3 in operand 0 and 4 in operand 1");
  EXPECT_THROW(einsum("ij,jk->ik", a, b), ShapeError);
  EXPECT_EQ(error_of([&] { einsum("ijk", a); }),
            "einsum spec \"ijk\": operand 0 has 2 dimensions (shape (2, 3)) but its subscripts at position 0 name 3");
  EXPECT_EQ(error_of([&] { einsum("ij,jk", a); }), "einsum spec \"ij,jk\": 2 comma-separated terms but 1 operand given");
  EXPECT_THROW(einsum("ij,jk", a), ValueError);
  EXPECT_EQ(error_of([&] { einsum("ij->k", a); }),
            "einsum spec \"ij->k\": output subscript that never appears in an input ('k' at position 4)");
  EXPECT_EQ(error_of([&] { einsum("ii->i", a); }),
            "einsum spec \"ii->i\": label 'i' is repeated in operand 0 with different sizes 2 and 3 (shape (2, 3))");
  EXPECT_EQ(error_of([&] { einsum("...i->i", a); }),
            "einsum spec \"...i->i\": the ellipsis spans 1 dimension but the output has no '...' to receive them");
  EXPECT_EQ(error_of([&] { einsum("...i,...i", ones<double>({2, 3}), ones<double>({4, 3})); }),
            "einsum spec \"...i,...i\": ellipsis dimension 0 is 2 in operand 0 and 4 in operand 1");
}

TEST(einsum, kmeans_squared_distances_match_plain_loops) {
  // The workshop's assignment step: diff[n, k, d] = X[n, d] - C[k, d]; dist = einsum('nkd,nkd->nk').
  const index_t n = 50, k = 7, d = 5;
  Tensor<double> x = empty<double>({n, d}), c = empty<double>({k, d});
  for (index_t i = 0; i < n * d; ++i) x.data()[i] = std::sin(0.37 * static_cast<double>(i));
  for (index_t i = 0; i < k * d; ++i) c.data()[i] = std::cos(0.11 * static_cast<double>(i));
  Tensor<double> diff = empty<double>({n, k, d});
  for (index_t i = 0; i < n; ++i)
    for (index_t j = 0; j < k; ++j)
      for (index_t e = 0; e < d; ++e) diff(i, j, e) = x(i, e) - c(j, e);
  const auto dist = einsum("nkd,nkd->nk", diff, diff);
  ASSERT_EQ(dist.shape(), (Dims{n, k}));
  for (index_t i = 0; i < n; ++i)
    for (index_t j = 0; j < k; ++j) {
      double want = 0;
      for (index_t e = 0; e < d; ++e) want += (x(i, e) - c(j, e)) * (x(i, e) - c(j, e));
      EXPECT_NEAR(dist(i, j), want, 1e-12);
    }
  // The same through the expansion |x|^2 - 2 x.c + |c|^2 with 'nd,kd->nk'.
  const auto cross = einsum("nd,kd->nk", x, c);
  const auto xx = einsum("nd,nd->n", x, x), cc = einsum("kd,kd->k", c, c);
  for (index_t i = 0; i < n; ++i)
    for (index_t j = 0; j < k; ++j) EXPECT_NEAR(xx(i) - 2 * cross(i, j) + cc(j), dist(i, j), 1e-12);
}

TEST(einsum, lowering_picks_the_expected_kernels) {
  const auto a = ones<double>({64, 64});
  EXPECT_NE(EinsumPlan<double>("ij,jk->ik", a, a).explain().find("GEMM"), std::string::npos);
  const auto d = ones<double>({8, 4, 3});
  EXPECT_NE(EinsumPlan<double>("nkd,nkd->nk", d, d).explain().find("fused multiply-and-sum"), std::string::npos);
  // Integers never take the GEMM path.
  const auto ai = ones<std::int64_t>({64, 64});
  EXPECT_EQ(EinsumPlan<std::int64_t>("ij,jk->ik", ai, ai).explain().find("GEMM"), std::string::npos);
}

TEST(einsum, large_products_split_across_threads_match_plain_loops) {
  // Large enough (m n k >= 2^20) for the GEMM step to split rows across threads; A is used both
  // row-major and transposed (column-major).
  const index_t m = 260, k = 130, n = 129;
  Tensor<double> a = empty<double>({m, k}), b = empty<double>({k, n});
  for (index_t i = 0; i < m * k; ++i) a.data()[i] = static_cast<double>((i * 7) % 11) - 5;
  for (index_t i = 0; i < k * n; ++i) b.data()[i] = static_cast<double>((i * 5) % 13) - 6;
  const Tensor<double> at = a.T().copy().T();  // same values, column-major
  for (const Tensor<double>& lhs : {a, at}) {
    const auto c = einsum("ij,jk->ik", lhs, b);
    for (index_t i = 0; i < m; i += 7)
      for (index_t j = 0; j < n; j += 5) {
        double want = 0;
        for (index_t p = 0; p < k; ++p) want += a(i, p) * b(p, j);
        ASSERT_EQ(c(i, j), want) << i << "," << j;
      }
  }
}

TEST(einsum, large_outer_products_match_plain_products) {
  // Outputs of 16 MB and more are written with streaming stores; the plan's `out` starts one
  // element past an aligned address, so the kernel's unaligned head and its tail run too.
  const index_t m = 1031, n = 2053;
  Tensor<double> x = empty<double>({m}), y = empty<double>({n});
  for (index_t i = 0; i < m; ++i) x.data()[i] = static_cast<double>(i % 17) - 8;
  for (index_t j = 0; j < n; ++j) y.data()[j] = static_cast<double>(j % 19) - 9;
  // Through raw pointers (both results are C-contiguous): element access per value would make
  // this test slow under the sanitizers.
  const auto check = [&](const Tensor<double>& out, const char* what) {
    ASSERT_TRUE(out.is_contiguous());
    index_t wrong = 0;
    for (index_t i = 0; i < m; i += 3)
      for (index_t j = 0; j < n; ++j) wrong += out.data()[i * n + j] != x.data()[i] * y.data()[j];
    EXPECT_EQ(wrong, 0) << what;
  };
  check(einsum("i,j->ij", x, y), "einsum");
  const Tensor<double> storage = zeros<double>({m * n + 1});
  const Tensor<double> out = storage[{slice(1, _)}].reshape({m, n});
  EinsumPlan<double>("i,j->ij", x, y)(out, x, y);
  check(out, "plan into an unaligned out");
  EXPECT_EQ(storage(0), 0.0);  // the element before out is untouched
  // float, with x broadcast along the run instead of y.
  const Tensor<float> xf = x.astype<float>(), yf = y.astype<float>();
  const auto f = einsum("j,i->ij", yf, xf);
  index_t wrong = 0;
  for (index_t i = 0; i < m; i += 5)
    for (index_t j = 0; j < n; ++j) wrong += f.data()[i * n + j] != xf.data()[i] * yf.data()[j];
  EXPECT_EQ(wrong, 0) << "float";
}

// Row- and column-major A, B and out, with padded outer strides: the GEMM engine (the small-GEMM
// tile for few columns and a short contraction, Eigen or OpenBLAS otherwise) receives each
// transposition flag and leading dimension. Sizes on both sides of the small path's limits.
class gemm_storage_orders : public ::testing::TestWithParam<std::array<index_t, 3>> {};
INSTANTIATE_TEST_SUITE_P(einsum, gemm_storage_orders,
                         ::testing::Values(std::array<index_t, 3>{37, 29, 23}, std::array<index_t, 3>{6, 3, 33},
                                           std::array<index_t, 3>{41, 150, 40}, std::array<index_t, 3>{5, 7, 1},
                                           std::array<index_t, 3>{9, 64, 64}, std::array<index_t, 3>{11, 65, 64},
                                           std::array<index_t, 3>{6, 128, 32}, std::array<index_t, 3>{7, 33, 65}));

TEST_P(gemm_storage_orders, match_a_plain_loop) {
  const auto [m, k, n] = GetParam();
  Tensor<double> a = empty<double>({m, k + 3}), b = empty<double>({k + 2, n + 5});
  for (index_t i = 0; i < a.size(); ++i) a.data()[i] = static_cast<double>((i * 7) % 11) - 5;
  for (index_t i = 0; i < b.size(); ++i) b.data()[i] = static_cast<double>((i * 5) % 13) - 6;
  const Tensor<double> a_row = a[{_, slice(0, k)}], b_row = b[{slice(0, k), slice(0, n)}];
  const Tensor<double> a_col = a_row.T().copy().T(), b_col = b_row.T().copy().T();
  for (const Tensor<double>& lhs : {a_row, a_col})
    for (const Tensor<double>& rhs : {b_row, b_col})
      for (const bool out_col : {false, true}) {
        const Tensor<double> out = out_col ? zeros<double>({n, m}).T() : zeros<double>({m, n});
        EinsumPlan<double> plan("ij,jk->ik", lhs, rhs);
        plan(out, lhs, rhs);
        for (index_t i = 0; i < m; ++i)
          for (index_t j = 0; j < n; ++j) {
            double want = 0;
            for (index_t p = 0; p < k; ++p) want += a_row(i, p) * b_row(p, j);
            ASSERT_EQ(out(i, j), want) << lhs.strides()[0] << " " << rhs.strides()[0] << " " << out_col;
          }
      }
}

// NumPy: np.einsum('ij,jk->ik', a, b) of uint8 arrays is uint8 and wraps; int8 products wrap too.
TEST(einsum, small_integer_products_wrap_as_numpy) {
  const Tensor<std::uint8_t> a{{250, 2}, {16, 16}}, b{{2, 0}, {3, 16}};
  // [[500 + 6, 32], [32 + 48, 256]] mod 256
  EXPECT_EQ(to_vector(einsum("ij,jk->ik", a, b)), (std::vector<std::uint8_t>{250, 32, 80, 0}));
  const Tensor<std::int8_t> c{-128, 127}, d{-1, 2};
  EXPECT_EQ(to_vector(einsum("i,i->i", c, d)), (std::vector<std::int8_t>{-128, -2}));  // -128 * -1 wraps
  EXPECT_EQ(einsum("i,i->", c, d).item(), 126);                                       // -128 + -2 wraps
  const Tensor<std::uint16_t> e{65535, 65535};
  EXPECT_EQ(einsum("i,i->", e, e).item(), 2);  // 2 * (65535^2 mod 65536) = 2 * 1
  EXPECT_EQ(to_vector(einsum("i,j->ij", e, e)), (std::vector<std::uint16_t>{1, 1, 1, 1}));
  EXPECT_EQ(einsum("ij->", Tensor<std::uint64_t>{{~std::uint64_t{0}, 2}}).item(), 1u);
}
