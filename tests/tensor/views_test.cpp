// Every view operation against values worked out from NumPy's documented semantics (and checked
// with NumPy 1.24; the Python expression is quoted). Strides are in elements (NumPy's / itemsize).
#include <einspan/tensor.hpp>
#include <gtest/gtest.h>
#include <vector>

using namespace einspan;
using i64 = std::int64_t;

namespace {

using V = std::vector<i64>;

// np.arange(12).reshape(3, 4)
Tensor<i64> m34() { return arange<i64>(12).reshape({3, 4}); }
// np.arange(24).reshape(2, 3, 4)
Tensor<i64> t234() { return arange<i64>(24).reshape({2, 3, 4}); }

}  // namespace

// ---- slicing ----------------------------------------------------------------------------------

TEST(views, slice_start_stop_step) {
  const auto a = arange<i64>(10);
  const auto s = a[{slice(2, 7, 2)}];  // a[2:7:2]
  EXPECT_EQ(to_vector(s), (V{2, 4, 6}));
  EXPECT_EQ(s.strides(), (Dims{2}));
  EXPECT_EQ(s.offset(), 2);
  EXPECT_EQ(to_vector(a[{slice(-3, _)}]), (V{7, 8, 9}));  // a[-3:]
  EXPECT_EQ(to_vector(a[{slice(_, -7)}]), (V{0, 1, 2}));  // a[:-7]
  EXPECT_EQ(to_vector(a[{_}]), to_vector(a));                // a[:]
}

TEST(views, negative_steps) {
  const auto a = arange<i64>(10);
  const auto r = a[{slice(_, _, -1)}];  // a[::-1]
  EXPECT_EQ(to_vector(r), (V{9, 8, 7, 6, 5, 4, 3, 2, 1, 0}));
  EXPECT_EQ(r.strides(), (Dims{-1}));
  EXPECT_EQ(r.offset(), 9);
  EXPECT_EQ(to_vector(a[{slice(7, 2, -2)}]), (V{7, 5, 3}));   // a[7:2:-2]
  EXPECT_EQ(to_vector(a[{slice(_, _, -3)}]), (V{9, 6, 3, 0}));  // a[::-3]
  EXPECT_EQ(to_vector(a[{slice(-2, _, -4)}]), (V{8, 4, 0}));    // a[-2::-4]
  // m[1:, ::-2] -> [[7, 5], [11, 9]]
  EXPECT_EQ(to_vector(m34()[{slice(1, _), slice(_, _, -2)}]), (V{7, 5, 11, 9}));
}

TEST(views, out_of_range_bounds_are_clamped_like_python) {
  const auto a = arange<i64>(10);
  EXPECT_EQ(to_vector(a[{slice(-100, 100)}]), to_vector(a));                 // a[-100:100]
  EXPECT_EQ(to_vector(a[{slice(5, 100)}]), (V{5, 6, 7, 8, 9}));            // a[5:100]
  EXPECT_EQ(a[{slice(100, _)}].size(), 0);                              // a[100:]
  EXPECT_EQ(a[{slice(-100, -50)}].size(), 0);                           // a[-100:-50]
  EXPECT_EQ(to_vector(a[{slice(100, _, -1)}]), to_vector(a[{slice(_, _, -1)}]));  // a[100::-1]
  EXPECT_EQ(a[{slice(-100, _, -1)}].size(), 0);                         // a[-100::-1]
  EXPECT_EQ(to_vector(a[{slice(_, -100, -1)}]), to_vector(a[{slice(_, _, -1)}]));  // a[:-100:-1]
  EXPECT_EQ(to_vector(a[{slice(3, 100, 4)}]), (V{3, 7}));                  // a[3:100:4]
}

TEST(views, empty_slices_keep_shape_and_stay_inside_the_buffer) {
  const auto a = arange<i64>(10);
  const auto e = a[{slice(8, 2)}];  // a[8:2]
  EXPECT_EQ(e.shape(), (Dims{0}));
  EXPECT_EQ(to_vector(e), V{});
  const auto rows = m34()[{slice(2, 1)}];  // m[2:1] -> shape (0, 4)
  EXPECT_EQ(rows.shape(), (Dims{0, 4}));
  EXPECT_GE(rows.offset(), 0);
  EXPECT_LT(rows.offset(), 12);
  const auto cols = m34()[{_, slice(4, _)}];  // m[:, 4:] -> shape (3, 0)
  EXPECT_EQ(cols.shape(), (Dims{3, 0}));
  EXPECT_EQ(to_vector(cols[{slice(_, _, -1)}]), V{});
}

