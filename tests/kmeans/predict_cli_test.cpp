// `kmeans predict`: a fitted model (--centroids) applied to a data set, against scikit-learn's
// recorded predict and score (tests/data/kmeans/model_*) and against the fit's own outputs.
#include "program_fixture.hpp"

#include <einspan/tensor/create.hpp>
#include <einspan/tensor/indexing.hpp>
#include <einspan/tensor/npy.hpp>
#include <einspan/tensor/random.hpp>
#include <limits>
#include <nlohmann/json.hpp>

using namespace einspan;
namespace fs = std::filesystem;

namespace {

using einspan_test::Outcome;
using einspan_test::slurp;

class KMeansPredictCli : public einspan_test::ProgramTest {
 protected:
  // expect_bad_input with predict's own outputs: status 2, one line naming `fragment`, no file.
  void expect_refused(const std::string& args, const std::string& fragment) const {
    const Outcome r = run(args + " --labels-out labels.npy --json");
    EXPECT_EQ(r.status, 2) << args << "\n" << r.err;
    EXPECT_NE(r.err.find(fragment), std::string::npos) << "stderr: " << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
    EXPECT_FALSE(fs::exists(path("labels.npy")));
  }
};

const std::string fixtures = std::string(EINSPAN_TEST_DATA_DIR) + "/kmeans/";

}  // namespace

TEST_F(KMeansPredictCli, labels_and_inertia_are_scikit_learns) {
  const Outcome r = run(fmt::format("predict --input {0}model_points.npy --centroids {0}lloyd_centroids.npy "
                                    "--labels-out p.npy --json",
                                    fixtures));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(array_equal(load_npy_as<std::int64_t>(path("p.npy")), load_npy_as<std::int64_t>(fixtures + "model_labels.npy")));
  const auto j = nlohmann::json::parse(r.out);
  const double score = load_npy_as<double>(fixtures + "model_score.npy")(0);
  EXPECT_NEAR(j["inertia"].get<double>(), -score, 1e-12 * -score);
  EXPECT_EQ(j["command"], "predict");
  EXPECT_EQ(j["n"], 500);
  EXPECT_EQ(j["k"], 10);
}

// A sparse file is labelled as CSR: scikit-learn's sparse model on its own training rows gives
// back its labels and inertia.
TEST_F(KMeansPredictCli, sparse_input_gives_scikit_learns_labels) {
  const Outcome r = run(fmt::format("predict --input {0}sparse_data.npz --centroids {0}sparse_centroids.npy "
                                    "--labels-out p.npy --json", fixtures));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(array_equal(load_npy_as<std::int64_t>(path("p.npy")), load_npy_as<std::int64_t>(fixtures + "sparse_labels.npy")));
  const auto j = nlohmann::json::parse(r.out);
  const double inertia = load_npy_as<double>(fixtures + "sparse_inertia.npy")(0);
  EXPECT_NEAR(j["inertia"].get<double>(), inertia, 1e-9 * inertia);
  EXPECT_EQ(j["nnz"], load_npy_as<double>(fixtures + "sparse_data.npy").size());
  expect_refused(fmt::format("predict --input {0}sparse_data.npz --centroids {0}lloyd_centroids.npy", fixtures),
                 "has 400 features per row, but the centroids");
}

// The fit's labels describe its final centroids: predicting with them writes the same bytes, in
// the centroids' precision, and the same inertia.
TEST_F(KMeansPredictCli, the_fit_centroids_give_back_the_fit_labels) {
  save_npy(path("x.npy"), Generator(2).random({9000, 7}));
  for (const char* dtype : {"f64", "f32"}) {
    SCOPED_TRACE(dtype);
    const Outcome fit = run(fmt::format("--input x.npy --k 9 --dtype {} --labels-out l.npy --centroids-out c.npy --json", dtype));
    ASSERT_EQ(fit.status, 0) << fit.err;
    const Outcome r = run("predict --input x.npy --centroids c.npy --labels-out p.npy --labels-dtype int32 --json");
    ASSERT_EQ(r.status, 0) << r.err;
    const AnyTensor got = load_npy(path("p.npy"));
    ASSERT_EQ(got.dtype(), DType::int32);
    EXPECT_TRUE(array_equal(got.get<std::int32_t>().astype<std::int64_t>(), load_npy_as<std::int64_t>(path("l.npy"))));
    const auto fitted = nlohmann::json::parse(fit.out), predicted = nlohmann::json::parse(r.out);
    EXPECT_EQ(predicted["dtype"], fitted["dtype"]);
    EXPECT_EQ(predicted["cluster_sizes"], fitted["cluster_sizes"]);
    const double a = fitted["inertia"].get<double>(), b = predicted["inertia"].get<double>();
    EXPECT_NEAR(b, a, (dtype == std::string("f32") ? 1e-6 : 1e-12) * a);
  }
}

// Shards are labelled one file at a time (the float64 one mapped, the float32 one converted): the
// labels of their concatenation.
TEST_F(KMeansPredictCli, shards_give_the_labels_of_their_concatenation) {
  const Tensor<double> x = Generator(2).random({9000, 7}).astype<float>().astype<double>();
  save_npy(path("all.npy"), x);
  save_npy(path("s0.npy"), x[{slice(0, 4000)}]);
  save_npy(path("s1.npy"), x[{slice(4000, 9000)}].astype<float>());
  ASSERT_EQ(run("--input all.npy --k 6 --centroids-out c.npy").status, 0);
  const Outcome whole = run("predict --input all.npy --centroids c.npy --labels-out whole.npy --json");
  const Outcome sharded = run("predict --input s0.npy s1.npy --centroids c.npy --labels-out sharded.npy --json");
  ASSERT_EQ(whole.status, 0) << whole.err;
  ASSERT_EQ(sharded.status, 0) << sharded.err;
  EXPECT_EQ(slurp(path("sharded.npy")), slurp(path("whole.npy")));
  const double a = nlohmann::json::parse(whole.out)["inertia"], b = nlohmann::json::parse(sharded.out)["inertia"];
  EXPECT_NEAR(b, a, 1e-12 * a);
  EXPECT_EQ(nlohmann::json::parse(sharded.out)["n"], 9000);
}

TEST_F(KMeansPredictCli, bad_input_is_one_line_and_no_file) {
  save_npy(path("x.npy"), Generator(2).random({100, 4}));
  save_npy(path("c.npy"), Generator(3).random({3, 5}));
  save_npy(path("flat.npy"), Generator(3).random({5}));
  expect_refused("predict --input x.npy --centroids c.npy", "x.npy has 4 features per row, but the centroids in c.npy have 5");
  expect_refused("predict --input x.npy --centroids flat.npy", "flat.npy: centroids must be a (k, d) array, got shape (5,)");
  expect_refused("predict --input x.npy", "--centroids is required");
  expect_refused("--k 3 predict --input x.npy --centroids c.npy", "--k is an option of the fit, not of kmeans predict");
  expect_refused("predict --input x.npy --centroids missing.npy", "missing.npy");
  Tensor<double> nan = Generator(2).random({100, 5});
  nan(50, 1) = std::numeric_limits<double>::quiet_NaN();
  save_npy(path("nan.npy"), nan);
  expect_refused("predict --input nan.npy --centroids c.npy", "nan.npy: kmeans_predict_and_score: x contains NaN or infinity");
}
