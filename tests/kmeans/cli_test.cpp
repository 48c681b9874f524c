// End-to-end tests of the kmeans program: run it on small files in a temporary directory and
// check its exit status, stdout (JSON), stderr and the files it writes or must not write.
#include "program_fixture.hpp"

#include <einspan/einsum/gemm_engine.hpp>
#include <einspan/tensor/create.hpp>
#include <einspan/tensor/isa.hpp>
#include <einspan/tensor/npy.hpp>
#include <einspan/tensor/random.hpp>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>

using namespace einspan;
namespace fs = std::filesystem;

namespace {

using einspan_test::Outcome;
using einspan_test::ScopedEnv;
using einspan_test::slurp;

class KMeansCli : public einspan_test::ProgramTest {};

// Two well separated groups: 4 points near (0, 0) and 3 near (10, 10).
const std::string two_groups = "x,y\n0,0\n0.5,0\n0,0.5\n0.5,0.5\n10,10\n10.5,10\n10,10.5\n";

}  // namespace

TEST_F(KMeansCli, json_summary_has_the_documented_keys_and_values) {
  write("data.csv", two_groups);
  const Outcome r = run("--input data.csv --k 2 --json");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["n"], 7);
  EXPECT_EQ(j["d"], 2);
  EXPECT_EQ(j["k"], 2);
  EXPECT_EQ(j["dtype"], "float64");
  EXPECT_TRUE(j["converged"].get<bool>());
  EXPECT_GE(j["iterations"].get<int>(), 1);
  EXPECT_GE(j["fit_seconds"].get<double>(), 0.0);
  EXPECT_EQ(j["threads_run"], 1);  // 7 points: far below min_work_per_thread
  // Squared deviations from the group means (0.25, 0.25) and (10 + 1/6, 10 + 1/6).
  const double expected = 4 * 0.125 + (2.0 + 5.0 + 5.0) / 36;
  EXPECT_NEAR(j["inertia"].get<double>(), expected, 1e-12);
  auto sizes = j["cluster_sizes"].get<std::vector<int>>();
  std::sort(sizes.begin(), sizes.end());
  EXPECT_EQ(sizes, (std::vector<int>{3, 4}));
  EXPECT_EQ(j["inertia_history"].size(), j["iterations"].get<std::size_t>());
  EXPECT_TRUE(r.err.empty()) << "progress must go nowhere with --json: " << r.err;
  // The level the kernels ran at: this process's own (the same CPU, the same EINSPAN_ISA).
  EXPECT_EQ(j["isa"], std::string(isa_name(active_isa())));
  EXPECT_EQ(j["gemm_engine"], gemm_engine_name());
}

// EINSPAN_TILE_BITS, the avx512 tile width override, is checked at the first tile on every level.
TEST_F(KMeansCli, unknown_tile_width_is_bad_input) {
  const ScopedEnv tile_bits("EINSPAN_TILE_BITS", "384");
  write("data.csv", two_groups);
  expect_bad_input("--input data.csv --k 2", "EINSPAN_TILE_BITS=384: expected 256 or 512");
}

// EINSPAN_ISA is input too: a name that is no level is a one-line error, before any work.
TEST_F(KMeansCli, unknown_isa_level_is_bad_input) {
  const ScopedEnv isa("EINSPAN_ISA", "avx3");
  write("data.csv", two_groups);
  expect_bad_input("--input data.csv --k 2", "EINSPAN_ISA=avx3: not a level; expected one of generic");
}

