// .npy I/O: files written by NumPy itself (tests/data/npy, see make_fixtures.py), round trips for
// every element type and view kind, AnyTensor, and every error path: each bad input must throw a
// typed error naming the file, and a failed save must leave nothing behind.
#include <cmath>
#include <csignal>
#include <cstring>
#include <einspan/tensor.hpp>
#include <fstream>
#include <gtest/gtest.h>
#include <limits>
#include <nlohmann/json.hpp>
#include <sys/resource.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace einspan;
namespace fs = std::filesystem;

namespace {

const fs::path fixtures = fs::path(EINSPAN_TEST_DATA_DIR) / "npy";

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_bytes(const fs::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// A fresh directory per test, removed afterwards.
class NpyFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           fmt::format("einspan_npy_{}_{}_{}", ::getpid(), info->test_suite_name(), info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::permissions(dir_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(dir_, ec);
  }
  fs::path path(std::string_view name) const { return dir_ / name; }
  // Names of the files in the test directory (to catch stray temporary files).
  std::vector<std::string> listing() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_)) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }
  fs::path dir_;
};

// A complete .npy file with the given header dict text, padded as np.save pads it, then `data`.
std::string npy_bytes(std::string_view dict, std::string_view data, int major = 1) {
  std::string text(dict);
  const std::size_t prefix = major == 1 ? 10 : 12;
  while ((prefix + text.size() + 1) % 64 != 0) text.push_back(' ');
  text.push_back('\n');
  std::string out("\x93NUMPY", 6);
  out.push_back(static_cast<char>(major));
  out.push_back('\0');
  const std::size_t n = text.size();
  for (std::size_t b = 0; b < (major == 1 ? 2u : 4u); ++b) out.push_back(static_cast<char>((n >> (8 * b)) & 0xFF));
  return out + text + std::string(data);
}

std::string le_doubles(std::initializer_list<double> values) {
  std::string out;
  for (double v : values) {
    char b[8];
    std::memcpy(b, &v, 8);
    out.append(b, 8);
  }
  return out;
}

// Runs f, expecting an exception of type E whose message contains every one of `parts`.
template <class E, class F>
void expect_error(F&& f, std::initializer_list<std::string> parts) {
  try {
    f();
    ADD_FAILURE() << "no exception thrown; expected one containing '" << *parts.begin() << "'";
  } catch (const E& e) {
    for (const auto& part : parts) EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "wrong exception type: " << e.what();
  }
}

// Distinct, exactly representable values for element i.
template <class T>
T value_at(index_t i) {
  if constexpr (std::is_same_v<T, bool>) {
    return i % 3 == 1;
  } else if constexpr (std::is_floating_point_v<T>) {
    return static_cast<T>(i) * T(1.5) - T(3);
  } else {
    return static_cast<T>(i * 7919 - 20000);
  }
}

template <class T>
Tensor<T> sample(Dims shape) {
  Tensor<T> t = empty<T>(std::move(shape));
  for (index_t i = 0; i < t.size(); ++i) t.data()[i] = value_at<T>(i);
  return t;
}

nlohmann::json expected_fixtures() {
  std::ifstream in(fixtures / "expected.json");
  return nlohmann::json::parse(in)["fixtures"];
}

// The fixture's values (C order) as the element type einspan loads it as.
template <class T>
std::vector<T> expected_values(const nlohmann::json& values) {
  std::vector<T> out;
  for (const auto& v : values) {
    if constexpr (std::is_same_v<T, bool>) {
      out.push_back(v.get<bool>());
    } else if constexpr (std::is_floating_point_v<T>) {
      out.push_back(static_cast<T>(v.get<double>()));
    } else if constexpr (std::is_unsigned_v<T>) {
      out.push_back(static_cast<T>(v.get<std::uint64_t>()));
    } else {
      out.push_back(static_cast<T>(v.get<std::int64_t>()));
    }
  }
  return out;
}

}  // namespace

// ---- fixtures written by NumPy ----------------------------------------------------------------

TEST(npy_fixtures, every_fixture_loads_as_numpy_reads_it) {
  int loaded = 0;
  for (const auto& entry : expected_fixtures()) {
    if (entry.contains("error")) continue;
    const fs::path file = fixtures / entry["file"].get<std::string>();
    SCOPED_TRACE(file.string());
    const NpyHeader header = read_npy_header(file);
    EXPECT_EQ(header.descr, entry["descr"].get<std::string>());
    EXPECT_EQ(header.fortran_order, entry["fortran_order"].get<bool>());
    EXPECT_EQ(header.major_version, entry["version"][0].get<int>());

    const AnyTensor t = load_npy(file);
    EXPECT_EQ(t.dtype_name(), entry["dtype"].get<std::string>());
    const auto shape = entry["shape"].get<std::vector<index_t>>();
    EXPECT_EQ(t.shape(), Dims(shape.begin(), shape.end()));
    t.visit([&](const auto& tensor) {
      using T = typename std::decay_t<decltype(tensor)>::value_type;
      EXPECT_TRUE(tensor.is_contiguous());  // Fortran files too
      EXPECT_EQ(to_vector(tensor), expected_values<T>(entry["values"]));
    });
    ++loaded;
  }
  EXPECT_GE(loaded, 41);
}

