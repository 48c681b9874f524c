// The compile-time form einsum<"spec">(...) agrees with the run-time form, and its label
// bookkeeping (Boost.MP11 lists) is right: facts about types are checked by compiling.
#include <einspan/einsum.hpp>
#include <gtest/gtest.h>

using namespace einspan;
namespace mp = boost::mp11;

using matmul = einsum_spec_traits<"ij,jk->ik">;
static_assert(matmul::operand_count == 2);
static_assert(std::is_same_v<matmul::output, mp::mp_list<mp::mp_int<label_id('i')>, mp::mp_int<label_id('k')>>>);
static_assert(mp::mp_size<matmul::labels>::value == 3);
static_assert(std::is_same_v<matmul::summed, mp::mp_list<mp::mp_int<label_id('j')>>>);
using trace = einsum_spec_traits<"ii">;
static_assert(mp::mp_size<mp::mp_front<trace::inputs>>::value == 2 && mp::mp_size<trace::output>::value == 0);
static_assert(einsum_spec_traits<"...ij,...jk->...ik">::has_ellipsis);

TEST(einsum_compile_time, agrees_with_runtime_form) {
  const auto a = arange<double>(12).reshape({3, 4}), b = arange<double>(20).reshape({4, 5});
  const auto x = einsum<"ij,jk->ik">(a, b), y = einsum("ij,jk->ik", a, b);
  EXPECT_EQ(std::vector<double>(x.begin(), x.end()), std::vector<double>(y.begin(), y.end()));
  const auto t = einsum<"ij->ji">(a);
  EXPECT_EQ(t.buffer(), a.buffer());
  const auto d = arange<std::int64_t>(9).reshape({3, 3});
  EXPECT_EQ(einsum<"ii">(d).item(), einsum("ii", d).item());
  const auto c = ones<double>({5, 2});
  const auto three = einsum<"ij,jk,kl->il">(a, b, c), three_rt = einsum("ij,jk,kl->il", a, b, c);
  EXPECT_EQ(std::vector<double>(three.begin(), three.end()), std::vector<double>(three_rt.begin(), three_rt.end()));
  // Shape errors are still run-time errors in the compile-time form.
  EXPECT_THROW(einsum<"ij,jk->ik">(a, a), ShapeError);
}