TEST(views, integer_indices_drop_axes_and_negative_ones_wrap) {
  const auto m = m34();
  EXPECT_EQ(to_vector(m[1]), (V{4, 5, 6, 7}));   // m[1]
  EXPECT_EQ(to_vector(m[-1]), (V{8, 9, 10, 11}));  // m[-1]
  const auto e = m[{1, -1}];                  // m[1, -1] -> 0-d view
  EXPECT_EQ(e.ndim(), 0u);
  EXPECT_EQ(e.item(), 7);
  EXPECT_EQ(to_vector(m[{_, 2}]), (V{2, 6, 10}));  // m[:, 2]
  EXPECT_EQ((m[{_, -4}]).strides(), (Dims{4}));
  EXPECT_EQ(to_vector(m[{-3, slice(1, 3)}]), (V{1, 2}));  // m[-3, 1:3]
}

TEST(views, newaxis_inserts_size_one_axes) {
  const auto a = arange<i64>(10);
  const auto col = a[{_, newaxis}];  // a[:, None]
  EXPECT_EQ(col.shape(), (Dims{10, 1}));
  EXPECT_EQ(col(3, 0), 3);
  EXPECT_EQ((a[{newaxis}]).shape(), (Dims{1, 10}));  // a[None]
  EXPECT_EQ((m34()[{newaxis, _, newaxis}]).shape(), (Dims{1, 3, 1, 4}));  // m[None, :, None]
  EXPECT_EQ((scalar<i64>(4)[{newaxis}]).shape(), (Dims{1}));
}

TEST(views, ellipsis_expands_to_the_missing_axes) {
  const auto t = t234();
  const auto last0 = t[{ellipsis, 0}];  // t[..., 0]
  EXPECT_EQ(last0.shape(), (Dims{2, 3}));
  EXPECT_EQ(to_vector(last0), (V{0, 4, 8, 12, 16, 20}));
  EXPECT_EQ((t[{0, ellipsis}]).shape(), (Dims{3, 4}));  // t[0, ...]
  EXPECT_EQ((t[{ellipsis}]).shape(), (Dims{2, 3, 4}));  // t[...]
  EXPECT_EQ(to_vector(t[{0, ellipsis, 1}]), (V{1, 5, 9}));  // t[0, ..., 1]
  EXPECT_EQ((t[{ellipsis, newaxis}]).shape(), (Dims{2, 3, 4, 1}));  // t[..., None]
  EXPECT_EQ((t[{1, 2, 3, ellipsis}]).ndim(), 0u);  // an ellipsis may stand for no axis
  EXPECT_EQ((t[{1, 2, 3, ellipsis}]).item(), 23);
}

// ---- axes -------------------------------------------------------------------------------------

TEST(views, squeeze_and_expand_dims) {
  const auto z = arange<i64>(3).reshape({1, 3, 1});
  EXPECT_EQ(z.squeeze().shape(), (Dims{3}));
  EXPECT_EQ(z.squeeze(0).shape(), (Dims{3, 1}));
  EXPECT_EQ(z.squeeze(-1).shape(), (Dims{1, 3}));
  EXPECT_EQ(scalar<i64>(1).squeeze().ndim(), 0u);
  const auto a = arange<i64>(3);
  EXPECT_EQ(a.expand_dims(0).shape(), (Dims{1, 3}));
  EXPECT_EQ(a.expand_dims(1).shape(), (Dims{3, 1}));
  EXPECT_EQ(a.expand_dims(-1).shape(), (Dims{3, 1}));
  EXPECT_EQ(a.expand_dims(-2).shape(), (Dims{1, 3}));
  EXPECT_EQ(to_vector(a.expand_dims(0)), (V{0, 1, 2}));
}

