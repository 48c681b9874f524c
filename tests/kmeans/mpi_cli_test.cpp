// The kmeans program under mpirun (einspan::kmeans_mpi): P = 1, 2 and 3 processes on this machine
// write the same bytes as one process without mpirun, and bad input on one process stops every
// process with one line, never a hang (each run is under `timeout`).
#include "program_fixture.hpp"

#include <cstring>
#include <fstream>
#include <einspan/tensor/create.hpp>
#include <einspan/tensor/indexing.hpp>
#include <einspan/tensor/npy.hpp>
#include <einspan/tensor/random.hpp>
#include <limits>
#include <nlohmann/json.hpp>

using namespace einspan;

namespace {

using einspan_test::Outcome;
using einspan_test::slurp;

class KMeansMpi : public einspan_test::ProgramTest {
 protected:
  void SetUp() override {
#ifndef EINSPAN_MPIEXEC
    GTEST_SKIP() << "built without MPI (EINSPAN_MPI=OFF or no MPI found)";
#endif
    ProgramTest::SetUp();
  }

  // Open MPI refuses root without the two variables; -q keeps its own banner off stderr. Leak
  // checking is off for the launched processes: Open MPI keeps allocations past MPI_Finalize.
  std::string launcher() const override {
#ifdef EINSPAN_MPIEXEC
    if (processes_ > 0)
      return fmt::format("OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 ASAN_OPTIONS=detect_leaks=0 "
                         "timeout 300 '{}' -q --oversubscribe -np {}",
                         EINSPAN_MPIEXEC, processes_);
#endif
    return "";
  }

  Outcome run_on(int processes, const std::string& args) {
    processes_ = processes;
    Outcome r = run(args);
    processes_ = 0;
    return r;
  }

  int processes_ = 0;  // 0: without mpirun
};

struct Written {
  std::string labels, centroids;
  nlohmann::json summary;
};

}  // namespace

TEST_F(KMeansMpi, every_process_count_writes_the_bytes_of_one_process) {
  save_npy(path("data.npy"), Generator(8).random({6000, 32}));  // 6 blocks of 1024 rows: 6 chains
  // 8 distinct points, each repeated: random init picks some of them twice, so clusters empty and
  // are re-seeded from far points that tie across every chain.
  Tensor<double> repeated = empty<double>({6000, 32});
  const Tensor<double> points = Generator(9).random({8, 32});
  for (index_t i = 0; i < 6000; ++i) repeated[i].assign(points[i % 8]);
  save_npy(path("repeated.npy"), repeated);
  for (const std::string options : {"--input data.npy --k 12 --tol 1e-6 --n-init 2",
                                    "--input data.npy --k 12 --dtype f32 --init random --n-init 2 --seed 3",
                                    "--input repeated.npy --k 12 --init random --seed 1 --max-iter 20"}) {
    SCOPED_TRACE(options);
    const auto fit = [&](int processes) {
      const Outcome r = run_on(processes, options + " --labels-out l.npy --centroids-out c.npy --json");
      EXPECT_EQ(r.status, 0) << r.err;
      return Written{slurp(path("l.npy")), slurp(path("c.npy")), nlohmann::json::parse(r.out.empty() ? "{}" : r.out)};
    };
    const Written alone = fit(0);
    ASSERT_EQ(alone.summary["ranks"], 1);
    if (options.find("repeated") != std::string::npos) {
      EXPECT_GT(alone.summary["reseeded_clusters"].get<int>(), 0);
    }
    for (const int processes : {1, 2, 3}) {
      SCOPED_TRACE(testing::Message() << processes << " processes");
      const Written got = fit(processes);
      EXPECT_EQ(got.summary["ranks"], processes);
      EXPECT_EQ(got.labels, alone.labels);
      EXPECT_EQ(got.centroids, alone.centroids);
      const double a = alone.summary["inertia"].get<double>(), b = got.summary["inertia"].get<double>();
      EXPECT_EQ(std::memcmp(&a, &b, sizeof(double)), 0);
      EXPECT_EQ(got.summary["inertia_history"], alone.summary["inertia_history"]);
      EXPECT_EQ(got.summary["iterations"], alone.summary["iterations"]);
      EXPECT_EQ(got.summary["cluster_sizes"], alone.summary["cluster_sizes"]);
    }
  }
}