TEST_F(KMeansCli, writes_labels_centroids_and_plot) {
  write("data.txt", "# whitespace separated, no header\n0 0\n0.5 0\n0 0.5\n0.5 0.5\n10 10\n10.5 10\n10 10.5\n");
  const Outcome r = run("--input data.txt --k 2 --labels-out labels.npy --centroids-out centroids.npy --plot plot.svg");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("inertia"), std::string::npos);
  const AnyTensor labels = load_npy(path("labels.npy"));
  ASSERT_EQ(labels.dtype(), DType::int64);
  const auto l = labels.get<std::int64_t>();
  ASSERT_EQ(l.shape(), Dims({7}));
  for (int i = 1; i < 4; ++i) EXPECT_EQ(l(i), l(0));
  for (int i = 5; i < 7; ++i) EXPECT_EQ(l(i), l(4));
  EXPECT_NE(l(0), l(4));
  const AnyTensor centroids = load_npy(path("centroids.npy"));
  ASSERT_EQ(centroids.dtype(), DType::float64);
  const auto c = centroids.get<double>();
  EXPECT_DOUBLE_EQ(c(l(0), 0), 0.25);
  EXPECT_DOUBLE_EQ(c(l(4), 1), 10 + 1.0 / 6);
  const std::string svg = slurp(path("plot.svg"));
  EXPECT_EQ(svg.rfind("<?xml", 0), 0u);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
  EXPECT_EQ(std::count(svg.begin(), svg.end(), '\n') > 7, true);  // 7 points, 2 centroids
  EXPECT_NE(svg.find("centroid 1"), std::string::npos);
}

TEST_F(KMeansCli, float32_fit_writes_float32_centroids) {
  write("data.csv", two_groups);
  const Outcome r = run("--input data.csv --k 2 --dtype f32 --centroids-out c.npy --json");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["dtype"], "float32");
  EXPECT_EQ(load_npy(path("c.npy")).dtype(), DType::float32);
}

// --threads changes the speed, never the bytes: labels, centroids and inertia of 1 to 4 threads.
TEST_F(KMeansCli, every_thread_count_writes_the_same_bytes) {
  save_npy(path("data.npy"), Generator(4).random({6000, 32}));
  for (const char* dtype : {"f64", "f32"}) {
    SCOPED_TRACE(dtype);
    std::string labels, centroids;
    double inertia = 0;
    for (int threads = 1; threads <= 4; ++threads) {
      const Outcome r = run(fmt::format("--input data.npy --k 12 --dtype {} --threads {} --labels-out l.npy "
                                        "--centroids-out c.npy --json", dtype, threads));
      ASSERT_EQ(r.status, 0) << r.err;
      const double got = nlohmann::json::parse(r.out)["inertia"].get<double>();
      if (threads == 1) {
        labels = slurp(path("l.npy"));
        centroids = slurp(path("c.npy"));
        inertia = got;
        continue;
      }
      EXPECT_EQ(slurp(path("l.npy")), labels) << threads << " threads";
      EXPECT_EQ(slurp(path("c.npy")), centroids) << threads << " threads";
      EXPECT_EQ(std::memcmp(&got, &inertia, sizeof(double)), 0) << threads << " threads";
    }
  }
}

TEST_F(KMeansCli, npy_input_of_any_dtype) {
  save_npy(path("ints.npy"), from_vector<std::int32_t>({0, 0, 1, 0, 0, 1, 20, 20, 21, 20, 20, 21}, {6, 2}));
  const Outcome r = run("--input ints.npy --k 2 --json");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["n"], 6);
  save_npy(path("flags.npy"), from_vector<bool>({true, false, true, false, false, true}, {3, 2}));
  EXPECT_EQ(run("--input flags.npy --k 2 --json").status, 0);
}

TEST_F(KMeansCli, given_centroids_reproduce_sklearn) {
  const std::string data = std::string(EINSPAN_TEST_DATA_DIR) + "/kmeans/";
  const Outcome r = run(fmt::format("--input {0}lloyd_data.npy --init {0}lloyd_init.npy --tol 0 --max-iter 50 "
                                "--labels-out labels.npy --json",
                                data));
  ASSERT_EQ(r.status, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["k"], 10);
  EXPECT_EQ(j["iterations"], 50);
  const double inertia = load_npy_as<double>(data + "lloyd_inertia.npy")(0);
  EXPECT_NEAR(j["inertia"].get<double>(), inertia, 1e-9 * inertia);
  const auto expected = load_npy_as<std::int64_t>(data + "lloyd_labels.npy");
  const auto got = load_npy_as<std::int64_t>(path("labels.npy"));
  ASSERT_EQ(got.shape(), expected.shape());
  for (index_t i = 0; i < got.size(); ++i) ASSERT_EQ(got(i), expected(i)) << i;
}