TEST(views, diagonal_with_offsets) {
  const auto m = m34();
  EXPECT_EQ(to_vector(m.diagonal()), (V{0, 5, 10}));
  EXPECT_EQ(to_vector(m.diagonal(1)), (V{1, 6, 11}));
  EXPECT_EQ(to_vector(m.diagonal(-1)), (V{4, 9}));
  EXPECT_EQ(to_vector(m.diagonal(3)), (V{3}));
  EXPECT_EQ(to_vector(m.diagonal(-2)), (V{8}));
  EXPECT_EQ(m.diagonal(4).size(), 0);
  EXPECT_EQ(m.diagonal(-3).size(), 0);
  EXPECT_EQ(m.diagonal().strides(), (Dims{5}));
  // On a 3-d tensor the diagonal becomes the last axis: t.diagonal(0, 0, 2) has shape (3, 2).
  const auto t = t234();
  const auto d02 = t.diagonal(0, 0, 2);
  EXPECT_EQ(d02.shape(), (Dims{3, 2}));
  EXPECT_EQ(to_vector(d02), (V{0, 13, 4, 17, 8, 21}));
  EXPECT_EQ(to_vector(t.diagonal(1, 1, 2)), (V{1, 6, 11, 13, 18, 23}));
  EXPECT_EQ(to_vector(t.diagonal(-1, 2, 1)), to_vector(t.diagonal(1, 1, 2)));  // axes swapped, offset negated
}

TEST(views, diagonal_is_writable_unlike_numpy) {
  const auto m = m34();
  m.diagonal(1).fill(-1);
  EXPECT_EQ(to_vector(m), (V{0, -1, 2, 3, 4, 5, -1, 7, 8, 9, 10, -1}));
}

TEST(views, transpose_with_axes) {
  const auto t = t234();
  const auto p = t.transpose({1, 0, 2});  // t.transpose(1, 0, 2)
  EXPECT_EQ(p.shape(), (Dims{3, 2, 4}));
  EXPECT_EQ(p.strides(), (Dims{4, 12, 1}));
  EXPECT_EQ(p(2, 1, 3), t(1, 2, 3));
  EXPECT_EQ(t.transpose({-1, 0, 1}).shape(), (Dims{4, 2, 3}));
  EXPECT_EQ(t.T().shape(), (Dims{4, 3, 2}));
  EXPECT_EQ(t.T().strides(), (Dims{1, 4, 12}));
  EXPECT_EQ(t.transpose().strides(), t.T().strides());
  EXPECT_EQ(t.swapaxes(0, 2).shape(), (Dims{4, 3, 2}));
  EXPECT_EQ(arange<i64>(3).T().shape(), (Dims{3}));  // 1-d: unchanged
  EXPECT_EQ(scalar<i64>(1).T().ndim(), 0u);
}

TEST(views, broadcast_to_uses_zero_strides) {
  const auto row = arange<i64>(3).broadcast_to({4, 3});
  EXPECT_EQ(row.strides(), (Dims{0, 1}));
  EXPECT_EQ(to_vector(row), (V{0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2}));
  const auto s = scalar<i64>(7).broadcast_to({2, 2});
  EXPECT_EQ(s.strides(), (Dims{0, 0}));
  EXPECT_EQ(to_vector(s), (V{7, 7, 7, 7}));
  const auto col = arange<i64>(3).reshape({3, 1}).broadcast_to({2, 3, 4});
  EXPECT_EQ(col.strides(), (Dims{0, 1, 0}));
  EXPECT_EQ(col(1, 2, 3), 2);
  EXPECT_EQ(arange<i64>(3).broadcast_to({0, 3}).size(), 0);
}

// ---- reshape: view when the strides allow it, copy otherwise (NumPy's rules) ------------------

TEST(views, reshape_is_a_view_when_strides_allow) {
  const auto m = m34();
  const auto base = arange<i64>(12);
  EXPECT_TRUE(shares_memory(base.reshape({3, 4}), base));
  // m[:, ::2].reshape(6): strides (4, 2) merge into (2,)
  const auto every_other = m[{_, slice(_, _, 2)}].reshape({6});
  EXPECT_EQ(every_other.buffer(), m.buffer());
  EXPECT_EQ(every_other.strides(), (Dims{2}));
  EXPECT_EQ(to_vector(every_other), (V{0, 2, 4, 6, 8, 10}));
  // m.T.reshape(2, 2, 3): splitting the unit-stride axis keeps a view, strides (2, 1, 4)
  const auto split = m.T().reshape({2, 2, 3});
  EXPECT_EQ(split.buffer(), m.buffer());
  EXPECT_EQ(split.strides(), (Dims{2, 1, 4}));
  EXPECT_EQ(to_vector(split), (V{0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}));
  // m[::-1].reshape(3, 2, 2): strides (-4, 2, 1)
  const auto reversed = m[{slice(_, _, -1)}].reshape({3, 2, 2});
  EXPECT_EQ(reversed.buffer(), m.buffer());
  EXPECT_EQ(reversed.strides(), (Dims{-4, 2, 1}));
  EXPECT_EQ(to_vector(reversed), (V{8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3}));
  // m[:, :2].reshape(3, 2, 1): only a size-1 axis is added
  EXPECT_EQ((m[{_, slice(_, 2)}].reshape({3, 2, 1}).buffer()), m.buffer());
}

