// Printing against golden output produced by SciPy itself (tests/data/sparse/make_print_golden.py).
#include <einspan/sparse.hpp>
#include <einspan/tensor.hpp>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

using namespace einspan;
using namespace einspan::sparse;

namespace {

// One case of print_golden.txt: the CSC arrays SciPy printed and what it printed.
struct GoldenCase {
  std::string name;
  std::string dtype;
  Shape2 shape{};
  std::vector<index_t> indptr;
  std::vector<index_t> indices;
  std::vector<double> data;  // exact: written with float.hex()
  std::string expected;
};

template <class V>
std::vector<V> parse_list(const std::string& line, const std::string& key, V (*parse)(const std::string&)) {
  std::istringstream in(line);
  std::string word;
  in >> word;
  EXPECT_EQ(word, key);
  std::vector<V> out;
  while (in >> word) out.push_back(parse(word));
  return out;
}

std::vector<GoldenCase> load_golden() {
  const std::string path = std::string(EINSPAN_TEST_DATA_DIR) + "/sparse/print_golden.txt";
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::vector<GoldenCase> cases;
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("case ", 0) != 0) continue;
    GoldenCase c;
    std::istringstream head(line.substr(5));
    head >> c.name >> c.dtype >> c.shape[0] >> c.shape[1];
    const auto to_index = [](const std::string& s) -> index_t { return std::stoll(s); };
    const auto to_double = [](const std::string& s) -> double { return std::strtod(s.c_str(), nullptr); };
    std::getline(in, line);
    c.indptr = parse_list<index_t>(line, "indptr", +to_index);
    std::getline(in, line);
    c.indices = parse_list<index_t>(line, "indices", +to_index);
    std::getline(in, line);
    c.data = parse_list<double>(line, "data", +to_double);
    std::getline(in, line);
    const int lines = std::stoi(line.substr(std::string("expected ").size()));
    for (int i = 0; i < lines; ++i) {
      std::getline(in, line);
      if (i > 0) c.expected += '\n';
      c.expected += line;
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

template <class T>
std::string print(const GoldenCase& c) {
  const CscMatrix<T> a(c.shape, std::vector<T>(c.data.begin(), c.data.end()), c.indices, c.indptr);
  return fmt::format("{}", a);
}

}  // namespace

TEST(sparse_format, matches_scipy_golden_output) {
  const auto cases = load_golden();
  ASSERT_GE(cases.size(), 8u);
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(c.dtype == "float32" ? print<float>(c) : print<double>(c), c.expected);
  }
}

TEST(sparse_format, header_and_entries_separately) {
  const auto a = CscMatrix<double>::identity(2) * 2.0;
  EXPECT_EQ(format_header(a),
            "<2x2 sparse matrix of type '<class 'numpy.float64'>'\n\twith 2 stored elements in Compressed Sparse "
            "Column format>");
  EXPECT_EQ(format_entries(a), "  (0, 0)\t2.0\n  (1, 1)\t2.0");
  EXPECT_EQ(format_entries(CscMatrix<float>({2, 2})), "");
}