TEST_F(KMeansCli, sample_weight_reproduces_sklearn_weighted_fit) {
  const std::string data = std::string(EINSPAN_TEST_DATA_DIR) + "/kmeans/";
  // The weights in a file of their own.
  save_npy(path("w.npy"), load_npy_as<double>(data + "weighted_weights.npy"));
  const Outcome r = run(fmt::format("--input {0}lloyd_data.npy --init {0}lloyd_init.npy --sample-weight w.npy --tol 0 "
                                    "--max-iter 50 --labels-out labels.npy --json", data));
  ASSERT_EQ(r.status, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["sample_weight"], "w.npy");
  const double inertia = load_npy_as<double>(data + "weighted_inertia.npy")(0);
  EXPECT_NEAR(j["inertia"].get<double>(), inertia, 1e-9 * inertia);
  const auto expected = load_npy_as<std::int64_t>(data + "weighted_labels.npy");
  const auto got = load_npy_as<std::int64_t>(path("labels.npy"));
  ASSERT_EQ(got.shape(), expected.shape());
  for (index_t i = 0; i < got.size(); ++i) ASSERT_EQ(got(i), expected(i)) << i;
  // Without weights the summary says so.
  const Outcome plain = run(fmt::format("--input {0}lloyd_data.npy --k 3 --max-iter 2 --json", data));
  ASSERT_EQ(plain.status, 0) << plain.err;
  EXPECT_TRUE(nlohmann::json::parse(plain.out)["sample_weight"].is_null());
}

TEST_F(KMeansCli, bad_sample_weight_files_are_one_line_errors) {
  save_npy(path("x.npy"), Generator(2).random({50, 3}));
  save_npy(path("short.npy"), full<double>({49}, 1.0));
  save_npy(path("column.npy"), full<double>({50, 1}, 1.0));
  Tensor<double> negative = full<double>({50}, 1.0);
  negative(17) = -2;
  save_npy(path("negative.npy"), negative);
  Tensor<float> nan = full<float>({50}, 1.0f);
  nan(3) = std::nanf("");
  save_npy(path("nan.npy"), nan);
  Tensor<std::int64_t> few = zeros<std::int64_t>({50});
  few(0) = 1;
  save_npy(path("few.npy"), few);
  write("text.csv", "1\n2\n");
  expect_bad_input("--input x.npy --k 2 --sample-weight nowhere.npy", "nowhere.npy");
  expect_bad_input("--input x.npy --k 2 --sample-weight short.npy",
                   "short.npy: sample weights must be a 1-d array of one value per row (50,), got shape (49,)");
  expect_bad_input("--input x.npy --k 2 --sample-weight column.npy", "got shape (50, 1)");
  expect_bad_input("--input x.npy --k 2 --sample-weight negative.npy",
                   "negative.npy: sample weights must be finite and >= 0, got -2 for row 17");
  expect_bad_input("--input x.npy --k 2 --sample-weight nan.npy", "nan.npy: sample weights must be finite and >= 0, got nan for row 3");
  expect_bad_input("--input x.npy --k 2 --sample-weight few.npy", "sample_weight has 1 positive values, fewer than k=2");
  expect_bad_input("--input x.npy --k 2 --sample-weight text.csv", "text.csv: not a .npy file");
}