TEST(npy_fixtures, dtypes_einspan_does_not_hold_throw_type_error_naming_file_and_dtype) {
  int refused = 0;
  for (const auto& entry : expected_fixtures()) {
    if (!entry.contains("error")) continue;
    const fs::path file = fixtures / entry["file"].get<std::string>();
    SCOPED_TRACE(file.string());
    expect_error<TypeError>([&] { load_npy(file); }, {file.string(), "unsupported dtype"});
    ++refused;
  }
  EXPECT_EQ(refused, 5);
  expect_error<TypeError>([&] { load_npy(fixtures / "refused_c16.npy"); }, {"'<c16'"});
  expect_error<TypeError>([&] { load_npy(fixtures / "refused_U3.npy"); }, {"'<U3'"});
  expect_error<TypeError>([&] { load_npy(fixtures / "refused_object.npy"); }, {"'|O'"});
  expect_error<TypeError>([&] { load_npy(fixtures / "refused_structured.npy"); }, {"structured"});
}

// The writer's oracle: np.save's own bytes for the same array.
TEST(npy_fixtures, save_npy_writes_the_bytes_np_save_writes) {
  const fs::path out = fs::temp_directory_path() / fmt::format("einspan_npy_{}_bytes.npy", ::getpid());
  int compared = 0;
  for (const auto& entry : expected_fixtures()) {
    if (entry.contains("error") || entry["fortran_order"].get<bool>() || entry["version"][0] != 1) continue;
    const std::string descr = entry["descr"];
    // Native little-endian files of every dtype einspan saves as itself (f2 loads as float32).
    if (descr[0] == '>' || descr == "<f2") continue;
    const fs::path file = fixtures / entry["file"].get<std::string>();
    SCOPED_TRACE(file.string());
    save_npy(out, load_npy(file));
    EXPECT_EQ(read_bytes(out), read_bytes(file));
    ++compared;
  }
  fs::remove(out);
  EXPECT_GE(compared, 16);
}

TEST(npy_fixtures, header_is_padded_to_64_bytes_and_says_version_1) {
  for (const auto& name : {"f8_le_c.npy", "f8_le_0d.npy", "b1_big_first_dim.npy"}) {
    const NpyHeader h = read_npy_header(fixtures / name);
    EXPECT_EQ(h.data_offset % 64, 0u) << name;
  }
  const std::string header = detail::format_npy_header(DType::float64, Dims{3, 4});
  EXPECT_EQ(header.size() % 64, 0u);
  EXPECT_EQ(header.substr(0, 8), std::string("\x93NUMPY\x01\x00", 8));
  EXPECT_EQ(header.back(), '\n');
}

// ---- load_npy_as and casting ------------------------------------------------------------------

TEST(npy_fixtures, load_npy_as_converts_only_what_casting_allows) {
  // Safe (the default): lossless conversions only.
  EXPECT_EQ(
      to_vector(load_npy_as<double>(fixtures / "f4_le_c.npy")),
      (std::vector<double>{-3.75, 0.0, 1.5, 3.4028234663852886e38, -1.1754943508222875e-38, 0.10000000149011612}));
  EXPECT_EQ(load_npy_as<double>(fixtures / "i4_be_c.npy")(0, 0), -2147483648.0);
  EXPECT_EQ(load_npy_as<float>(fixtures / "u1_na_c.npy")(0, 1), 255.0f);  // u1 fits float32 exactly
  EXPECT_EQ(load_npy_as<std::int16_t>(fixtures / "u1_na_c.npy")(0, 1), 255);
  EXPECT_EQ(load_npy_as<std::int64_t>(fixtures / "b1_na_c.npy")(0, 0), 1);
  const fs::path f8 = fixtures / "f8_le_c.npy";
  expect_error<TypeError>([&] { load_npy_as<float>(f8); }, {f8.string(), "'<f8'", "float32", "'safe'"});
  expect_error<TypeError>([&] { load_npy_as<std::int32_t>(f8, Casting::same_kind); }, {f8.string(), "same_kind"});
  expect_error<TypeError>([&] { load_npy_as<float>(fixtures / "u4_le_c.npy"); }, {"'<u4'"});
  expect_error<TypeError>([&] { load_npy_as<std::int64_t>(fixtures / "u8_le_c.npy"); }, {"'<u8'", "int64"});
  expect_error<TypeError>([&] { load_npy_as<std::uint8_t>(fixtures / "i1_na_c.npy", Casting::same_kind); },
                          {"'|i1'", "uint8", "same_kind"});
  // Same kind: narrowing allowed; unsafe: anything, with astype's static_cast.
  EXPECT_EQ(load_npy_as<float>(f8, Casting::same_kind)(0, 0), -3.75f);
  EXPECT_EQ(load_npy_as<std::int32_t>(fixtures / "f8_le_1d_long.npy", Casting::unsafe)(5), -5);  // 5*0.25-7
  EXPECT_EQ(load_npy_as<bool>(fixtures / "i4_le_c.npy", Casting::unsafe)(1, 0), false);          // element 3 is 0
}

