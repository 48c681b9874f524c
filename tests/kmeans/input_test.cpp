// The kmeans program's input paths (kmeans/app/input.hpp): a .npy file mapped (stored as the fit's
// dtype) or converted chunk by chunk (any other dtype or byte order), and several .npy files
// taken as one data set. Each path must give the bytes of the plain one-file run, the oracle.
#include "program_fixture.hpp"

#include <einspan/tensor/create.hpp>
#include <einspan/tensor/indexing.hpp>
#include <einspan/tensor/npy.hpp>
#include <einspan/tensor/random.hpp>
#include <nlohmann/json.hpp>

using namespace einspan;

namespace {

using einspan_test::Outcome;
using einspan_test::slurp;

class KMeansInput : public einspan_test::ProgramTest {
 protected:
  // Values that float32 holds exactly, so a float32 copy of the file is the same data set.
  void SetUp() override {
    ProgramTest::SetUp();
    data_ = Generator(5).random({7000, 9}).astype<float>().astype<double>();
  }

  struct Written {
    std::string labels, centroids;
    nlohmann::json summary;
  };
  Written fit(const std::string& options) const {
    const Outcome r = run(options + " --k 7 --n-init 2 --labels-out l.npy --centroids-out c.npy --json");
    EXPECT_EQ(r.status, 0) << options << ": " << r.err;
    return Written{slurp(path("l.npy")), slurp(path("c.npy")), nlohmann::json::parse(r.out.empty() ? "{}" : r.out)};
  }

  Tensor<double> data_;
};

}  // namespace

// float32 data fitted in float32 is mapped; float64 data fitted in float32 is converted. Both are
// the same numbers, so both give the same bytes.
TEST_F(KMeansInput, mapped_and_converted_files_give_the_same_fit) {
  save_npy(path("f32.npy"), data_.astype<float>());
  save_npy(path("f64.npy"), data_);
  for (const char* dtype : {"f32", "f64"}) {
    SCOPED_TRACE(dtype);
    const Written a = fit(fmt::format("--input f32.npy --dtype {}", dtype));
    const Written b = fit(fmt::format("--input f64.npy --dtype {}", dtype));
    EXPECT_EQ(a.labels, b.labels);
    EXPECT_EQ(a.centroids, b.centroids);
    EXPECT_EQ(a.summary["inertia_history"], b.summary["inertia_history"]);
  }
}

// Shards of unequal sizes, one of them float32 and one 1-d piece of a 1-feature set, concatenate
// into the data set: the fit is the fit of the whole file.
TEST_F(KMeansInput, several_npy_files_are_one_data_set_in_the_order_given) {
  save_npy(path("all.npy"), data_);
  save_npy(path("s0.npy"), data_[{slice(0, 1)}]);
  save_npy(path("s1.npy"), data_[{slice(1, 2500)}].astype<float>());
  save_npy(path("s2.npy"), data_[{slice(2500, 7000)}]);
  const Written whole = fit("--input all.npy");
  const Written sharded = fit("--input s0.npy s1.npy s2.npy");
  EXPECT_EQ(sharded.labels, whole.labels);
  EXPECT_EQ(sharded.centroids, whole.centroids);
  EXPECT_EQ(sharded.summary["n"], 7000);
  EXPECT_EQ(sharded.summary["input"], (nlohmann::json{"s0.npy", "s1.npy", "s2.npy"}));
  // In another order the rows are another data set: the same clusters, in other rows.
  EXPECT_NE(fit("--input s2.npy s1.npy s0.npy").labels, whole.labels);

  const Tensor<double> column = data_[{_, 0}].contiguous();
  save_npy(path("column.npy"), column.reshape({-1, 1}));
  save_npy(path("c0.npy"), column[{slice(0, 3000)}]);
  save_npy(path("c1.npy"), column[{slice(3000, 7000)}].reshape({-1, 1}));
  EXPECT_EQ(fit("--input c0.npy c1.npy").labels, fit("--input column.npy").labels);
}

TEST_F(KMeansInput, shards_that_disagree_are_bad_input_naming_the_file) {
  save_npy(path("nine.npy"), data_);
  save_npy(path("eight.npy"), data_[{_, slice(0, 8)}].contiguous());
  write("table.csv", "1,2\n3,4\n");
  expect_bad_input("--input nine.npy eight.npy --k 2", "eight.npy: has 8 features per row, but nine.npy has 9");
  expect_bad_input("--input nine.npy table.csv --k 2", "table.csv: not a .npy file");
  expect_bad_input("--input nine.npy missing.npy --k 2", "cannot open missing.npy: no such file");
}

// int32 labels are the int64 labels, half the bytes.
TEST_F(KMeansInput, labels_dtype_int32_writes_the_same_labels_in_int32) {
  save_npy(path("data.npy"), data_);
  const Written wide = fit("--input data.npy");
  const Tensor<std::int64_t> expected = load_npy_as<std::int64_t>(path("l.npy"));
  const Written narrow = fit("--input data.npy --labels-dtype int32");
  const AnyTensor got = load_npy(path("l.npy"));
  ASSERT_EQ(got.dtype(), DType::int32);
  EXPECT_TRUE(array_equal(got.get<std::int32_t>().astype<std::int64_t>(), expected));
  EXPECT_EQ(narrow.summary["labels_dtype"], "int32");
  EXPECT_EQ(narrow.summary["cluster_sizes"], wide.summary["cluster_sizes"]);
  expect_bad_input("--input data.npy --k 2 --labels-dtype int16", "--labels-dtype");
}