TEST_F(KMeansCli, sparse_npz_and_svmlight_inputs_reproduce_sklearn_sparse_fit) {
  const std::string data = std::string(EINSPAN_TEST_DATA_DIR) + "/kmeans/";
  const auto expected = load_npy_as<std::int64_t>(data + "sparse_labels.npy");
  const double inertia = load_npy_as<double>(data + "sparse_inertia.npy")(0);
  for (const char* file : {"sparse_data.npz", "sparse_data.svm"}) {
    SCOPED_TRACE(file);
    const Outcome r = run(fmt::format("--input {0}{1} --init {0}sparse_init.npy --tol 0 --max-iter 40 "
                                      "--labels-out labels.npy --json", data, file));
    ASSERT_EQ(r.status, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["n"], 1500);
    EXPECT_EQ(j["d"], 400);
    EXPECT_EQ(j["nnz"], load_npy_as<double>(data + "sparse_data.npy").size());
    EXPECT_NEAR(j["inertia"].get<double>(), inertia, 1e-9 * inertia);
    const auto got = load_npy_as<std::int64_t>(path("labels.npy"));
    ASSERT_EQ(got.shape(), expected.shape());
    for (index_t i = 0; i < got.size(); ++i) ASSERT_EQ(got(i), expected(i)) << i;
  }
  // Dense input reports no stored-entry count.
  const Outcome dense = run(fmt::format("--input {0}lloyd_data.npy --k 3 --max-iter 2 --json", data));
  ASSERT_EQ(dense.status, 0) << dense.err;
  EXPECT_TRUE(nlohmann::json::parse(dense.out)["nnz"].is_null());
}

TEST_F(KMeansCli, sparse_input_refuses_what_it_cannot_do) {
  const std::string data = std::string(EINSPAN_TEST_DATA_DIR) + "/kmeans/";
  // expect_bad_input asks for --plot too.
  expect_bad_input(fmt::format("--input {}sparse_data.npz --k 3", data), "--plot needs dense rows");
  expect_bad_input(fmt::format("--input {0}sparse_data.npz {0}lloyd_data.npy --k 3", data),
                   "a sparse data file (.npz, .svm, .svmlight, .libsvm) must be the only --input");
  write("bad.svm", "1 2:0.5 1:0.25\n");
  const Outcome r = run("--input bad.svm --k 1 --labels-out l.npy");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("bad.svm: line 1: feature index 1 follows 2"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(path("l.npy")));
}

TEST_F(KMeansCli, workshop_data_set_without_input) {
  const Outcome r = run("--max-iter 2 --tol 0 --json");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["n"], 5000);
  EXPECT_EQ(j["d"], 26);
  EXPECT_EQ(j["k"], 26);
  EXPECT_EQ(j["iterations"], 2);
}

TEST_F(KMeansCli, help_documents_every_flag) {
  const Outcome r = run("--help");
  EXPECT_EQ(r.status, 0);
  for (const char* flag : {"--input", "--k", "--max-iter", "--tol", "--init", "--n-init", "--seed", "--threads", "--dtype",
                           "--labels-out", "--centroids-out", "--plot", "--json", "--sample-weight"})
    EXPECT_NE(r.out.find(flag), std::string::npos) << flag;
}

TEST_F(KMeansCli, missing_file) { expect_bad_input("--input nowhere.csv --k 2", "nowhere.csv"); }

TEST_F(KMeansCli, unreadable_file) {
  fs::create_directory(path("adir"));
  expect_bad_input("--input adir --k 2", "adir");
  write("secret.csv", two_groups);
  fs::permissions(path("secret.csv"), fs::perms::none);
  if (::geteuid() != 0) expect_bad_input("--input secret.csv --k 2", "secret.csv");  // root reads anything
}

TEST_F(KMeansCli, ragged_csv) {
  write("ragged.csv", "1,2,3\n4,5,6\n7,8\n");
  expect_bad_input("--input ragged.csv --k 2", "line 3 has 2 columns, expected 3");
}

TEST_F(KMeansCli, non_numeric_cell_names_line_and_column) {
  write("bad.csv", "a,b\n1,2\n3,oops\n");
  expect_bad_input("--input bad.csv --k 1", "line 3, column 2: 'oops' is not a number");
}

