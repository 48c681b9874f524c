// prod, var, stddev, ptp, nansum, nanmean, nanmin, nanmax, average, cumsum, cumprod, floor, ceil,
// trunc, round, sign, power, arctan2 and isclose replayed against NumPy: tests/data/reductions/
// reductions.json holds NumPy 1.24's results (dtype, shape, values) or the exception it raised,
// written by make_reductions.py. Below the replay: out forms, promotion of mixed operands, and
// properties (cumsum's last element is the sum; strided views scan as their copies).
#include <einspan/tensor.hpp>
#include <cmath>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/json_fixture.hpp"


using namespace einspan;
using einspan_test::dims_of;
using nlohmann::json;

namespace {

const json& fixture() {
  static const json data = einspan_test::read_json_fixture("reductions/reductions.json");
  return data;
}

template <class T>
Tensor<T> array_of(const json& flat, const json& shape) {
  std::vector<T> v;
  for (const auto& x : flat) {
    if constexpr (std::is_same_v<T, bool>) v.push_back(x.get<bool>());
    else if constexpr (std::is_integral_v<T>) v.push_back(x.get<T>());
    else v.push_back(static_cast<T>(einspan_test::fixture_number(x)));
  }
  const Dims d = dims_of(shape);
  return from_vector(v, std::span<const index_t>(d));
}

Axes axes_of(const json& axis) {
  if (axis.is_null()) return Axes::all();
  if (axis.is_number()) return Axes(axis.get<index_t>());
  const std::vector<index_t> list = axis.get<std::vector<index_t>>();
  return Axes(std::span<const index_t>(list));
}

// einspan's result against NumPy's: the same dtype (float where NumPy gives float16), shape and
// values, NaN matching NaN; floats within a few units in the last place (NumPy's pairwise sums
// group the additions differently), integers exactly.
template <class R>
void expect_result(const Tensor<R>& r, const json& expected) {
  std::string dtype = expected["dtype"].get<std::string>();
  const bool half = dtype == "float16";  // NumPy's result has 11 significant bits, ours 24
  if (half) dtype = "float32";
  EXPECT_EQ(detail::type_name<R>(), dtype);
  ASSERT_EQ(r.shape(), dims_of(expected["shape"]));
  const auto got = to_vector(r);
  const json& want = expected["values"];
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    if constexpr (std::is_floating_point_v<R>) {
      const double w = einspan_test::fixture_number(want[i]), g = got[i];
      if (std::isnan(w)) {
        EXPECT_TRUE(std::isnan(g)) << "element " << i << ": " << g << ", NumPy nan";
      } else if (std::isinf(w)) {
        EXPECT_EQ(g, w) << "element " << i;
      } else {
        const double tol = (half ? 1e-3 : std::is_same_v<R, float> ? 4e-6 : 1e-13) * std::max(1.0, std::abs(w));
        EXPECT_NEAR(g, w, tol) << "element " << i;
      }
    } else if constexpr (std::is_same_v<R, bool>) {
      EXPECT_EQ(got[i], want[i].get<bool>()) << "element " << i;
    } else {
      EXPECT_EQ(got[i], want[i].get<R>()) << "element " << i;
    }
  }
}

// NumPy's exception class -> the einspan error the same call throws.
template <class Fn>
void expect_error(const std::string& numpy_error, const std::string& fn, Fn&& call) {
  try {
    call();
    ADD_FAILURE() << "no error; NumPy raised " << numpy_error;
  } catch (const AxisError&) {
    EXPECT_EQ(numpy_error, "AxisError");
  } catch (const ValueError&) {
    EXPECT_TRUE(numpy_error == "ValueError" || numpy_error == "ZeroDivisionError") << numpy_error;
  } catch (const ShapeError&) {
    EXPECT_TRUE(fn == "average" && (numpy_error == "TypeError" || numpy_error == "ValueError")) << numpy_error;
  } catch (const TypeError&) {
    EXPECT_EQ(numpy_error, "UFuncTypeError");
  }
}