TEST(npy_fixtures, small_integer_and_float16_files_cast_as_numpy_says) {
  // np.can_cast(stored, to, rule) for to in float32, float64, int32, int64, bool.
  const std::pair<const char*, std::array<std::array<bool, 5>, 2>> table[] = {
      {"u1_na_c.npy", {{{1, 1, 1, 1, 0}, {1, 1, 1, 1, 0}}}}, {"u2_le_c.npy", {{{1, 1, 1, 1, 0}, {1, 1, 1, 1, 0}}}},
      {"u4_be_c.npy", {{{0, 1, 0, 1, 0}, {1, 1, 1, 1, 0}}}}, {"i1_na_c.npy", {{{1, 1, 1, 1, 0}, {1, 1, 1, 1, 0}}}},
      {"i2_be_c.npy", {{{1, 1, 1, 1, 0}, {1, 1, 1, 1, 0}}}}, {"u8_le_c.npy", {{{0, 1, 0, 0, 0}, {1, 1, 1, 1, 0}}}},
      {"f2_le_c.npy", {{{1, 1, 0, 0, 0}, {1, 1, 0, 0, 0}}}},
  };
  for (const auto& [name, allowed] : table) {
    for (int rule = 0; rule < 2; ++rule) {
      const Casting casting = rule == 0 ? Casting::safe : Casting::same_kind;
      const auto attempt = [&, name = name](auto tag) {
        using T = decltype(tag);
        try {
          load_npy_as<T>(fixtures / name, casting);
          return true;
        } catch (const TypeError&) {
          return false;
        }
      };
      const std::array<bool, 5> got = {attempt(float{}), attempt(double{}), attempt(std::int32_t{}),
                                       attempt(std::int64_t{}), attempt(bool{})};
      EXPECT_EQ(got, allowed[rule]) << name << " " << casting_name(casting);
    }
  }
}

// float16 loads as float32, which holds every float16 exactly; inf, nan and subnormals included.
TEST_F(NpyFiles, float16_loads_as_float32_with_its_exact_values) {
  // Little-endian halves: 1.0, -2.0, inf, -inf, nan, the smallest subnormal 2^-24, 65504, -0.0.
  const std::uint16_t halves[] = {0x3C00, 0xC000, 0x7C00, 0xFC00, 0x7E00, 0x0001, 0x7BFF, 0x8000};
  std::string data;
  for (const std::uint16_t h : halves) {
    data.push_back(static_cast<char>(h & 0xFF));
    data.push_back(static_cast<char>(h >> 8));
  }
  write_bytes(path("h.npy"), npy_bytes("{'descr': '<f2', 'fortran_order': False, 'shape': (8,), }", data));
  const AnyTensor t = load_npy(path("h.npy"));
  ASSERT_EQ(t.dtype(), DType::float32);
  const std::vector<float> got = to_vector(t.get<float>());
  const float inf = std::numeric_limits<float>::infinity();
  EXPECT_EQ(got[0], 1.0f);
  EXPECT_EQ(got[1], -2.0f);
  EXPECT_EQ(got[2], inf);
  EXPECT_EQ(got[3], -inf);
  EXPECT_TRUE(std::isnan(got[4]));
  EXPECT_EQ(got[5], 0x1p-24f);
  EXPECT_EQ(got[6], 65504.0f);
  EXPECT_TRUE(got[7] == 0.0f && std::signbit(got[7]));
  EXPECT_EQ(read_npy_header(path("h.npy")).descr, "<f2");
}

// ---- round trips --------------------------------------------------------------------------------

template <class T>
class npy_round_trip : public NpyFiles {};
using ElementTypes = ::testing::Types<float, double, std::int32_t, std::int64_t, bool, std::uint8_t, std::int8_t,
                                      std::uint16_t, std::int16_t, std::uint32_t, std::uint64_t>;
TYPED_TEST_SUITE(npy_round_trip, ElementTypes);

TYPED_TEST(npy_round_trip, contiguous_views_and_odd_shapes_come_back_equal) {
  using T = TypeParam;
  const Tensor<T> base = sample<T>({4, 6});
  const std::vector<std::pair<std::string, Tensor<T>>> cases = {
      {"contiguous", base},
      {"transposed", base.T()},
      {"strided_reversed", base[{slice(_, _, 2), slice(_, _, -1)}]},
      {"column", base[{ellipsis, 3}]},
      {"broadcast", base[{0}].broadcast_to({3, 6})},
      {"rank4", sample<T>({2, 1, 3, 2}).transpose({3, 0, 2, 1})},
      {"scalar", scalar<T>(value_at<T>(5))},
      {"empty", empty<T>({3, 0, 2})},
      {"one_d", sample<T>({7})},
  };
  for (const auto& [name, t] : cases) {
    SCOPED_TRACE(name);
    const fs::path file = this->path(name + ".npy");
    save_npy(file, t);
    const AnyTensor any = load_npy(file);
    ASSERT_EQ(any.dtype(), dtype_of<T>);
    const Tensor<T>& back = any.get<T>();
    EXPECT_EQ(back.shape(), t.shape());
    EXPECT_TRUE(back.is_contiguous());
    EXPECT_EQ(to_vector(back), to_vector(t));
    EXPECT_EQ(to_vector(load_npy_as<T>(file)), to_vector(t));
    EXPECT_EQ(read_npy_header(file).data_offset % 64, 0u);
  }
  EXPECT_EQ(this->listing().size(), cases.size());  // no temporary files left over
}

TEST_F(NpyFiles, save_replaces_an_existing_file_and_writes_through_symlinks) {
  const fs::path file = path("a.npy");
  save_npy(file, sample<double>({5}));
  save_npy(file, sample<std::int32_t>({2, 2}));
  EXPECT_EQ(load_npy(file).dtype(), DType::int32);

  const fs::path link = path("link.npy");
  fs::create_symlink(file, link);
  save_npy(link, scalar<bool>(true));
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(load_npy(file).get<bool>().item(), true);
  EXPECT_EQ(listing(), (std::vector<std::string>{"a.npy", "link.npy"}));
}