// Found by fuzz/kmeans_csv: numbers are what Python's float() reads. "+-5" is not one (it was
// read as -5); 1e-400 is one, 0 (from_chars' out-of-range report made it "not a number"); 1e400
// is one, infinity, and so not finite.
TEST_F(KMeansCli, csv_numbers_as_python_reads_them) {
  write("signs.csv", "x,y\n1,2\n+-5,3\n");
  expect_bad_input("--input signs.csv --k 1", "line 3, column 1: '+-5' is not a number");
  write("tiny.csv", "1e-400,+2\n2,-1e-400\n");  // first line: data, not a header
  const Outcome r = run("--input tiny.csv --k 1 --centroids-out c.npy --json");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto c = load_npy_as<double>(path("c.npy"));
  ASSERT_EQ(c.shape(), Dims({1, 2}));
  EXPECT_EQ(c(0, 0), 1.0);  // (0 + 2) / 2
  EXPECT_EQ(c(0, 1), 1.0);  // (2 + -0) / 2
  write("huge.csv", "1,2\n3,1e400\n");
  expect_bad_input("--input huge.csv --k 1", "line 2, column 2: '1e400' is not a finite number");
}

TEST_F(KMeansCli, binary_and_huge_cells_are_quoted_short_and_printable) {
  write("data.bin", std::string("1,2\n3,\x01\xfe\n", 9));
  expect_bad_input("--input data.bin --k 1", "line 2, column 2: '\\x01\\xfe' is not a number");
  // One line of 100 MB: a prompt error whose message quotes 40 characters of it.
  write("huge.csv", "1,2\n" + std::string(100'000'000, 'x') + ",1\n");
  const Outcome r = run("--input huge.csv --k 1");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("line 2, column 1: '" + std::string(40, 'x') + "... (100000000 characters)' is not a number"),
            std::string::npos)
      << r.err.substr(0, 300);
  EXPECT_LT(r.err.size(), 300u);
}

TEST_F(KMeansCli, nan_in_csv_and_npy) {
  write("nan.csv", "1,2\n3,nan\n5,6\n");
  expect_bad_input("--input nan.csv --k 1", "line 2, column 2");
  save_npy(path("nan.npy"), from_vector<double>({1, 2, std::numeric_limits<double>::quiet_NaN(), 4}, {2, 2}));
  expect_bad_input("--input nan.npy --k 1", "NaN");
}

TEST_F(KMeansCli, k_larger_than_n) {
  write("data.csv", two_groups);
  expect_bad_input("--input data.csv --k 8", "k=8 is larger than the number of samples n=7");
}

TEST_F(KMeansCli, bad_arguments) {
  write("data.csv", two_groups);
  expect_bad_input("--input data.csv --k 0", "--k: must be >= 1, got 0");
  expect_bad_input("--input data.csv --k 2 --max-iter -3", "--max-iter: must be >= 1, got -3");
  expect_bad_input("--input data.csv --k 2 --tol -0.5", "--tol: must be >= 0, got -0.5");
  expect_bad_input("--input data.csv --k 2 --threads x", "--threads");
  expect_bad_input("--input data.csv --k 2 --dtype f16", "--dtype");
  expect_bad_input("--input data.csv --k 2 --init kmeans", "kmeans");
  expect_bad_input("--input data.csv --k 2 --frobnicate", "frobnicate");
  save_npy(path("init.npy"), zeros<double>({2, 3}));
  expect_bad_input("--input data.csv --k 2 --init init.npy", "initial centroids have shape (2, 3), expected (2, 2)");
  write("notnpy.npy", "\x93NUMPY garbage");
  expect_bad_input("--input notnpy.npy --k 2", "notnpy.npy");
  // No magic string: not read as CSV, whose message would quote the file's bytes.
  write("binary.npy", std::string("PK\x03\x04\x01\xff\n\x00", 8));
  expect_bad_input("--input binary.npy --k 2", "binary.npy: not a .npy file (it does not start with \"\\x93NUMPY\")");
}

TEST_F(KMeansCli, failed_run_leaves_existing_outputs_untouched) {
  write("data.csv", "1,2\n3,x\n");
  write("labels.npy", "old labels");
  const Outcome r = run("--input data.csv --k 1 --labels-out labels.npy");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(slurp(path("labels.npy")), "old labels");
}

TEST_F(KMeansCli, output_into_missing_directory_is_refused_before_fitting) {
  write("data.csv", two_groups);
  const Outcome r = run("--input data.csv --k 2 --labels-out no/such/dir/labels.npy --centroids-out c.npy");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("no/such/dir"), std::string::npos);
  EXPECT_FALSE(fs::exists(path("c.npy")));
}
