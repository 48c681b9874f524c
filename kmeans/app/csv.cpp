#include "csv.hpp"

#include <charconv>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <einspan/tensor/create.hpp>
#include <einspan/tensor/error.hpp>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace einspan::kmeans_app {
namespace {

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

// Calls cell(text) for each cell of the line, in order, without collecting them: a 100 MB line
// of numbers costs its values, not a view per cell as well.
template <class Fn>
void for_each_cell(std::string_view line, Fn&& cell) {
  if (line.find(',') != std::string_view::npos) {
    std::size_t start = 0;
    while (true) {
      const std::size_t comma = line.find(',', start);
      cell(trim(line.substr(start, comma - start)));
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
  } else {
    std::size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
      const std::size_t start = i;
      while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
      if (i > start) cell(line.substr(start, i - start));
    }
  }
}

// A number as Python's float() reads one (without underscores): from_chars' grammar plus an
// optional '+', which must not be followed by another sign ("+-5" is not a number).
bool parse_number(std::string_view cell, double& value) {
  if (cell.size() > 1 && cell.front() == '+' && cell[1] != '-') cell.remove_prefix(1);
  const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
  if (cell.empty() || end != cell.data() + cell.size()) return false;
  // Beyond double's range from_chars stores nothing; float() rounds to 0 (1e-400) or infinity
  // (1e400, then refused as not finite), and so does strtod (the program keeps the "C" locale).
  if (ec == std::errc::result_out_of_range) value = std::strtod(std::string(cell).c_str(), nullptr);
  return ec == std::errc() || ec == std::errc::result_out_of_range;
}

}  // namespace

Tensor<double> read_csv(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw IOError(fmt::format("cannot read {}: it is a directory", path.string()));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IOError(fmt::format("cannot open {}: {}", path.string(), std::strerror(errno)));
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) throw IOError(fmt::format("cannot read {}", path.string()));

  std::vector<double> values;
  index_t columns = -1, first_data_line = 0, line_number = 0, rows = 0;
  bool seen_line = false;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    const std::string_view line = trim(std::string_view(text).substr(pos, end - pos));
    pos = end + 1;
    ++line_number;
    if (line.empty() || line.front() == '#') continue;
    if (!seen_line) {
      seen_line = true;
      double ignored;
      bool any_number = false;
      for_each_cell(line, [&](std::string_view cell) { any_number = any_number || parse_number(cell, ignored); });
      if (!any_number) continue;  // a header
    }
    index_t column = 0;
    for_each_cell(line, [&](std::string_view cell) {
      ++column;
      double v;
      if (!parse_number(cell, v))
        throw IOError(fmt::format("{}: line {}, column {}: '{}' is not a number", path.string(), line_number, column,
                                  detail::printable_excerpt(cell, 40)));
      if (!std::isfinite(v))
        throw IOError(fmt::format("{}: line {}, column {}: '{}' is not a finite number", path.string(), line_number,
                                  column, detail::printable_excerpt(cell, 40)));
      values.push_back(v);
    });
    if (columns < 0) {
      columns = column;
      first_data_line = line_number;
    } else if (column != columns) {
      throw IOError(fmt::format("{}: line {} has {} columns, expected {} as on line {}", path.string(), line_number,
                                column, columns, first_data_line));
    }
    ++rows;
  }
  if (rows == 0) throw IOError(fmt::format("{}: no data rows", path.string()));
  return from_vector(values, {rows, columns});
}

}  // namespace einspan::kmeans_app