TEST_F(NpyFiles, relative_paths_save_next_to_the_working_directory) {
  const fs::path cwd = fs::current_path();
  fs::current_path(dir_);
  save_npy("rel.npy", sample<float>({2, 2}));
  const Tensor<float> back = load_npy<float>("rel.npy");  // the template spelling of load_npy_as
  fs::current_path(cwd);
  EXPECT_EQ(to_vector(back), to_vector(sample<float>({2, 2})));
  EXPECT_EQ(listing(), (std::vector<std::string>{"rel.npy"}));
}

TEST_F(NpyFiles, save_any_tensor_keeps_its_dtype) {
  const AnyTensor any = sample<std::int64_t>({3});
  save_npy(path("x.npy"), any);
  EXPECT_EQ(read_npy_header(path("x.npy")).descr, "<i8");
  EXPECT_EQ(to_vector(load_npy(path("x.npy")).get<std::int64_t>()), to_vector(any.get<std::int64_t>()));
}

// ---- AnyTensor ----------------------------------------------------------------------------------

TEST(any_tensor, dtype_shape_get_and_visit) {
  const Tensor<float> f = sample<float>({2, 3});
  const AnyTensor a = f;
  EXPECT_EQ(a.dtype(), DType::float32);
  EXPECT_EQ(a.dtype_name(), "float32");
  EXPECT_EQ(a.shape(), (Dims{2, 3}));
  EXPECT_EQ(a.size(), 6);
  EXPECT_TRUE(a.holds<float>());
  EXPECT_FALSE(a.holds<double>());
  EXPECT_EQ(a.get<float>().buffer(), f.buffer());  // a handle, not a copy
  expect_error<TypeError>([&] { a.get<std::int64_t>(); }, {"float32", "int64"});
  const auto ndim_plus_size = a.visit([](const auto& t) { return static_cast<index_t>(t.ndim()) + t.size(); });
  EXPECT_EQ(ndim_plus_size, 8);
  EXPECT_EQ(AnyTensor().dtype(), DType::float64);
  EXPECT_EQ(AnyTensor().shape(), (Dims{0}));
}

TEST(any_tensor, as_converts_or_shares) {
  const Tensor<double> d = {{1.75, -2.5}, {0.0, 3.0}};
  const AnyTensor a = d;
  EXPECT_EQ(a.as<double>().buffer(), d.buffer());                                     // same dtype: no copy
  EXPECT_EQ(to_vector(a.as<std::int32_t>()), (std::vector<std::int32_t>{1, -2, 0, 3}));  // truncation, as astype
  EXPECT_EQ(to_vector(a.as<bool>()), (std::vector<bool>{true, true, false, true}));
  EXPECT_EQ(to_vector(a.as<float>(Casting::same_kind)), (std::vector<float>{1.75f, -2.5f, 0.0f, 3.0f}));
  expect_error<TypeError>([&] { a.as<float>(Casting::safe); }, {"float64", "float32", "'safe'"});
  // A transposed view converts in logical (C) order.
  EXPECT_EQ(to_vector(AnyTensor(d.T()).as<float>()), (std::vector<float>{1.75f, 0.0f, -2.5f, 3.0f}));
}

TEST(any_tensor, can_cast_follows_numpy_for_our_types) {
  // np.can_cast(from, to, 'safe') for float32, float64, int32, int64, bool (rows: from).
  const bool safe[5][5] = {
      {1, 1, 0, 0, 0},  // float32
      {0, 1, 0, 0, 0},  // float64
      {0, 1, 1, 1, 0},  // int32
      {0, 1, 0, 1, 0},  // int64
      {1, 1, 1, 1, 1},  // bool
  };
  const bool same_kind[5][5] = {
      {1, 1, 0, 0, 0}, {1, 1, 0, 0, 0}, {1, 1, 1, 1, 0}, {1, 1, 1, 1, 0}, {1, 1, 1, 1, 1},
  };
  for (int i = 0; i < 5; ++i)
    for (int j = 0; j < 5; ++j) {
      const auto from = static_cast<DType>(i), to = static_cast<DType>(j);
      EXPECT_EQ(can_cast(from, to, Casting::safe), safe[i][j]) << dtype_name(from) << "->" << dtype_name(to);
      EXPECT_EQ(can_cast(from, to, Casting::same_kind), same_kind[i][j]) << dtype_name(from) << "->" << dtype_name(to);
      EXPECT_TRUE(can_cast(from, to, Casting::unsafe));
    }
}

// ---- header dict parsing ------------------------------------------------------------------------

TEST(npy_header, accepts_any_key_order_spacing_quotes_and_trailing_commas) {
  const fs::path p = "h.npy";
  const char* texts[] = {
      "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }",
      "{'shape': (3, 4), 'descr': '<f8', 'fortran_order': False}",
      "  {\"fortran_order\":False,\"shape\":(3,4,),\"descr\":\"<f8\"}  \n",
      "{\n\t'descr' : '<f8' ,\n\t'fortran_order' : False ,\n\t'shape' : ( 3 , 4 ) ,\n}",
      "{'descr': u'<f8', 'fortran_order': False, 'shape': (3L, 4L), }",  // Python 2
  };
  for (const char* text : texts) {
    const auto dict = detail::parse_npy_header_dict(text, p);
    EXPECT_EQ(dict.descr, "<f8") << text;
    EXPECT_FALSE(dict.fortran_order) << text;
    EXPECT_EQ(dict.shape, (Dims{3, 4})) << text;
  }
  EXPECT_EQ(detail::parse_npy_header_dict("{'descr':'|b1','fortran_order':True,'shape':()}", p).shape, Dims{});
  EXPECT_TRUE(detail::parse_npy_header_dict("{'descr':'|b1','fortran_order':True,'shape':()}", p).fortran_order);
  EXPECT_EQ(detail::parse_npy_header_dict("{'descr':'|b1','fortran_order':True,'shape':(5,)}", p).shape, Dims{5});
}

