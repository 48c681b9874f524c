// The kmeans program's sparse readers (kmeans/app/sparse_input.hpp). The oracles are SciPy and
// scikit-learn: each file in tests/data/sparse_input must read to the dense matrix that
// scipy.sparse.load_npz or sklearn.datasets.load_svmlight_file gives for it (make_fixtures.py),
// exactly and in canonical CSR form; each bad file must be refused with einspan's error, naming the
// file (and the line, for text).
#include "../../kmeans/app/sparse_input.hpp"

#include <einspan/tensor/npy.hpp>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <iterator>
#include <string>
#include <unistd.h>
#include <vector>

#include "support/expect_error.hpp"

using namespace einspan;
using einspan::kmeans_app::is_sparse_input;
using einspan::kmeans_app::read_sparse_input;
using einspan_test::expect_error;
namespace fs = std::filesystem;

namespace {

const fs::path fixtures = fs::path(EINSPAN_TEST_DATA_DIR) / "sparse_input";

template <class T>
std::vector<T> elements(const Tensor<T>& t) {
  const Tensor<T> c = t.contiguous();
  return std::vector<T>(c.data(), c.data() + c.size());
}

// The fixture `file` reads, as T, to <its stem>.expected.npy converted to T, in canonical form.
template <class T>
void expect_fixture(const std::string& file) {
  SCOPED_TRACE(file);
  const std::string name = fs::path(file).stem().string();
  const sparse::CsrMatrix<T> m = read_sparse_input<T>(fixtures / file);
  const Tensor<T> expected = load_npy<double>(fixtures / (name + ".expected.npy")).template astype<T>();
  EXPECT_TRUE(m.has_canonical_format());
  const Tensor<T> dense = m.to_dense();
  ASSERT_EQ(dense.shape(), expected.shape());
  EXPECT_EQ(elements(dense), elements(expected));
}

// The fixture bad_<name>.npz is refused with E, as float and as double, naming the file and `fragment`.
template <class E>
void expect_bad_fixture(const std::string& name, const std::string& fragment) {
  const fs::path path = fixtures / fmt::format("bad_{}.npz", name);
  SCOPED_TRACE(path.string());
  expect_error<E>([&] { read_sparse_input<double>(path); }, path.string() + ": ");
  expect_error<E>([&] { read_sparse_input<float>(path); }, fragment);
}

// Files written for one test into a temporary directory of its own (mostly bad ones).
class SparseInputWritten : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / fmt::format("einspan_sparse_input_{}_{}", ::getpid(),
                                                   ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path write(const std::string& name, const std::string& content) const {
    std::ofstream(dir_ / name, std::ios::binary) << content;
    return dir_ / name;
  }

  // read_sparse_input<double>(path) throws E, naming the file and `fragment`.
  template <class E>
  static void expect_refused(const fs::path& path, const std::string& fragment) {
    SCOPED_TRACE(path.string());
    expect_error<E>([&] { read_sparse_input<double>(path); }, path.string() + ": ");
    expect_error<E>([&] { read_sparse_input<double>(path); }, fragment);
  }

  // An svmlight file of `text` refused with E on `line`, with `fragment` in the message.
  template <class E>
  void expect_text_refused(const std::string& text, int line, const std::string& fragment) const {
    expect_refused<E>(write("bad.svm", text), fmt::format("line {}: ", line));
    expect_refused<E>(dir_ / "bad.svm", fragment);
  }

  fs::path dir_;
};

}  // namespace

TEST(SparseInput, extensions_name_the_sparse_formats) {
  for (const char* name : {"a.npz", "dir/b.svm", "c.svmlight", "d.libsvm"}) EXPECT_TRUE(is_sparse_input(name)) << name;
  for (const char* name : {"a.npy", "b.csv", "npz", "c.npz.txt", "d"}) EXPECT_FALSE(is_sparse_input(name)) << name;
}

TEST(SparseInput, save_npz_files_read_as_scipy_reads_them) {
  for (const char* format : {"csr", "csc"})
    for (const char* variant : {"f64_i32_compressed", "f32_i64_stored", "f32_i32_compressed", "f64_i64_stored"}) {
      expect_fixture<double>(fmt::format("{}_{}.npz", format, variant));
      expect_fixture<float>(fmt::format("{}_{}.npz", format, variant));
    }
  expect_fixture<double>("csr_unicode_format.npz");
  expect_fixture<float>("csr_unicode_format.npz");
}

