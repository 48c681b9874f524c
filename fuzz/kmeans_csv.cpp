// Fuzz target: the kmeans program's CSV reader (kmeans/app/csv.cpp, compiled into this target)
// on arbitrary bytes, written to a file of this process's own.
//
// Properties: read_csv accepts exactly the files an independent reader written here accepts,
// with the same shape and bit-identical values; what it rejects it rejects with IOError naming
// the file and the line (and the column for a bad cell) where the reference finds the problem.
//
// The reference follows csv.hpp's contract: lines split on '\n' and trimmed of spaces, tabs and
// '\r'; blank lines and lines starting with '#' skipped; cells split on commas when the line has
// one (each trimmed), else on runs of spaces, tabs and '\r'; the first line a header when none of
// its cells is a number; every cell a finite number, and then every row as wide as the first. A number is
// what Python's float() reads, without underscores: an optional sign, then decimal digits with an
// optional point and exponent, or inf, infinity, nan (any case, nan also as nan(chars), as C's
// strtod reads it); its value is strtod's (correctly rounded; 1e-400 underflows to 0, 1e400
// overflows to inf, which is not finite).
#include "fuzz_support.hpp"
#include "csv.hpp"

#include <cmath>
#include <cstring>
#include <optional>
#include <vector>

using namespace einspan;
using namespace einspan::fuzz;

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool equal_ignoring_case(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if ((a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] - 'A' + 'a') : a[i]) != lower[i]) return false;
  return true;
}

std::optional<double> reference_number(std::string_view s) {
  std::string_view body = s;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) body.remove_prefix(1);
  bool ok = false;
  if (equal_ignoring_case(body, "inf") || equal_ignoring_case(body, "infinity") || equal_ignoring_case(body, "nan")) {
    ok = true;
  } else if (body.size() >= 5 && equal_ignoring_case(body.substr(0, 4), "nan(") && body.back() == ')') {
    ok = true;
    for (const char c : body.substr(4, body.size() - 5))
      ok = ok && (is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_');
  } else {
    std::size_t i = 0, digits = 0;
    while (i < body.size() && is_digit(body[i])) ++i, ++digits;
    if (i < body.size() && body[i] == '.') {
      ++i;
      while (i < body.size() && is_digit(body[i])) ++i, ++digits;
    }
    ok = digits > 0;
    if (ok && i < body.size() && (body[i] == 'e' || body[i] == 'E')) {
      ++i;
      if (i < body.size() && (body[i] == '+' || body[i] == '-')) ++i;
      const std::size_t start = i;
      while (i < body.size() && is_digit(body[i])) ++i;
      ok = i > start;
    }
    ok = ok && i == body.size();
  }
  if (!ok) return std::nullopt;
  return std::strtod(std::string(s).c_str(), nullptr);  // the grammar is checked, so strtod reads all of it
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> cells_of(std::string_view line) {
  std::vector<std::string_view> cells;
  if (line.find(',') != std::string_view::npos) {
    for (std::size_t start = 0;;) {
      const std::size_t comma = line.find(',', start);
      cells.push_back(trim(line.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start)));
      if (comma == std::string_view::npos) return cells;
      start = comma + 1;
    }
  }
  std::string_view cell;
  for (std::size_t i = 0; i <= line.size(); ++i) {
    const bool separator = i == line.size() || line[i] == ' ' || line[i] == '\t' || line[i] == '\r';
    if (!separator) {
      cell = cell.empty() ? line.substr(i, 1) : std::string_view(cell.data(), cell.size() + 1);
    } else if (!cell.empty()) {
      cells.push_back(cell);
      cell = {};
    }
  }
  return cells;
}

struct Expected {
  bool ok = true;
  std::size_t line = 0;    // where it fails (0: no data rows)
  std::size_t column = 0;  // the bad cell's column, 1-based (0: a ragged row)
  std::size_t rows = 0, columns = 0;
  std::vector<double> values;
};

Expected rejected(std::size_t line, std::size_t column) {
  Expected e;
  e.ok = false;
  e.line = line;
  e.column = column;
  return e;
}

Expected reference_read(std::string_view text) {
  Expected e;
  bool first = true;
  std::size_t line_number = 0;
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = trim(text.substr(start, end - start));
    start = end + 1;
    ++line_number;
    if (line.empty() || line[0] == '#') continue;
    const std::vector<std::string_view> cells = cells_of(line);
    if (first) {
      first = false;
      bool header = true;
      for (const auto c : cells) header = header && !reference_number(c);
      if (header) continue;
    }
    // Each cell is checked before the row's width (the reader streams the cells).
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const std::optional<double> v = reference_number(cells[c]);
      if (!v || !std::isfinite(*v)) return rejected(line_number, c + 1);
      e.values.push_back(*v);
    }
    if (e.rows == 0) e.columns = cells.size();
    if (cells.size() != e.columns) return rejected(line_number, 0);
    ++e.rows;
  }
  if (e.rows == 0) return rejected(0, 0);
  return e;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::filesystem::path path = write_scratch_file("input.csv", data, size);
  const Expected want = reference_read(std::string_view(reinterpret_cast<const char*>(data), size));

  Tensor<double> got;
  std::string error;
  const std::type_info* type = nullptr;
  const bool ok = accepts([&] { got = kmeans_app::read_csv(path); }, &error, &type);
  EINSPAN_FUZZ_CHECK(ok == want.ok, ok ? "read_csv accepts a file the reference rejects at line " +
                                             std::to_string(want.line) + ", column " + std::to_string(want.column)
                                       : "read_csv rejects a file the reference accepts: " + error);
  if (!ok) {
    EINSPAN_FUZZ_CHECK(*type == typeid(IOError), error);
    EINSPAN_FUZZ_CHECK(error.starts_with(path.string() + ": "), "the message does not start with the file: " + error);
    if (want.line == 0) {
      EINSPAN_FUZZ_CHECK(error == path.string() + ": no data rows", error);
    } else {
      const std::string where = fmt::format("{}: line {}{}", path.string(), want.line,
                                            want.column ? fmt::format(", column {}:", want.column) : " has");
      EINSPAN_FUZZ_CHECK(error.starts_with(where), "expected \"" + where + "...\", got " + error);
    }
    return 0;
  }
  EINSPAN_FUZZ_CHECK(got.shape() == (Dims{static_cast<index_t>(want.rows), static_cast<index_t>(want.columns)}),
                     "shape " + format_shape(got.shape()));
  EINSPAN_FUZZ_CHECK(got.is_contiguous(), "not C-contiguous");
  EINSPAN_FUZZ_CHECK(std::memcmp(got.data(), want.values.data(), want.values.size() * sizeof(double)) == 0,
                     "values differ from the reference's");
  return 0;
}