TEST(npy_header, rejects_what_np_load_rejects_naming_the_file) {
  const fs::path p = "/some/dir/bad.npy";
  const std::pair<const char*, const char*> cases[] = {
      {"", "empty"},
      {"[1, 2]", "not a dict"},
      {"'descr'", "not a dict"},
      {"{'descr': '<f8', 'shape': (3,)}", "correct keys"},
      {"{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'extra': 1}", "correct keys"},
      {"{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'shape': (3,)}", "duplicate key"},
      {"{'descr': '<f8', 'fortran_order': False, 3: (3,)}", "correct keys"},
      {"{'descr': '<f8', 'fortran_order': False, 'shape': [3]}", "not a tuple"},
      {"{'descr': '<f8', 'fortran_order': False, 'shape': (3)}", "not a tuple"},
      {"{'descr': '<f8', 'fortran_order': False, 'shape': (-1, 2)}", "negative"},
      {"{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999,)}", "64 bits"},
      {"{'descr': '<f8', 'fortran_order': False, 'shape': (2.5,)}", "expected an integer"},
      {"{'descr': '<f8', 'fortran_order': False, 'shape': ('3',)}", "not all integers"},
      {"{'descr': '<f8', 'fortran_order': 0, 'shape': (3,)}", "fortran_order"},
      {"{'descr': 8, 'fortran_order': False, 'shape': (3,)}", "descr"},
      {"{'descr': '<f8, 'fortran_order': False, 'shape': (3,)}", "expected ','"},
      {"{'descr' '<f8', 'fortran_order': False, 'shape': (3,)}", "expected ':'"},
      {"{'descr': '<f8', 'fortran_order': False, 'shape': (3,", "end of header"},
      {"{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'x': 'abc", "unterminated string"},
      {"{'descr': '<f8', 'fortran_order': False, 'shape': (3,)", "end of header"},
      {"{'descr': '<f8' 'fortran_order': False, 'shape': (3,)}", "expected ','"},
      {"{'descr': '<f8', 'fortran_order': False, 'shape': (3,)} x", "after the header"},
      {"{'descr': '<f8', 'fortran_order': Nope, 'shape': (3,)}", "unexpected name"},
      {"{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'x': "
       "((((((((((((((((((((((((((((((((((1))))))))))))))))))))))))))))))))))}",
       "nesting"},
      {"{'descr': '<f8\n', 'fortran_order': False, 'shape': (3,)}", "newline"},
  };
  for (const auto& [text, problem] : cases)
    expect_error<IOError>([&, &text = text] { detail::parse_npy_header_dict(text, p); }, {p.string(), problem});
}

TEST(npy_header, descr_mapping) {
  const fs::path p = "d.npy";
  const bool little = std::endian::native == std::endian::little;
  EXPECT_EQ(detail::parse_npy_descr("<f8", p).dtype, DType::float64);
  EXPECT_EQ(detail::parse_npy_descr(">f8", p).swap_bytes, little);
  EXPECT_EQ(detail::parse_npy_descr("<f8", p).swap_bytes, !little);
  EXPECT_FALSE(detail::parse_npy_descr("|b1", p).swap_bytes);
  EXPECT_FALSE(detail::parse_npy_descr("=i4", p).swap_bytes);
  EXPECT_FALSE(detail::parse_npy_descr(">u1", p).swap_bytes);  // one byte has no order
  EXPECT_EQ(detail::parse_npy_descr("|u1", p).dtype, DType::uint8);
  EXPECT_EQ(detail::parse_npy_descr("|i1", p).dtype, DType::int8);
  EXPECT_EQ(detail::parse_npy_descr(">u2", p).dtype, DType::uint16);
  EXPECT_EQ(detail::parse_npy_descr("<i2", p).dtype, DType::int16);
  EXPECT_EQ(detail::parse_npy_descr(">u4", p).dtype, DType::uint32);
  EXPECT_EQ(detail::parse_npy_descr("<u8", p).dtype, DType::uint64);
  EXPECT_EQ(detail::parse_npy_descr("<f2", p).dtype, DType::float32);
  EXPECT_EQ(detail::parse_npy_descr("f4", p).dtype, DType::float32);
  for (const char* bad : {"<c16", "<U3", "|O", "|S5", "<f16", "<u16", "<M8[D]", "<f", "", "<", "<f8x", "<i16"})
    expect_error<TypeError>([&] { detail::parse_npy_descr(bad, p); }, {"d.npy", fmt::format("'{}'", bad)});
}

// ---- malformed files, made at run time ----------------------------------------------------------

TEST_F(NpyFiles, hand_written_headers_in_any_key_order_load) {
  write_bytes(path("a.npy"),
              npy_bytes("{\"shape\":(2,),\"descr\":\"<f8\",\"fortran_order\":False}", le_doubles({1.5, -2})));
  EXPECT_EQ(to_vector(load_npy(path("a.npy")).get<double>()), (std::vector<double>{1.5, -2}));
  write_bytes(path("b.npy"),
              npy_bytes("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 2)}", le_doubles({1, 2, 3, 4}), 2));
  EXPECT_EQ(to_vector(load_npy(path("b.npy")).get<double>()), (std::vector<double>{1, 3, 2, 4}));
}