template <class T>
void run_case(const json& c) {
  const std::string fn = c["fn"].get<std::string>();
  const json& args = c["args"];
  const Tensor<T> a = array_of<T>(c["a"], c["shape"]);
  const auto axes = [&] { return axes_of(args["axis"]); };
  const auto keepdims = [&] { return args.value("keepdims", false); };
  const auto ddof = [&] { return args.value("ddof", index_t{0}); };
  const auto b = [&] { return array_of<T>(c["b"], c["b_shape"]); };
  // Each function is instantiated only for the dtypes its cases use (build time).
  constexpr bool is_float = std::is_floating_point_v<T>, is_bool = std::is_same_v<T, bool>;
  constexpr bool i64 = std::is_same_v<T, std::int64_t>, u8 = std::is_same_v<T, std::uint8_t>;
  constexpr bool i8 = std::is_same_v<T, std::int8_t>;
  const auto call = [&](auto check) {
    if (fn == "prod") check(prod(a, axes(), keepdims()));
    else if (fn == "cumsum") check(args["axis"].is_null() ? cumsum(a) : cumsum(a, args["axis"].get<index_t>()));
    else if (fn == "cumprod") check(args["axis"].is_null() ? cumprod(a) : cumprod(a, args["axis"].get<index_t>()));
    else if (fn == "floor") check(floor(a));
    else if (fn == "ceil") check(ceil(a));
    else if (fn == "trunc") check(trunc(a));
    else if (fn == "round") check(round(a, args["decimals"].get<int>()));
    else if (fn == "power") check(power(a, b()));
    else if constexpr (!i8) {
      if (fn == "var") check(var(a, axes(), ddof(), keepdims()));
      else if (fn == "std") check(stddev(a, axes(), ddof(), keepdims()));
      else if (fn == "nansum") check(nansum(a, axes(), keepdims()));
      else if (fn == "nanmean") check(nanmean(a, axes(), keepdims()));
      else if constexpr (!is_bool) {
        if (fn == "average" && !c.contains("b")) check(average(a, axes(), keepdims()));
        else if (fn == "average" && c["b_dtype"] == c["dtype"]) check(average(a, axes(), b(), keepdims()));
        else if (fn == "average") check(average(a, axes(), array_of<double>(c["b"], c["b_shape"]), keepdims()));
        else if (fn == "ptp") check(ptp(a, axes(), keepdims()));
        else if (fn == "nanmin") check(nanmin(a, axes(), keepdims()));
        else if (fn == "nanmax") check(nanmax(a, axes(), keepdims()));
        else if (fn == "sign") check(sign(a));
        else if (fn == "arctan2") check(arctan2(a, b()));
        else if constexpr (is_float || i64) {
          if (fn == "isclose")
            check(isclose(a, b(), args["rtol"].get<double>(), args["atol"].get<double>(), args["equal_nan"].get<bool>()));
          else ADD_FAILURE() << "no case runner for " << fn;
        } else {
          ADD_FAILURE() << "no case runner for " << fn << " on " << c["dtype"];
        }
      } else {
        ADD_FAILURE() << "no case runner for " << fn << " on bool";
      }
    } else {
      // int8 cases: the fixture's ptp, nanmin, nanmax, sign and arctan2 ones.
      if (fn == "ptp") check(ptp(a, axes(), keepdims()));
      else if (fn == "nanmin") check(nanmin(a, axes(), keepdims()));
      else if (fn == "nanmax") check(nanmax(a, axes(), keepdims()));
      else if (fn == "sign") check(sign(a));
      else if (fn == "arctan2") check(arctan2(a, b()));
      else ADD_FAILURE() << "no case runner for " << fn << " on int8";
    }
    (void)u8;
  };
  if (c.contains("error")) expect_error(c["error"].get<std::string>(), fn, [&] { call([](const auto&) {}); });
  else call([&](const auto& r) { expect_result(r, c["result"]); });
}

template <class... T>
void dispatch(const json& c) {
  const std::string dtype = c["dtype"].get<std::string>();
  const bool found = ((dtype == detail::type_name<T>() ? (run_case<T>(c), true) : false) || ...);
  EXPECT_TRUE(found) << "dtype " << dtype;
}

TEST(numpy_reductions, every_case_matches_numpy) {
  const json& cases = fixture()["cases"];
  ASSERT_GT(cases.size(), 300u);
  for (const json& c : cases) {
    SCOPED_TRACE(c.dump().substr(0, 300));
    if (c["fn"] == "sign" && c["dtype"] == "bool") continue;  // refused at compile time
    dispatch<double, float, std::int64_t, std::int8_t, std::uint8_t, bool>(c);
  }
}