TEST(views, reshape_copies_when_strides_do_not_allow) {
  const auto m = m34();
  const auto flat_t = m.T().reshape({12});  // m.T.reshape(12): a copy in C order of m.T
  EXPECT_NE(flat_t.buffer(), m.buffer());
  EXPECT_EQ(to_vector(flat_t), (V{0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}));
  const auto half = m[{_, slice(_, 2)}].reshape({6});  // m[:, :2].reshape(6): rows have gaps
  EXPECT_NE(half.buffer(), m.buffer());
  EXPECT_EQ(to_vector(half), (V{0, 1, 4, 5, 8, 9}));
  EXPECT_NE(m[{slice(_, _, -1)}].reshape({12}).buffer(), m.buffer());  // m[::-1].reshape(12)
  // A copy does not write through.
  half.fill(0);
  EXPECT_EQ(m(0, 0), 0);
  EXPECT_EQ(m(0, 1), 1);
}

TEST(views, reshape_infers_minus_one) {
  const auto m = m34();
  EXPECT_EQ(m.reshape({-1, 6}).shape(), (Dims{2, 6}));
  EXPECT_EQ(m.reshape({2, -1, 3}).shape(), (Dims{2, 2, 3}));
  EXPECT_EQ(m.reshape({-1}).shape(), (Dims{12}));
  EXPECT_EQ(m.ravel().buffer(), m.buffer());
  EXPECT_EQ(zeros<i64>({0, 3}).reshape({3, -1}).shape(), (Dims{3, 0}));
  EXPECT_EQ(arange<i64>(1).reshape({}).ndim(), 0u);  // to 0-d
  EXPECT_EQ(scalar<i64>(5).reshape({1, 1, -1}).shape(), (Dims{1, 1, 1}));
}

// ---- views of views ---------------------------------------------------------------------------

TEST(views, views_of_views_compose) {
  const auto m = m34();
  // m[1:][:, 1:].T[::-1] -> [[7, 11], [6, 10], [5, 9]], strides (-1, 4), offset 7
  const auto v = m[{slice(1, _)}][{_, slice(1, _)}].T()[{slice(_, _, -1)}];
  EXPECT_EQ(v.shape(), (Dims{3, 2}));
  EXPECT_EQ(v.strides(), (Dims{-1, 4}));
  EXPECT_EQ(v.offset(), 7);
  EXPECT_EQ(to_vector(v), (V{7, 11, 6, 10, 5, 9}));
  EXPECT_TRUE(shares_memory(v, m));
  v(0, 1) = -11;
  EXPECT_EQ(m(2, 3), -11);
  // A slice of a negative-step view steps back through the original.
  const auto r = arange<i64>(10)[{slice(_, _, -1)}][{slice(1, _, 3)}];  // a[::-1][1::3]
  EXPECT_EQ(to_vector(r), (V{8, 5, 2}));
}

TEST(views, shares_memory_is_exact) {
  const auto a = arange<i64>(10);
  EXPECT_TRUE(shares_memory(a[{slice(_, 5)}], a[{slice(4, _)}]));
  EXPECT_FALSE(shares_memory(a[{slice(_, 5)}], a[{slice(5, _)}]));
  // Interleaved views overlap in address range but share no element.
  EXPECT_TRUE(may_share_memory(a[{slice(_, _, 2)}], a[{slice(1, _, 2)}]));
  EXPECT_FALSE(shares_memory(a[{slice(_, _, 2)}], a[{slice(1, _, 2)}]));
  EXPECT_FALSE(shares_memory(a, a.copy()));
  EXPECT_FALSE(shares_memory(a[{slice(3, 3)}], a));  // empty views share nothing
}

// ---- 0-d and zero-size ------------------------------------------------------------------------

TEST(views, zero_d_tensors) {
  const auto s = scalar<i64>(5);
  EXPECT_EQ(s.ndim(), 0u);
  EXPECT_EQ(s.size(), 1);
  EXPECT_EQ(s.shape(), Dims{});
  EXPECT_EQ((s[{ellipsis}]).ndim(), 0u);
  EXPECT_EQ(to_vector(s), (V{5}));
  EXPECT_EQ(s.broadcast_to({3}).strides(), (Dims{0}));
  EXPECT_TRUE(s.is_contiguous());
  s.fill(6);
  EXPECT_EQ(s.item(), 6);
  s.assign(scalar<i64>(8));
  EXPECT_EQ(s(), 8);
  EXPECT_EQ(s.copy().item(), 8);
}