TEST_F(NpyFiles, bool_bytes_other_than_one_read_as_true) {
  write_bytes(path("b.npy"), npy_bytes("{'descr': '|b1', 'fortran_order': False, 'shape': (4,), }",
                                       std::string("\x00\x02\xff\x01", 4)));
  const Tensor<bool> t = load_npy(path("b.npy")).get<bool>();
  EXPECT_EQ(to_vector(t), (std::vector<bool>{false, true, true, true}));
  // Each stored byte is a valid bool (0 or 1), so arithmetic on it is well defined.
  for (index_t i = 0; i < 4; ++i) EXPECT_LE(reinterpret_cast<const unsigned char*>(t.data())[i], 1);
}

TEST_F(NpyFiles, malformed_files_throw_io_error_naming_file_and_problem) {
  const std::string good = npy_bytes("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", le_doubles({1, 2}));
  ASSERT_NO_THROW(load_npy((write_bytes(path("good.npy"), good), path("good.npy"))));
  std::string version_4 = good, version_1_1 = good;
  version_4[6] = 4;
  version_1_1[7] = 1;
  std::string long_length = good;
  long_length[8] = '\xff';
  long_length[9] = '\x7f';
  std::string huge_length_v2 =
      npy_bytes("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", le_doubles({1, 2}), 2);
  huge_length_v2[11] = '\x7f';
  const std::pair<std::string, std::string> cases[] = {
      {"", "empty"},
      {"\x93NU", "truncated header"},
      {"PK\x03\x04 this is a zip file", "magic string"},
      {"\x93NUMPX\x01\x00", "magic string"},
      {version_4, "unsupported .npy format version 4.0"},
      {version_1_1, "unsupported .npy format version 1.1"},
      {good.substr(0, 9), "truncated header length"},
      {good.substr(0, 40), "truncated header"},
      {long_length, "truncated header"},
      {huge_length_v2, "more than the"},
      {good.substr(0, good.size() - 1), "truncated data"},
      {good.substr(0, good.size() - 16), "truncated data"},
      {good + "x", "1 bytes after the data"},
      {npy_bytes("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", le_doubles({1, 2})), "truncated data"},
      {npy_bytes("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", le_doubles({1, 2})), "after the data"},
      {npy_bytes("{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 4611686018427387904), }", ""),
       "too many elements"},
      {npy_bytes("{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904,), }", ""), "too large"},
      // 8 TB promised, 16 bytes present: refused from the file size, before any allocation.
      {npy_bytes("{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000000,), }", le_doubles({1, 2})),
       "needs 8000000000000 bytes, the file has 16"},
      {npy_bytes("[1, 2]", ""), "not a dict"},
      {npy_bytes("{'descr': '<f8', 'shape': (2,)}", le_doubles({1, 2})), "correct keys"},
  };
  int k = 0;
  for (const auto& [bytes, problem] : cases) {
    const fs::path file = path(fmt::format("bad{}.npy", k++));
    write_bytes(file, bytes);
    SCOPED_TRACE(problem);
    expect_error<IOError>([&] { load_npy(file); }, {file.string(), problem});
  }
}

TEST_F(NpyFiles, unreadable_paths_throw_io_error_naming_the_path) {
  expect_error<IOError>([&] { load_npy(path("missing.npy")); }, {path("missing.npy").string(), "No such file"});
  expect_error<IOError>([&] { load_npy(dir_); }, {dir_.string(), "directory"});
  expect_error<IOError>([&] { read_npy_header(path("missing.npy")); }, {"missing.npy"});
  if (::geteuid() != 0) {  // root reads anything
    write_bytes(path("locked.npy"), "x");
    fs::permissions(path("locked.npy"), fs::perms::none);
    expect_error<IOError>([&] { load_npy(path("locked.npy")); }, {"locked.npy", "Permission denied"});
  }
}

TEST_F(NpyFiles, reads_from_a_pipe_without_knowing_the_size) {
  const fs::path fifo = path("pipe.npy");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  for (const bool trailing : {false, true}) {
    std::string bytes = npy_bytes("{'descr': '>i4', 'fortran_order': False, 'shape': (2,), }",
                                  std::string("\x00\x00\x01\x02\xff\xff\xff\xfe", 8));
    if (trailing) bytes += "junk";
    std::thread writer([&] { write_bytes(fifo, bytes); });
    if (trailing) {
      expect_error<IOError>([&] { load_npy(fifo); }, {fifo.string(), "after the data"});
    } else {
      EXPECT_EQ(to_vector(load_npy(fifo).get<std::int32_t>()), (std::vector<std::int32_t>{258, -2}));
    }
    writer.join();
  }
}

// ---- failed saves leave nothing behind ----------------------------------------------------------

TEST_F(NpyFiles, save_into_missing_directory_or_onto_a_directory_throws_and_creates_nothing) {
  const Tensor<double> t = sample<double>({3});
  const fs::path missing = path("no/such/dir/a.npy");
  expect_error<IOError>([&] { save_npy(missing, t); }, {missing.string(), "No such file"});
  fs::create_directory(path("d"));
  write_bytes(path("d/keep"), "x");
  expect_error<IOError>([&] { save_npy(path("d"), t); }, {path("d").string(), "directory"});
  expect_error<IOError>([&] { save_npy(dir_ / "d" / "", t); }, {"directory"});
  ASSERT_EQ(::mkfifo(path("fifo").c_str(), 0600), 0);
  expect_error<IOError>([&] { save_npy(path("fifo"), t); }, {"fifo", "not a regular file"});
  EXPECT_TRUE(fs::is_fifo(path("fifo")));
  fs::remove(path("fifo"));
  EXPECT_EQ(listing(), (std::vector<std::string>{"d"}));
  EXPECT_EQ(read_bytes(path("d/keep")), "x");
  if (::geteuid() != 0) {  // root writes anywhere
    fs::permissions(path("d"), fs::perms::owner_read | fs::perms::owner_exec);
    expect_error<IOError>([&] { save_npy(path("d/a.npy"), t); }, {"a.npy", "Permission denied"});
  }
}