// ---- out forms ------------------------------------------------------------------------------

TEST(numpy_reductions, prod_out_multiplies_in_outs_type) {
  const Tensor<std::int8_t> a = {{2, 3}, {4, 5}};
  auto out = Tensor<double>::fresh({2});
  prod(a, 1, out);
  EXPECT_EQ(to_vector(out), (std::vector<double>{6, 20}));
  auto wrong = Tensor<double>::fresh({3});
  EXPECT_THROW(prod(a, 1, wrong), ShapeError);
}

TEST(numpy_reductions, cumsum_out_may_be_the_input_itself_but_not_another_view_of_it) {
  const Tensor<double> a = {{1, 2, 3}, {4, 5, 6}};
  cumsum(a, 1, a);
  EXPECT_EQ(to_vector(a), (std::vector<double>{1, 3, 6, 4, 9, 15}));
  cumsum(a, 0, a);
  EXPECT_EQ(to_vector(a), (std::vector<double>{1, 3, 6, 5, 12, 21}));
  const Tensor<double> v = arange<double>(0, 6);
  EXPECT_THROW(cumsum(v[{slice(0, 3)}], 0, v[{slice(1, 4)}]), ValueError);
}

TEST(numpy_reductions, flattened_cumsum_out_is_one_dimensional) {
  const Tensor<std::int32_t> a = {{1, 2}, {3, 4}};
  auto out = Tensor<std::int64_t>::fresh({4});
  cumsum(a, out);
  EXPECT_EQ(to_vector(out), (std::vector<std::int64_t>{1, 3, 6, 10}));
  auto wrong = Tensor<std::int64_t>::fresh({2, 2});
  EXPECT_THROW(cumsum(a, wrong), ShapeError);
  cumprod(a, out);
  EXPECT_EQ(to_vector(out), (std::vector<std::int64_t>{1, 2, 6, 24}));
}

TEST(numpy_reductions, out_forms_of_var_stddev_ptp_and_the_nan_family) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const Tensor<double> a = {{1, nan, 3}, {4, 6, 8}};
  auto o = Tensor<double>::fresh({2});
  nansum(a, 1, o);
  EXPECT_EQ(to_vector(o), (std::vector<double>{4, 18}));
  nanmean(a, 1, o);
  EXPECT_EQ(to_vector(o), (std::vector<double>{2, 6}));
  nanmin(a, 1, o);
  EXPECT_EQ(to_vector(o), (std::vector<double>{1, 4}));
  nanmax(a, -1, o);
  EXPECT_EQ(to_vector(o), (std::vector<double>{3, 8}));
  var(a[{1}], 0, 1, o[{0}]);
  EXPECT_EQ(o(0), 4.0);
  stddev(a[{1}], 0, 1, o[{1}]);
  EXPECT_EQ(o(1), 2.0);
  auto kept = Tensor<double>::fresh({2, 1});
  ptp(a, 1, kept);
  EXPECT_TRUE(std::isnan(kept(0, 0)));
  EXPECT_EQ(kept(1, 0), 4.0);
  EXPECT_THROW(var(a, 0, 0, o), ShapeError);
  EXPECT_THROW(nanmean(a, 1, a[{0, slice(0, 2)}]), ValueError);
}

// ---- promotion of mixed operands (NumPy's np.result_type for each pair) ---------------------

