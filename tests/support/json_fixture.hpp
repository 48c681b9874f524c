#pragma once
// Reading the fixtures that NumPy writes through tests/data/<area>/make_<area>.py: the JSON file,
// its shapes as Dims, and its numbers (NaN and the infinities are written as the strings "nan",
// "inf" and "-inf", which JSON has no literal for; bools as true/false).
#include <einspan/tensor/dims.hpp>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace einspan_test {

// tests/data/<relative>, parsed; throws std::runtime_error naming the file when it cannot be opened.
inline nlohmann::json read_json_fixture(const std::string& relative) {
  const std::string path = std::string(EINSPAN_TEST_DATA_DIR) + "/" + relative;
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open the fixture " + path);
  return nlohmann::json::parse(in);
}

inline einspan::Dims dims_of(const nlohmann::json& shape) {
  einspan::Dims d;
  for (const auto& n : shape) d.push_back(n.get<einspan::index_t>());
  return d;
}

inline double fixture_number(const nlohmann::json& v) {
  if (v.is_string()) {
    const auto s = v.get<std::string>();
    if (s == "nan") return std::numeric_limits<double>::quiet_NaN();
    if (s == "inf") return std::numeric_limits<double>::infinity();
    if (s == "-inf") return -std::numeric_limits<double>::infinity();
    throw std::runtime_error("not a number in the fixture: " + s);
  }
  if (v.is_boolean()) return v.get<bool>() ? 1.0 : 0.0;
  return v.get<double>();
}

}  // namespace einspan_test