// A write that fails half way (here: the file size limit, which binds root too) must leave the
// existing target as it was and no temporary file behind.
TEST_F(NpyFiles, save_that_fails_while_writing_leaves_the_old_file_intact) {
  const fs::path file = path("a.npy");
  save_npy(file, sample<std::int32_t>({4}));
  const std::string before = read_bytes(file);

  rlimit old{};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &old), 0);
  const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);  // get EFBIG instead of being killed
  rlimit small = old;
  small.rlim_cur = 4096;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
  try {
    expect_error<IOError>([&] { save_npy(file, sample<double>({10000})); }, {file.string(), "cannot write"});
  } catch (...) {
  }
  ::setrlimit(RLIMIT_FSIZE, &old);
  std::signal(SIGXFSZ, old_handler);

  EXPECT_EQ(read_bytes(file), before);
  EXPECT_EQ(listing(), (std::vector<std::string>{"a.npy"}));
  EXPECT_EQ(to_vector(load_npy(file).get<std::int32_t>()), to_vector(sample<std::int32_t>({4})));
}

// load_npy_rows against the whole array np.save wrote, sliced: big-endian and 1-d files included.
TEST(npy_fixtures, load_npy_rows_reads_the_rows_numpy_wrote) {
  for (const char* name : {"f8_be_c.npy", "f8_le_c.npy", "i4_be_c.npy", "f8_le_1d_long.npy"}) {
    SCOPED_TRACE(name);
    const AnyTensor whole = load_npy(fixtures / name);
    const index_t n = whole.shape()[0];
    for (const auto& range : {std::pair<index_t, index_t>{0, n}, {1, n}, {n / 2, n / 2 + 1}, {n, n}}) {
      const index_t begin = range.first, end = range.second;  // named copies: clang 14 cannot capture bindings
      const AnyTensor rows = load_npy_rows(fixtures / name, begin, end);
      whole.visit([&](const auto& t) {
        using T = typename std::decay_t<decltype(t)>::value_type;
        EXPECT_TRUE(array_equal(rows.get<T>(), t[{slice(begin, end)}])) << begin << ".." << end;
      });
    }
  }
  const fs::path c = fixtures / "f8_le_c.npy";
  const index_t n = load_npy(c).shape()[0];
  expect_error<IndexError>([&] { load_npy_rows(c, 0, n + 1); }, {c.string(), fmt::format("rows [0, {})", n + 1)});
  expect_error<IndexError>([&] { load_npy_rows(c, 2, 1); }, {"rows [2, 1)"});
  expect_error<ValueError>([&] { load_npy_rows(fixtures / "f8_le_0d.npy", 0, 0); }, {"0-d"});
  expect_error<ValueError>([&] { load_npy_rows(fixtures / "f8_le_f.npy", 0, 1); }, {"Fortran order", "np.ascontiguousarray"});
}

// ---- map_npy: the file's pages as a tensor (np.load(path, mmap_mode="c")) ----------------------

// Every file whose data lies as einspan holds it maps to the array load_npy reads (itself checked
// against NumPy's values in expected.json): C and Fortran order, 0-d, empty, versions 2.0 and 3.0.
TEST(npy_fixtures, map_npy_gives_the_array_numpy_wrote) {
  for (const char* name : {"f8_le_c.npy", "f4_le_c.npy", "i4_le_c.npy", "i8_le_c.npy", "u2_le_c.npy", "u8_le_c.npy",
                           "i1_na_c.npy", "f8_le_f.npy", "f4_le_f_2d.npy", "f8_le_1d_long.npy", "f8_le_0d.npy",
                           "i4_le_empty_3d.npy", "f8_le_v2.npy", "f8_le_v3.npy"}) {
    SCOPED_TRACE(name);
    ASSERT_TRUE(can_map_npy(read_npy_header(fixtures / name)));
    const AnyTensor loaded = load_npy(fixtures / name), mapped = map_npy(fixtures / name);
    ASSERT_EQ(mapped.dtype(), loaded.dtype());
    ASSERT_EQ(mapped.shape(), loaded.shape());
    loaded.visit([&](const auto& t) {
      using T = typename std::decay_t<decltype(t)>::value_type;
      EXPECT_TRUE(array_equal(mapped.get<T>(), t));
    });
  }
  const AnyTensor whole = load_npy(fixtures / "f8_le_c.npy");
  const index_t n = whole.shape()[0];
  for (const auto& range : {std::pair<index_t, index_t>{0, n}, {1, n}, {n / 2, n / 2 + 1}, {n, n}}) {
    const AnyTensor rows = map_npy_rows(fixtures / "f8_le_c.npy", range.first, range.second);
    EXPECT_TRUE(array_equal(rows.get<double>(), whole.get<double>()[{slice(range.first, range.second)}]));
  }
}