TEST(SparseInput, unsorted_and_duplicate_indices_are_summed_into_canonical_form) {
  for (const char* file : {"csr_unsorted_duplicates.npz", "csc_unsorted_duplicates.npz"}) {
    expect_fixture<double>(file);
    expect_fixture<float>(file);
  }
  // Row 0 stored 3, 0, 3, 1 and row 2 stored 2, 2: each index once, sorted.
  const auto m = read_sparse_input<double>(fixtures / "csr_unsorted_duplicates.npz");
  EXPECT_EQ(std::vector<index_t>(m.indptr().begin(), m.indptr().end()), (std::vector<index_t>{0, 3, 3, 4}));
  EXPECT_EQ(std::vector<index_t>(m.indices().begin(), m.indices().end()), (std::vector<index_t>{0, 1, 3, 2}));
}

TEST(SparseInput, svmlight_files_read_as_scikit_learn_reads_them) {
  for (const char* file : {"svm_zero_based.svm", "svm_one_based.svm", "svm_hand_written.svm", "svm_no_features.svm"}) {
    expect_fixture<double>(file);
    expect_fixture<float>(file);
  }
  // The same rows, whichever base the file counts from.
  const auto zero = read_sparse_input<double>(fixtures / "svm_zero_based.svm");
  const auto one = read_sparse_input<double>(fixtures / "svm_one_based.svm");
  EXPECT_EQ(elements(zero.to_dense()), elements(one.to_dense()));
}

TEST_F(SparseInputWritten, svmlight_extensions_are_read_alike) {
  const std::string text = "1 1:2 3:4\n0\n";
  for (const char* name : {"a.svm", "a.svmlight", "a.libsvm"}) {
    const auto m = read_sparse_input<double>(write(name, text));
    EXPECT_EQ(m.shape(), (sparse::Shape2{2, 3})) << name;
  }
}

TEST_F(SparseInputWritten, bad_archives_are_refused_naming_the_file) {
  expect_refused<IOError>(write("text.npz", "label 1:2\n"), "zip");
  expect_refused<IOError>(write("empty.npz", ""), "empty");
  std::ifstream in(fixtures / "csr_f64_i32_compressed.npz", std::ios::binary);
  const std::string good{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  for (const std::size_t size : {good.size() / 2, good.size() - 1, std::size_t{30}})
    expect_refused<IOError>(write("truncated.npz", good.substr(0, size)), "zip");
  expect_refused<IOError>(dir_ / "missing.npz", "No such file");
  fs::create_directory(dir_ / "directory.npz");
  expect_refused<IOError>(dir_ / "directory.npz", "is a directory");
  expect_refused<ValueError>(write("data.csv", "1,2\n"), "not a sparse data file");
}

TEST(SparseInput, bad_npz_contents_are_refused_naming_the_file) {
  expect_bad_fixture<ValueError>("coo", "format 'coo'; only CSR and CSC matrices are read");
  expect_bad_fixture<IndexError>("index_out_of_range", "out of range");
  expect_bad_fixture<ValueError>("indptr_decreasing", "non-decreasing");
  expect_bad_fixture<ValueError>("indptr_length", "indptr has length 2");
  expect_bad_fixture<ShapeError>("shape_of_three", "expected (2,)");
  expect_bad_fixture<TypeError>("complex_data", "'<c16'");
  expect_bad_fixture<TypeError>("float_indices", "indices must be integers");
  expect_bad_fixture<IOError>("no_indptr", "no member 'indptr.npy'");
}

TEST_F(SparseInputWritten, bad_svmlight_lines_are_refused_naming_the_file_and_line) {
  expect_text_refused<ValueError>("1 1:1 3:2 2:5\n", 1, "feature index 2 follows 3");
  expect_text_refused<ValueError>("# header\n1 1:1\n0 2:1 2:4\n", 3, "sorted and unique");
  expect_text_refused<IOError>("1 1:1\n\n1 2 3:1\n", 3, "'2' is not a feature index:value (no ':')");
  expect_text_refused<IOError>("1 1:abc\n", 1, "the value 'abc' of feature 1 is not a number");
  expect_text_refused<IOError>("1 1:\n", 1, "the value '' of feature 1");
  expect_text_refused<IOError>("1 x:1\n", 1, "the feature index 'x' is not a 64-bit integer");
  expect_text_refused<ValueError>("1 0:1\n1 -1:2\n", 2, "negative feature index -1");
  expect_text_refused<IOError>("one 1:2\n", 1, "the label 'one' is not a number");
  expect_text_refused<IOError>("1 qid 1:2\n", 1, "'qid' is not a query id qid:N");
  expect_text_refused<IOError>("1 1:2 qid:3\n", 1, "the feature index 'qid'");
  expect_refused<IOError>(write("empty.svm", ""), "no data lines");
  expect_refused<IOError>(write("comments.svm", "# only\n\n  # comments\n"), "no data lines");
}