TEST(views, zero_size_dimensions) {
  const auto z = zeros<i64>({0, 3});
  EXPECT_EQ(z.T().shape(), (Dims{3, 0}));
  EXPECT_EQ((z[{slice(_, _, -1)}]).shape(), (Dims{0, 3}));
  EXPECT_EQ((z[{_, 1}]).shape(), (Dims{0}));
  EXPECT_EQ(z.begin(), z.end());
  z.fill(1);  // nothing to do, and no out-of-bounds write
  z.assign(scalar<i64>(2));
  EXPECT_EQ(z.copy().shape(), (Dims{0, 3}));
  EXPECT_EQ(z.contiguous().size(), 0);
  EXPECT_EQ(z.reshape({3, 0, 5}).shape(), (Dims{3, 0, 5}));
  EXPECT_THROW((z[{0}]), IndexError);
}

// ---- writes -----------------------------------------------------------------------------------

TEST(views, fill_and_assign_write_through) {
  const auto m = m34();
  m[{_, 1}].fill(0);  // m[:, 1] = 0
  EXPECT_EQ(to_vector(m), (V{0, 0, 2, 3, 4, 0, 6, 7, 8, 0, 10, 11}));
  // m[::2] = [100, 200, 300, 400]: the row broadcasts over the selected rows.
  m[{slice(_, _, 2)}].assign(Tensor<i64>{100, 200, 300, 400});
  EXPECT_EQ(to_vector(m), (V{100, 200, 300, 400, 4, 0, 6, 7, 100, 200, 300, 400}));
  // Through a transposed view: m.T[0] = [-1, -2, -3] sets the first column.
  m.T()[0].assign(Tensor<i64>{-1, -2, -3});
  EXPECT_EQ(to_vector(m[{_, 0}]), (V{-1, -2, -3}));
}

TEST(views, assign_handles_overlap_like_numpy) {
  auto a = arange<i64>(10);
  a[{slice(1, _)}].assign(a[{slice(_, -1)}]);  // a[1:] = a[:-1]
  EXPECT_EQ(to_vector(a), (V{0, 0, 1, 2, 3, 4, 5, 6, 7, 8}));
  a = arange<i64>(10);
  a[{slice(_, _, -1)}].assign(a);  // a[::-1] = a
  EXPECT_EQ(to_vector(a), (V{9, 8, 7, 6, 5, 4, 3, 2, 1, 0}));
  a = arange<i64>(10);
  a[{slice(_, -2)}].assign(a[{slice(2, _)}]);  // a[:-2] = a[2:]
  EXPECT_EQ(to_vector(a), (V{2, 3, 4, 5, 6, 7, 8, 9, 8, 9}));
  const auto m = m34();
  m.assign(m.T().T());  // same elements, no-op
  EXPECT_EQ(to_vector(m), to_vector(arange<i64>(12)));
}

// ---- iteration --------------------------------------------------------------------------------

TEST(views, iteration_is_in_logical_c_order) {
  EXPECT_EQ(to_vector(m34().T()), (V{0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}));
  EXPECT_EQ(to_vector(t234().transpose({2, 0, 1})[{slice(_, _, 3)}]),
            (V{0, 4, 8, 12, 16, 20, 3, 7, 11, 15, 19, 23}));
  i64 sum = 0;
  for (i64& x : m34()[{slice(_, _, -1), slice(_, _, -1)}]) sum = sum * 2 + x % 3;
  i64 expected = 0;
  for (i64 x : V{11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0}) expected = expected * 2 + x % 3;
  EXPECT_EQ(sum, expected);
  // Iterators are forward iterators usable with <algorithm>.
  const auto m = m34();
  EXPECT_EQ(std::count_if(m.begin(), m.end(), [](i64 x) { return x % 2 == 0; }), 6);
}

// ---- ownership --------------------------------------------------------------------------------

TEST(views, a_view_keeps_its_buffer_alive) {
  const auto v = [] {
    const auto t = arange<i64>(10);
    return t[{slice(2, 5)}];
  }();  // t is gone; ASan would flag a dangling read here
  EXPECT_EQ(to_vector(v), (V{2, 3, 4}));
  EXPECT_EQ(v.buffer().use_count(), 1);
}