// The mapping is the file itself: a change to the file shows through it (no copy was made), and a
// write through it copies the page privately, leaving the file as it was.
TEST_F(NpyFiles, mapped_rows_are_the_file_pages_and_writes_never_reach_the_file) {
  const Tensor<double> a = arange(0.0, 3000.0).reshape({1000, 3});
  save_npy(path("a.npy"), a);
  const Tensor<double> rows = map_npy_rows(path("a.npy"), 500, 1000).get<double>();
  ASSERT_EQ(rows.shape(), (Dims{500, 3}));
  EXPECT_EQ(rows(200, 1), a(700, 1));

  const std::size_t data_offset = read_npy_header(path("a.npy")).data_offset;
  const double changed = -1.5;
  {
    std::fstream file(path("a.npy"), std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(static_cast<std::streamoff>(data_offset + (700 * 3 + 1) * sizeof(double)));
    file.write(reinterpret_cast<const char*>(&changed), sizeof changed);
  }
  EXPECT_EQ(rows(200, 1), changed);

  const std::string before = read_bytes(path("a.npy"));
  rows(0, 0) = 42.0;
  EXPECT_EQ(rows(0, 0), 42.0);
  EXPECT_EQ(read_bytes(path("a.npy")), before);
  EXPECT_EQ(load_npy<double>(path("a.npy"))(500, 0), 1500.0);
}

TEST_F(NpyFiles, map_npy_refuses_data_it_would_have_to_convert_and_names_what_to_call) {
  for (const auto& refused : {std::pair{"f8_be_c.npy", "'>f8', the other byte order"},
                               {"f2_le_c.npy", "float16"},
                               {"b1_na_c.npy", "bool"}}) {
    const std::string name = refused.first, problem = refused.second;  // copies: clang 14 cannot capture bindings
    SCOPED_TRACE(name);
    EXPECT_FALSE(can_map_npy(read_npy_header(fixtures / name)));
    expect_error<ValueError>([&] { map_npy(fixtures / name); }, {name, problem, "load_npy"});
  }
  expect_error<ValueError>([&] { map_npy_rows(fixtures / "f8_le_f.npy", 0, 1); }, {"Fortran order", "np.ascontiguousarray"});
  expect_error<ValueError>([&] { map_npy_rows(fixtures / "f8_le_0d.npy", 0, 0); }, {"0-d"});
  expect_error<IndexError>([&] { map_npy_rows(fixtures / "f8_le_c.npy", 0, 1000); }, {"rows [0, 1000)"});
  expect_error<IOError>([&] { map_npy(path("nowhere.npy")); }, {"nowhere.npy", "No such file"});
  // A pipe is refused before anything opens it (a second open would wait for a writer).
  ASSERT_EQ(::mkfifo(path("pipe.npy").c_str(), 0600), 0);
  expect_error<ValueError>([&] { map_npy(path("pipe.npy")); }, {"pipe.npy", "not a regular file"});
  expect_error<ValueError>([&] { map_npy_rows(path("pipe.npy"), 0, 1); }, {"pipe.npy", "not a regular file"});
  // A short file would fault on its missing pages; it is refused before mapping.
  write_bytes(path("short.npy"), npy_bytes("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }",
                                           le_doubles({1.0, 2.0})));
  expect_error<IOError>([&] { map_npy(path("short.npy")); }, {"short.npy", "needs 24 bytes", "has 16"});
  // A corrupt shape whose row offset overflows is an error, not a wrapped offset.
  write_bytes(path("huge.npy"), npy_bytes("{'descr': '<f8', 'fortran_order': False, 'shape': (4, 4611686018427387904), }",
                                          le_doubles({1.0})));
  expect_error<IOError>([&] { map_npy_rows(path("huge.npy"), 2, 3); }, {"huge.npy", "too many elements"});
  expect_error<IOError>([&] { map_npy(path("huge.npy")); }, {"huge.npy", "too many elements"});
}

// ---- load_npy_rows_as: rows converted a chunk at a time ---------------------------------------

TEST_F(NpyFiles, load_npy_rows_as_converts_every_chunk_as_the_whole_array_converts) {
  // 300000 x 4 float32 is 4.8 MB: more than one 4 MiB chunk, so rows straddle a chunk boundary.
  const Tensor<float> a = Generator(3).random({300000, 4}).astype<float>();
  save_npy(path("a.npy"), a);
  const Tensor<double> whole = load_npy(path("a.npy")).as<double>();
  for (const auto& range : {std::pair<index_t, index_t>{0, 300000}, {1, 299999}, {262143, 262145}, {7, 7}}) {
    SCOPED_TRACE(testing::Message() << range.first << ".." << range.second);
    EXPECT_TRUE(array_equal(load_npy_rows_as<double>(path("a.npy"), range.first, range.second),
                            whole[{slice(range.first, range.second)}]));
  }
  for (const char* name : {"i4_be_c.npy", "f2_le_c.npy", "u2_be_c.npy"}) {
    SCOPED_TRACE(name);
    const Tensor<double> expected = load_npy(fixtures / name).as<double>();
    EXPECT_TRUE(array_equal(load_npy_rows_as<double>(fixtures / name, 1, expected.dim(0)),
                            expected[{slice(1, expected.dim(0))}]));
  }
  expect_error<TypeError>([&] { load_npy_rows_as<std::int32_t>(fixtures / "f8_le_c.npy", 0, 1); },
                          {"f8_le_c.npy", "'<f8'", "'safe'"});
  EXPECT_EQ(load_npy_rows_as<float>(fixtures / "f8_le_c.npy", 0, 1, Casting::unsafe).dim(0), 1);
}
