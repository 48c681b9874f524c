#pragma once
// What the .npy fuzz targets check einspan against, written from NumPy's numpy/lib/format.py and
// sharing no code with tensor/src/npy*.cpp: the descr table, the header np.save writes, and the
// element decoding (byte order, Fortran order, float16, bool).
#include <einspan/tensor/any_tensor.hpp>

#include <cmath>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace einspan::fuzz {

struct ReferenceDescr {
  char kind;
  std::size_t size;
  bool swap;    // stored in the other byte order than this (little-endian) machine's
  DType dtype;  // what it loads as (float16 as float32)
};

// descr = [<>|=]? kind digits; kind and size one of the dtypes einspan loads.
inline std::optional<ReferenceDescr> reference_descr(std::string_view s) {
  char order = '=';
  if (!s.empty() && std::string_view("<>|=").find(s[0]) != std::string_view::npos) {
    order = s[0];
    s.remove_prefix(1);
  }
  if (s.size() < 2) return std::nullopt;
  const char kind = s[0];
  std::size_t size = 0;
  for (const char c : s.substr(1)) {
    if (c < '0' || c > '9' || size > 1000) return std::nullopt;
    size = size * 10 + static_cast<std::size_t>(c - '0');
  }
  struct Row {
    char kind;
    std::size_t size;
    DType dtype;
  };
  static constexpr Row rows[] = {{'b', 1, DType::bool_},   {'u', 1, DType::uint8},   {'i', 1, DType::int8},
                                 {'u', 2, DType::uint16},  {'i', 2, DType::int16},   {'f', 2, DType::float32},
                                 {'u', 4, DType::uint32},  {'i', 4, DType::int32},   {'f', 4, DType::float32},
                                 {'u', 8, DType::uint64},  {'i', 8, DType::int64},   {'f', 8, DType::float64}};
  for (const Row& r : rows)
    if (r.kind == kind && r.size == size) return ReferenceDescr{kind, size, size > 1 && order == '>', r.dtype};
  return std::nullopt;
}

// Python's repr of a shape tuple: "()", "(3,)", "(2, 3)".
inline std::string shape_repr(std::span<const index_t> shape) {
  std::string s = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (i) s += ", ";
    s += std::to_string(shape[i]);
  }
  return s + (shape.size() == 1 ? ",)" : ")");
}

// The file header np.save writes for a C-order array (format.py: _write_array_header, _wrap_header).
inline std::string reference_npy_header(DType dtype, std::span<const index_t> shape) {
  const std::size_t size = dtype_size(dtype);
  char kind = 'f';
  if (dtype == DType::bool_) kind = 'b';
  if (dtype == DType::uint8 || dtype == DType::uint16 || dtype == DType::uint32 || dtype == DType::uint64) kind = 'u';
  if (dtype == DType::int8 || dtype == DType::int16 || dtype == DType::int32 || dtype == DType::int64) kind = 'i';
  std::string header = std::string("{'descr': '") + (size == 1 ? '|' : '<') + kind + std::to_string(size) +
                       "', 'fortran_order': False, 'shape': " + shape_repr(shape) + ", }";
  if (!shape.empty()) header += std::string(21 - std::to_string(shape[0]).size(), ' ');  // GROWTH_AXIS_MAX_DIGITS
  for (int version = 1; version <= 2; ++version) {
    const std::size_t length_bytes = version == 1 ? 2 : 4;
    const std::size_t hlen = header.size() + 1;
    const std::size_t padlen = 64 - (8 + length_bytes + hlen) % 64;
    const std::size_t total = hlen + padlen;
    if (version == 1 && total >= 65536) continue;
    std::string out("\x93NUMPY", 6);
    out += static_cast<char>(version);
    out += '\0';
    for (std::size_t b = 0; b < length_bytes; ++b) out += static_cast<char>((total >> (8 * b)) & 0xFF);
    return out + header + std::string(padlen, ' ') + "\n";
  }
  return {};
}

// IEEE binary16 to float, from the definition: (-1)^s * 2^(e-15) * 1.m, subnormal below.
inline float reference_half(std::uint16_t h) {
  const int sign = h >> 15, exponent = (h >> 10) & 31, mantissa = h & 1023;
  double v;
  if (exponent == 31)
    v = mantissa ? NAN : INFINITY;
  else if (exponent == 0)
    v = std::ldexp(static_cast<double>(mantissa), -24);
  else
    v = std::ldexp(static_cast<double>(mantissa + 1024), exponent - 25);
  return static_cast<float>(sign ? -v : v);
}

// The elements of a file's data as the loaded tensor should hold them, in C order, as bytes of
// the loaded dtype.
inline std::vector<unsigned char> reference_elements(std::string_view data, const ReferenceDescr& d,
                                                     std::span<const index_t> shape, bool fortran_order) {
  std::size_t count = 1;
  for (index_t n : shape) count *= static_cast<std::size_t>(n);
  const std::size_t out_size = d.kind == 'f' && d.size == 2 ? 4 : d.size;
  std::vector<unsigned char> out(count * out_size);
  std::vector<std::size_t> index(shape.size(), 0);  // C-order multi-index of element i
  for (std::size_t i = 0; i < count; ++i) {
    // Where element i sits in the file: C order, or Fortran order (first index fastest).
    std::size_t stored = 0, step = 1;
    if (fortran_order) {
      for (std::size_t a = 0; a < shape.size(); ++a) {
        stored += index[a] * step;
        step *= static_cast<std::size_t>(shape[a]);
      }
    } else {
      stored = i;
    }
    unsigned char element[8];
    std::memcpy(element, data.data() + stored * d.size, d.size);
    if (d.swap)
      for (std::size_t b = 0; b < d.size / 2; ++b) std::swap(element[b], element[d.size - 1 - b]);
    unsigned char* o = out.data() + i * out_size;
    if (d.kind == 'b') {
      o[0] = element[0] != 0;
    } else if (d.kind == 'f' && d.size == 2) {
      const float f = reference_half(static_cast<std::uint16_t>(element[0] | (element[1] << 8)));
      std::memcpy(o, &f, 4);
    } else {
      std::memcpy(o, element, d.size);
    }
    for (std::size_t a = shape.size(); a-- > 0;) {
      if (++index[a] < static_cast<std::size_t>(shape[a])) break;
      index[a] = 0;
    }
  }
  return out;
}

}  // namespace einspan::fuzz