TEST(views, from_external_aliases_caller_memory) {
  std::vector<double> memory{0, 1, 2, 3, 4, 5};
  const auto t = from_external(memory.data(), {2, 3});
  t(1, 2) = 50;
  EXPECT_EQ(memory[5], 50);  // writes go to the caller's memory
  memory[0] = -1;
  EXPECT_EQ(t(0, 0), -1);  // and reads see the caller's writes: no copy
  // Fortran-order strides: element (i, j) at i + 2 j.
  const auto f = from_external(memory.data(), {2, 3}, {1, 2});
  EXPECT_EQ(f(1, 1), memory[3]);
  EXPECT_FALSE(f.is_contiguous());
  EXPECT_EQ(f.copy().strides(), (Dims{3, 1}));
}

TEST(views, adopt_releases_once_when_the_last_view_dies) {
  int releases = 0;
  auto* raw = new float[6]{0, 1, 2, 3, 4, 5};
  Tensor<float> view;
  {
    const auto owner = adopt<float>(raw, {2, 3}, [&](float* p) {
      ++releases;
      delete[] p;
    });
    view = owner.T()[1];  // a view outliving the tensor it came from
  }
  EXPECT_EQ(releases, 0);
  EXPECT_EQ(to_vector(view), (std::vector<float>{1, 4}));
  view = Tensor<float>();
  EXPECT_EQ(releases, 1);
}

// ---- materialising views ----------------------------------------------------------------------

namespace {

// contiguous() of `v` against an element-by-element reference through at().
template <class T>
void expect_contiguous_matches(const Tensor<T>& v) {
  const Tensor<T> c = v.contiguous();
  ASSERT_TRUE(c.is_contiguous());
  ASSERT_EQ(c.shape(), v.shape());
  std::vector<T> reference;
  if (v.ndim() == 2) {
    for (index_t i = 0; i < v.dim(0); ++i)
      for (index_t j = 0; j < v.dim(1); ++j) reference.push_back(v.at(i, j));
  } else {
    for (index_t k = 0; k < v.dim(0); ++k)
      for (index_t i = 0; i < v.dim(1); ++i)
        for (index_t j = 0; j < v.dim(2); ++j) reference.push_back(v.at(k, i, j));
  }
  EXPECT_EQ(std::vector<T>(c.data(), c.data() + c.size()), reference) << "shape " << format_shape(v.shape());
}

}  // namespace

TEST(views, transposed_copies_match_a_reference_for_every_shape_and_type) {
  // Block sizes are 8 x 8: cover full blocks, ragged edges and tiny matrices.
  for (auto [r, c] : {std::pair<index_t, index_t>{1, 1}, {3, 5}, {8, 8}, {16, 9}, {13, 21}, {64, 40}, {7, 33}}) {
    expect_contiguous_matches(arange<double>(static_cast<double>(r * c)).reshape({r, c}).T());
    expect_contiguous_matches(arange<i64>(r * c).reshape({r, c}).T());
    expect_contiguous_matches(arange<float>(static_cast<float>(r * c)).reshape({r, c}).T());
    expect_contiguous_matches(arange<std::int32_t>(static_cast<std::int32_t>(r * c)).reshape({r, c}).T());
  }
  // Outer dimensions, negative strides and a strided source.
  const auto t = arange<double>(3 * 20 * 12).reshape({3, 20, 12});
  expect_contiguous_matches(t.transpose({0, 2, 1}));
  expect_contiguous_matches(t.transpose({0, 2, 1})[{slice(_, _, -1), slice(_, _, -1)}]);
  expect_contiguous_matches(t[{_, slice(_, _, 2)}].transpose({2, 0, 1}));
  // Conversion on the way (astype of a transposed view).
  const auto m = arange<i64>(20 * 12).reshape({20, 12}).T();
  const auto f = m.astype<double>();
  for (index_t i = 0; i < 12; ++i)
    for (index_t j = 0; j < 20; ++j) ASSERT_EQ(f.at(i, j), static_cast<double>(j * 12 + i));
}

TEST(views, large_transposed_copy_matches_a_reference) {
  // Over 16 MiB: the path that writes with streaming stores where AVX is available.
  const index_t n = 1452;  // rows of 1452 doubles keep 32-byte alignment
  const auto a = arange<double>(static_cast<double>(n * n)).reshape({n, n});
  const auto c = a.T().contiguous();
  for (index_t i = 0; i < n; ++i)
    for (index_t j = 0; j < n; ++j)
      if (c.data()[i * n + j] != static_cast<double>(j * n + i)) FAIL() << "at (" << i << ", " << j << ")";
}