TEST(numpy_reductions, power_and_arctan2_promote_as_binary_operations) {
  const Tensor<std::int32_t> i = {2, 3};
  static_assert(std::is_same_v<decltype(power(i, 2))::value_type, std::int32_t>);
  static_assert(std::is_same_v<decltype(power(i, 0.5))::value_type, double>);
  static_assert(std::is_same_v<decltype(power(Tensor<bool>{true}, Tensor<bool>{true}))::value_type, std::int8_t>);
  static_assert(std::is_same_v<decltype(arctan2(Tensor<std::int8_t>{1}, Tensor<float>{1}))::value_type, float>);
  static_assert(std::is_same_v<decltype(arctan2(i, Tensor<float>{1}))::value_type, double>);
  EXPECT_EQ(to_vector(power(i, 3)), (std::vector<std::int32_t>{8, 27}));
  EXPECT_EQ(to_vector(power(2, i)), (std::vector<std::int32_t>{4, 8}));
  EXPECT_THROW(power(i, -1), ValueError);
  EXPECT_THROW(power(2, Tensor<std::int64_t>{1, -2}), ValueError);
  EXPECT_NO_THROW(power(Tensor<double>{2.0}, -1));
  // uint8 base with an int8 exponent computes in int16, where -1 is refused.
  EXPECT_THROW(power(Tensor<std::uint8_t>{2}, Tensor<std::int8_t>{-1}), ValueError);
  auto out = Tensor<std::int64_t>::fresh({2});
  power(i, i, out);
  EXPECT_EQ(to_vector(out), (std::vector<std::int64_t>{4, 27}));
}

TEST(numpy_reductions, average_with_integer_weights_on_float32_is_double) {
  const Tensor<float> a = {1, 2, 4};
  const Tensor<std::int64_t> w = {1, 1, 2};
  const auto r = average(a, 0, w);
  static_assert(std::is_same_v<decltype(r)::value_type, double>);
  EXPECT_EQ(r.item(), 11.0 / 4.0);
  static_assert(std::is_same_v<decltype(average(a, 0, Tensor<float>{1, 1, 1}))::value_type, float>);
}

TEST(numpy_reductions, isclose_broadcasts_a_scalar_and_is_not_symmetric) {
  const Tensor<double> a = {1.0, 1.1, 0.0};
  // NumPy: np.isclose([1.0, 1.1, 0.0], 1.0, 0.1, 0.0) is [True, False, False] (1.1 - 1.0 rounds
  // above 0.1); the tolerance scales with |b| only, so 10 vs 11 passes and 11 vs 10 does not.
  EXPECT_EQ(to_vector(isclose(a, 1.0, 0.1, 0.0)), (std::vector<bool>{true, false, false}));
  EXPECT_TRUE(isclose(Tensor<double>{0.0}, 1e-9).item());
  EXPECT_TRUE(isclose(Tensor<double>{10.0}, 11.0, 0.095, 0.0).item());
  EXPECT_FALSE(isclose(Tensor<double>{11.0}, 10.0, 0.095, 0.0).item());
  EXPECT_EQ(to_vector(isclose(Tensor<double>{1.0, 2.0}.reshape({2, 1}), Tensor<double>{1.0, 2.0})),
            (std::vector<bool>{true, false, false, true}));
}

// ---- properties -----------------------------------------------------------------------------

TEST(numpy_reductions, cumsum_last_element_is_the_sum) {
  Generator rng(7);
  const Tensor<std::int64_t> ints = rng.integers(-1000000, 1000000, {3, 517});
  const auto scanned = cumsum(ints, 1);
  EXPECT_EQ(to_vector(scanned[{_, -1}]), to_vector(sum(ints, 1)));
  EXPECT_EQ(cumsum(ints)(ints.size() - 1), sum(ints).item());
  const Tensor<double> reals = rng.uniform(-1.0, 1.0, {5000});
  EXPECT_NEAR(cumsum(reals)(4999), sum(reals).item(), 1e-9);
  const auto columns = cumsum(ints, 0);
  EXPECT_EQ(to_vector(columns[{-1}]), to_vector(sum(ints, 0)));
}

TEST(numpy_reductions, strided_views_scan_as_their_copies) {
  const Tensor<double> t = arange<double>(0, 60).reshape({3, 4, 5}) - 20.0;
  const Tensor<double> view = t.transpose({2, 0, 1})[{_, slice(_, _, -1)}];
  const Tensor<double> dense = view.copy();
  for (index_t axis = 0; axis < 3; ++axis) {
    EXPECT_EQ(to_vector(cumsum(view, axis)), to_vector(cumsum(dense, axis))) << axis;
    EXPECT_EQ(to_vector(cumprod(view, axis)), to_vector(cumprod(dense, axis))) << axis;
  }
  EXPECT_EQ(to_vector(cumsum(view)), to_vector(cumsum(dense)));
  EXPECT_EQ(to_vector(var(view, 1, 1)), to_vector(var(dense, 1, 1)));
}

}  // namespace