// Shards of unequal sizes, one float32 (converted) and the rest float64 (mapped): every process
// reads its rows from whichever files hold them, and the bytes are those of one process on the
// one file. int32 labels are gathered as int32.
TEST_F(KMeansMpi, shards_on_every_process_count_write_the_bytes_of_one_file) {
  const Tensor<double> x = Generator(8).random({6000, 32}).astype<float>().astype<double>();
  save_npy(path("all.npy"), x);
  save_npy(path("s0.npy"), x[{slice(0, 1500)}]);
  save_npy(path("s1.npy"), x[{slice(1500, 1600)}].astype<float>());
  save_npy(path("s2.npy"), x[{slice(1600, 6000)}]);
  const std::string outputs = " --k 12 --labels-out l.npy --centroids-out c.npy --json";
  ASSERT_EQ(run_on(0, "--input all.npy" + outputs).status, 0);
  const std::string labels = slurp(path("l.npy")), centroids = slurp(path("c.npy"));
  const Tensor<std::int64_t> wide = load_npy_as<std::int64_t>(path("l.npy"));
  for (const int processes : {1, 2, 3}) {
    SCOPED_TRACE(testing::Message() << processes << " processes");
    const Outcome r = run_on(processes, "--input s0.npy s1.npy s2.npy" + outputs);
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(slurp(path("l.npy")), labels);
    EXPECT_EQ(slurp(path("c.npy")), centroids);
    ASSERT_EQ(run_on(processes, "--input s0.npy s1.npy s2.npy --labels-dtype int32" + outputs).status, 0);
    const AnyTensor narrow = load_npy(path("l.npy"));
    ASSERT_EQ(narrow.dtype(), DType::int32);
    EXPECT_TRUE(array_equal(narrow.get<std::int32_t>().astype<std::int64_t>(), wide));
  }
}

// Each process reads its own rows' weights: the bytes of the weighted fit in one process.
TEST_F(KMeansMpi, sample_weight_on_every_process_count_writes_the_bytes_of_one_process) {
  save_npy(path("data.npy"), Generator(8).random({6000, 32}));
  Tensor<double> w = Generator(9).uniform(0.0, 2.0, {6000});
  for (index_t i = 0; i < 6000; i += 7) w(i) = 0;
  save_npy(path("w.npy"), w.astype<float>());
  const std::string options = "--input data.npy --sample-weight w.npy --k 12 --labels-out l.npy --centroids-out c.npy";
  for (const std::string init : {"k-means++", "random"}) {
    SCOPED_TRACE(init);
    ASSERT_EQ(run_on(0, options + " --init " + init).status, 0);
    const std::string labels = slurp(path("l.npy")), centroids = slurp(path("c.npy"));
    for (const int processes : {2, 3}) {
      SCOPED_TRACE(testing::Message() << processes << " processes");
      const Outcome r = run_on(processes, options + " --init " + init);
      ASSERT_EQ(r.status, 0) << r.err;
      EXPECT_EQ(slurp(path("l.npy")), labels);
      EXPECT_EQ(slurp(path("c.npy")), centroids);
    }
  }
  // A negative weight in the last process's rows stops every process, with one line.
  w(5999) = -1;
  save_npy(path("bad.npy"), w);
  processes_ = 3;
  expect_bad_input("--input data.npy --sample-weight bad.npy --k 12", "bad.npy: sample weights must be finite and >= 0, got -1 for row 5999");
  processes_ = 0;
}

// The bad-input checks run on every process; expect_bad_input asks for one line on stderr, status
// 2 and no output file.
TEST_F(KMeansMpi, nan_in_the_last_process_rows_stops_every_process) {
  Tensor<double> x = Generator(8).random({6000, 32});
  x(5900, 3) = std::numeric_limits<double>::quiet_NaN();  // 6 chains of 1024 rows: rank 2 has the last two
  save_npy(path("nan.npy"), x);
  processes_ = 3;
  expect_bad_input("--input nan.npy --k 4", "nan.npy: rank 2: kmeans: data contains NaN or infinity in rows [4096, 6000)");
}

TEST_F(KMeansMpi, bad_input_on_every_process_is_one_line) {
  save_npy(path("data.npy"), Generator(8).random({6000, 32}));
  std::ofstream(path("data.csv")) << "1,2\n3,4\n";
  processes_ = 3;
  expect_bad_input("--input data.npy --k 6001", "k=6001 is larger than the number of samples n=6000");
  expect_bad_input("--input nowhere.npy --k 2", "cannot open nowhere.npy: no such file");
  expect_bad_input("--input data.csv --k 2", "with 3 processes the input must be .npy files");
}

TEST_F(KMeansMpi, more_processes_than_chains_is_refused) {
  save_npy(path("small.npy"), Generator(8).random({2500, 32}));  // 3 blocks of 1024 rows
  processes_ = 4;
  expect_bad_input("--input small.npy --k 2", "run at most 3 processes");
}
