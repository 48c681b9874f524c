// The kmeans program's sparse readers (sparse_input.hpp): .npz archives through libzip, whose members
// are .npy bytes parsed in memory with the npy module's header parsers, and svmlight text.
#include "sparse_input.hpp"

#include <zip.h>

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <einspan/tensor/error.hpp>
#include <einspan/tensor/npy.hpp>
#include <fstream>
#include <iterator>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace einspan::kmeans_app {

namespace fs = std::filesystem;

namespace {

// The one error sink: every message starts with the file name.
template <class E>
[[noreturn]] void fail(const fs::path& path, std::string_view problem) {
  throw E(fmt::format("{}: {}", path.string(), problem));
}

// f(), with an einspan error from the code it calls re-thrown as the same type, naming the file.
template <class F>
auto naming_file(const fs::path& path, std::string_view context, F&& f) {
  const auto prefixed = [&](const Error& e) {
    return context.empty() ? std::string(e.what()) : fmt::format("{}: {}", context, e.what());
  };
  try {
    return f();
  } catch (const IndexError& e) {
    fail<IndexError>(path, prefixed(e));
  } catch (const ShapeError& e) {
    fail<ShapeError>(path, prefixed(e));
  } catch (const TypeError& e) {
    fail<TypeError>(path, prefixed(e));
  } catch (const ValueError& e) {
    fail<ValueError>(path, prefixed(e));
  } catch (const IOError& e) {
    fail<IOError>(path, prefixed(e));
  }
}

// ---- .npz: a zip archive of .npy members ------------------------------------------------------

std::string zip_error_text(int code) {
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  std::string text = zip_error_strerror(&error);
  zip_error_fini(&error);
  return text;
}

class Archive {
 public:
  explicit Archive(const fs::path& path) : path_(path) {
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (fs::is_directory(status)) fail<IOError>(path, "is a directory, not a .npz file");
    // A zip archive is read from its end: a pipe cannot be, and opening one could wait for a writer.
    if (fs::exists(status) && !fs::is_regular_file(status))
      fail<IOError>(path, "is not a regular file; a .npz (zip) archive must be one");
    if (fs::exists(status) && fs::file_size(path, ec) == 0)
      fail<IOError>(path, "the file is empty, not a .npz (zip) archive");  // libzip opens it as an empty archive
    int error = 0;
    // ZIP_CHECKCONS compares each local header with the central directory, so a damaged archive
    // fails here rather than in the middle of a member.
    zip_ = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (zip_ == nullptr)
      fail<IOError>(path, fmt::format("cannot read it as a .npz (zip) archive: {}", zip_error_text(error)));
  }
  Archive(const Archive&) = delete;
  Archive& operator=(const Archive&) = delete;
  ~Archive() { zip_discard(zip_); }  // opened read-only: nothing to write back

  // The uncompressed bytes of member `name` (such as "data.npy").
  std::string read(const char* name) const {
    const zip_int64_t found = zip_name_locate(zip_, name, 0);
    if (found < 0)
      fail<IOError>(path_, fmt::format("the archive has no member '{}' (scipy.sparse.save_npz writes format.npy, "
                                       "shape.npy, data.npy, indices.npy and indptr.npy)",
                                       name));
    zip_stat_t stat;
    zip_stat_init(&stat);
    const auto index = static_cast<zip_uint64_t>(found);
    if (zip_stat_index(zip_, index, 0, &stat) != 0) member_error(name, zip_strerror(zip_));
    const std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> file(zip_fopen_index(zip_, index, 0), zip_fclose);
    if (!file) member_error(name, zip_strerror(zip_));

    // The size in the directory is only a claim: reserve at most 64 MiB of it up front, so that a
    // corrupt entry cannot make us allocate what its data does not hold.
    const bool has_size = (stat.valid & ZIP_STAT_SIZE) != 0;
    std::string bytes;
    bytes.reserve(has_size ? std::min<zip_uint64_t>(stat.size, zip_uint64_t{64} << 20) : 0);
    constexpr std::size_t chunk = std::size_t{1} << 20;
    while (true) {
      const std::size_t done = bytes.size();
      bytes.resize(done + chunk);
      const zip_int64_t got = zip_fread(file.get(), bytes.data() + done, chunk);
      if (got < 0) member_error(name, zip_file_strerror(file.get()));
      bytes.resize(done + static_cast<std::size_t>(got));
      if (got == 0) break;
    }
    if (has_size && bytes.size() != stat.size)
      member_error(name, fmt::format("truncated: the directory says {} bytes, the data holds {}", stat.size,
                                     bytes.size()));
    return bytes;
  }

 private:
  [[noreturn]] void member_error(const char* name, std::string_view problem) const {
    fail<IOError>(path_, fmt::format("cannot read member '{}': {}", name, problem));
  }

  fs::path path_;
  zip_t* zip_ = nullptr;
};

// A .npy member as its header says, with its payload (the bytes after the header).
struct NpyMember {
  const char* name;
  detail::NpyHeaderDict header;
  std::string_view payload;
  std::uint64_t count = 1;  // elements, the product of the shape
};

// The same checks load_npy makes of a file (npy.cpp), made of bytes held in memory.
NpyMember parse_member(const fs::path& path, const char* name, const std::string& bytes) {
  const auto bad = [&](std::string_view problem) {
    fail<IOError>(path, fmt::format("member '{}' is not a valid .npy file: {}", name, problem));
  };
  constexpr std::string_view magic = "\x93NUMPY";
  if (bytes.size() < magic.size() + 2 || std::string_view(bytes).substr(0, magic.size()) != magic)
    bad("it does not start with the magic string \\x93NUMPY and a version");
  const int major = static_cast<unsigned char>(bytes[6]), minor = static_cast<unsigned char>(bytes[7]);
  if (major < 1 || major > 3 || minor != 0) bad(fmt::format("unsupported format version {}.{}", major, minor));
  // Version 1.0 stores the header length in 2 bytes, 2.0 and 3.0 in 4; little-endian.
  const std::size_t length_bytes = major == 1 ? 2 : 4, text_start = magic.size() + 2 + length_bytes;
  if (bytes.size() < text_start) bad("truncated header length");
  std::uint64_t length = 0;
  for (std::size_t b = length_bytes; b-- > 0;) length = (length << 8) | static_cast<unsigned char>(bytes[8 + b]);
  if (length > bytes.size() - text_start) bad(fmt::format("truncated header: it should be {} bytes", length));

  NpyMember member{name, {}, {}, 1};
  const std::string_view text = std::string_view(bytes).substr(text_start, length);
  member.header = naming_file(path, "", [&] { return detail::parse_npy_header_dict(text, name); });
  member.payload = std::string_view(bytes).substr(text_start + length);
  for (const index_t d : member.header.shape)
    if (__builtin_mul_overflow(member.count, static_cast<std::uint64_t>(d), &member.count))
      bad(fmt::format("shape {} has too many elements", format_shape(member.header.shape)));
  return member;
}

void expect_shape(const fs::path& path, const NpyMember& m, std::size_t ndim, std::string_view expected) {
  if (m.header.shape.size() != ndim)
    fail<ShapeError>(path, fmt::format("member '{}' has shape {}, expected {}", m.name, format_shape(m.header.shape),
                                       expected));
}

// The payload must hold exactly count elements of `size` bytes, as load_npy requires of a file.
void expect_payload(const fs::path& path, const NpyMember& m, std::size_t size) {
  std::uint64_t bytes = 0;
  const bool overflow = __builtin_mul_overflow(m.count, size, &bytes);
  if (overflow || bytes != m.payload.size())
    fail<IOError>(path, fmt::format("member '{}': shape {} of dtype '{}' needs {} bytes, it holds {}", m.name,
                                    format_shape(m.header.shape), m.header.descr,
                                    overflow ? std::string("more than 2**64") : fmt::format("{}", bytes),
                                    m.payload.size()));
}

// Element i of a payload stored as Stored (byte-swapped when the file's order is not ours).
template <class Stored>
Stored stored_element(std::string_view payload, std::size_t i, bool swap) {
  std::array<unsigned char, sizeof(Stored)> raw;
  std::memcpy(raw.data(), payload.data() + i * sizeof(Stored), sizeof(Stored));
  if (swap) std::reverse(raw.begin(), raw.end());
  Stored value;
  std::memcpy(&value, raw.data(), sizeof(Stored));
  return value;
}

// Calls f(Stored{}) with the C++ type of a numeric descr: booleans are read as bytes.
template <class F>
void visit_stored_type(const detail::NpyDescr& d, F&& f) {
  switch (d.kind == 'b' ? 'u' : d.kind) {
    case 'f':
      if (d.size == 4) return f(float{});
      if (d.size == 8) return f(double{});
      break;
    case 'i':
      if (d.size == 1) return f(std::int8_t{});
      if (d.size == 2) return f(std::int16_t{});
      if (d.size == 4) return f(std::int32_t{});
      if (d.size == 8) return f(std::int64_t{});
      break;
    case 'u':
      if (d.size == 1) return f(std::uint8_t{});
      if (d.size == 2) return f(std::uint16_t{});
      if (d.size == 4) return f(std::uint32_t{});
      if (d.size == 8) return f(std::uint64_t{});
      break;
  }
  throw TypeError(fmt::format("unsupported dtype '{}{}'", d.kind, d.size));  // parse_npy_descr allows no other
}

// The descr of a numeric member: one einspan loads, except float16, which SciPy's sparse types do
// not hold either.
detail::NpyDescr numeric_descr(const fs::path& path, const NpyMember& m, std::string_view what) {
  const auto refuse = [&] {
    fail<TypeError>(path, fmt::format("member '{}' has dtype '{}'; {} must be {}", m.name, m.header.descr, what,
                                      what == "data" ? "real numbers (b1, i1..i8, u1..u8, f4 or f8)"
                                                     : "integers (i1..i8 or u1..u8)"));
  };
  detail::NpyDescr d;
  try {
    d = detail::parse_npy_descr(m.header.descr, m.name);
  } catch (const TypeError&) {
    refuse();
  }
  if ((d.kind == 'f' && d.size == 2) || (what != "data" && d.kind != 'i' && d.kind != 'u')) refuse();
  expect_payload(path, m, d.size);
  return d;
}

// A 1-d numeric member's values converted to T, as np.asarray(values, T).
template <class T>
std::vector<T> values_as(const fs::path& path, const NpyMember& m) {
  expect_shape(path, m, 1, "1-d");
  const detail::NpyDescr d = numeric_descr(path, m, "data");
  std::vector<T> out(m.count);
  visit_stored_type(d, [&](auto tag) {
    using Stored = decltype(tag);
    for (std::size_t i = 0; i < out.size(); ++i) {
      const Stored v = stored_element<Stored>(m.payload, i, d.swap_bytes);
      out[i] = d.kind == 'b' ? T(v != 0) : static_cast<T>(v);
    }
  });
  return out;
}

// A numeric member of integers as index_t; `what` names it in messages.
std::vector<index_t> integers(const fs::path& path, const NpyMember& m, std::string_view what) {
  const detail::NpyDescr d = numeric_descr(path, m, what);
  std::vector<index_t> out(m.count);
  visit_stored_type(d, [&](auto tag) {
    using Stored = decltype(tag);
    for (std::size_t i = 0; i < out.size(); ++i) {
      const Stored v = stored_element<Stored>(m.payload, i, d.swap_bytes);
      if constexpr (std::is_unsigned_v<Stored> && sizeof(Stored) == 8)
        if (v > static_cast<std::uint64_t>(std::numeric_limits<index_t>::max()))
          fail<IndexError>(path, fmt::format("member '{}': {} {} at position {} does not fit in 64-bit signed "
                                             "indices", m.name, what, v, i));
      out[i] = static_cast<index_t>(v);
    }
  });
  return out;
}

// The format member: a 0-d string array, bytes ('|S3', what SciPy 1.10 writes) or unicode ('<U3',
// what older SciPy wrote, UTF-32). Characters outside ASCII become '?': no format we read has any.
std::string read_format(const fs::path& path, const NpyMember& m) {
  expect_shape(path, m, 0, "() (a 0-d string)");
  std::string_view code = m.header.descr;
  char order = '|';
  if (!code.empty() && std::string_view("<>|=").find(code.front()) != std::string_view::npos) {
    order = code.front();
    code.remove_prefix(1);
  }
  std::size_t length = 0;
  const char kind = code.empty() ? '\0' : code.front();
  const auto [end, ec] = std::from_chars(code.data() + std::min<std::size_t>(code.size(), 1),
                                         code.data() + code.size(), length);
  if ((kind != 'S' && kind != 'U') || ec != std::errc() || end != code.data() + code.size() || length > 64)
    fail<TypeError>(path, fmt::format("member 'format.npy' has dtype '{}', expected a string such as '|S3' or '<U3'",
                                      detail::printable_excerpt(m.header.descr, 40)));
  const std::size_t unit = kind == 'U' ? 4 : 1;
  expect_payload(path, m, length * unit);
  const char native = std::endian::native == std::endian::little ? '<' : '>';
  const bool swap = (order == '<' || order == '>') && order != native;
  std::string format;
  for (std::size_t i = 0; i < length; ++i) {
    const std::uint32_t c = unit == 4 ? stored_element<std::uint32_t>(m.payload, i, swap)
                                      : static_cast<unsigned char>(m.payload[i]);
    if (c == 0) break;  // NumPy pads short strings with NULs
    format.push_back(c < 128 ? static_cast<char>(c) : '?');
  }
  return format;
}

template <class T>
sparse::CsrMatrix<T> read_npz(const fs::path& path) {
  const Archive archive(path);
  // Each member's bytes stay alive while its NpyMember points into them.
  const std::string format_bytes = archive.read("format.npy");
  const std::string format = read_format(path, parse_member(path, "format.npy", format_bytes));
  if (format != "csr" && format != "csc")
    fail<ValueError>(path, fmt::format("the matrix is stored in format '{}'; only CSR and CSC matrices are read "
                                       "(save m.tocsr() with scipy.sparse.save_npz)",
                                       detail::printable_excerpt(format, 40)));

  const std::string shape_bytes = archive.read("shape.npy");
  const NpyMember shape_member = parse_member(path, "shape.npy", shape_bytes);
  if (shape_member.header.shape.size() != 1 || shape_member.count != 2)
    fail<ShapeError>(path, fmt::format("member 'shape.npy' has shape {}, expected (2,) (rows, columns)",
                                       format_shape(shape_member.header.shape)));
  const std::vector<index_t> shape = integers(path, shape_member, "the shape");

  std::vector<T> data;
  {
    const std::string bytes = archive.read("data.npy");
    data = values_as<T>(path, parse_member(path, "data.npy", bytes));
  }
  const auto index_array = [&](const char* name, std::string_view what) {
    const std::string bytes = archive.read(name);
    const NpyMember m = parse_member(path, name, bytes);
    expect_shape(path, m, 1, "1-d");
    return integers(path, m, what);
  };
  std::vector<index_t> indices = index_array("indices.npy", "indices");
  std::vector<index_t> indptr = index_array("indptr.npy", "indptr");

  // The CSR arrays of A are the CSC arrays of A^T: both formats are checked by CscMatrix.
  const bool csr = format == "csr";
  const sparse::Shape2 csc_shape = csr ? sparse::Shape2{shape[1], shape[0]} : sparse::Shape2{shape[0], shape[1]};
  const std::string context = csr ? "invalid CSR arrays (checked as the CSC arrays of the transpose: rows and columns "
                                    "are swapped in what follows)"
                                  : "invalid CSC arrays";
  sparse::CscMatrix<T> m = naming_file(path, context, [&] {
    return sparse::CscMatrix<T>(csc_shape, std::move(data), std::move(indices), std::move(indptr));
  });
  // SciPy allows unsorted and duplicate indices; the fit wants each entry once.
  m.sum_duplicates();
  return csr ? sparse::CsrMatrix<T>::from_transposed_csc(std::move(m)) : m.tocsr();
}

// ---- svmlight / libsvm text -------------------------------------------------------------------

// A number as Python's float() reads one (without underscores), as csv.cpp reads a cell: from_chars'
// grammar plus an optional '+'; beyond double's range, strtod's 0 or infinity (the "C" locale).
bool parse_double(std::string_view token, double& value) {
  if (token.size() > 1 && token.front() == '+' && token[1] != '-') token.remove_prefix(1);
  const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
  if (token.empty() || end != token.data() + token.size()) return false;
  if (ec == std::errc::result_out_of_range) value = std::strtod(std::string(token).c_str(), nullptr);
  return ec == std::errc() || ec == std::errc::result_out_of_range;
}

// An integer as Python's int() reads one (without underscores): an optional sign, then digits.
bool parse_integer(std::string_view token, index_t& value) {
  if (token.size() > 1 && token.front() == '+' && token[1] != '-') token.remove_prefix(1);
  const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
  return !token.empty() && ec == std::errc() && end == token.data() + token.size();
}

// Python's bytes.split() whitespace.
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

std::string read_text(const fs::path& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) fail<IOError>(path, "is a directory, not an svmlight file");
  std::ifstream in(path, std::ios::binary);
  if (!in) fail<IOError>(path, fmt::format("cannot open the file: {}", std::strerror(errno)));
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) fail<IOError>(path, "cannot read the file");
  return text;
}

template <class T>
sparse::CsrMatrix<T> read_svmlight(const fs::path& path) {
  const std::string text = read_text(path);
  std::vector<T> data;
  std::vector<index_t> indices, indptr{0};
  index_t line_number = 0, min_index = std::numeric_limits<index_t>::max(), max_index = -1;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string_view line = std::string_view(text).substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    line = line.substr(0, line.find('#'));
    const auto bad = [&](std::string_view problem) {  // a line that does not parse
      fail<IOError>(path, fmt::format("line {}: {}", line_number, problem));
    };
    const auto invalid = [&](std::string_view problem) {  // one that parses but breaks the format's rules
      fail<ValueError>(path, fmt::format("line {}: {}", line_number, problem));
    };
    const auto quoted = [](std::string_view token) { return detail::printable_excerpt(token, 40); };

    std::size_t i = 0;
    const auto next_token = [&]() -> std::string_view {
      while (i < line.size() && is_space(line[i])) ++i;
      const std::size_t start = i;
      while (i < line.size() && !is_space(line[i])) ++i;
      return line.substr(start, i - start);
    };
    const std::string_view label = next_token();
    if (label.empty()) continue;  // blank or comment-only
    double number;
    if (!parse_double(label, number)) bad(fmt::format("the label '{}' is not a number", quoted(label)));

    index_t previous = -1;
    bool first = true;
    for (std::string_view token = next_token(); !token.empty(); token = next_token()) {
      const std::size_t colon = token.find(':');
      // As in scikit-learn, only the first token after the label may be a query id.
      if (std::exchange(first, false) && token.starts_with("qid")) {
        index_t qid;
        if (colon != 3 || !parse_integer(token.substr(4), qid))
          bad(fmt::format("'{}' is not a query id qid:N", quoted(token)));
        continue;
      }
      if (colon == std::string_view::npos)
        bad(fmt::format("'{}' is not a feature index:value (no ':')", quoted(token)));
      const std::string_view index_text = token.substr(0, colon), value_text = token.substr(colon + 1);
      index_t index;
      if (!parse_integer(index_text, index))
        bad(fmt::format("the feature index '{}' is not a 64-bit integer", quoted(index_text)));
      if (index < 0) invalid(fmt::format("negative feature index {}", index));
      if (index <= previous)
        invalid(fmt::format("feature index {} follows {}: feature indices must be sorted and unique within a line "
                            "(as scikit-learn's load_svmlight_file requires)",
                            index, previous));
      if (!parse_double(value_text, number))
        bad(fmt::format("the value '{}' of feature {} is not a number", quoted(value_text), index));
      indices.push_back(index);
      data.push_back(static_cast<T>(number));
      previous = index;
      min_index = std::min(min_index, index);
      max_index = std::max(max_index, index);
    }
    indptr.push_back(static_cast<index_t>(indices.size()));
  }
  if (indptr.size() == 1) fail<IOError>(path, "no data lines (an svmlight file has one line per row)");

  // zero_based="auto": one-based unless some index is 0. With no index at all, scikit-learn gives
  // one column.
  const bool one_based = !indices.empty() && min_index > 0;
  if (one_based)
    for (index_t& index : indices) --index;
  if (!indices.empty() && !one_based && max_index == std::numeric_limits<index_t>::max())
    fail<ValueError>(path, fmt::format("feature index {} leaves no room for the number of features", max_index));
  const index_t features = indices.empty() ? 1 : one_based ? max_index : max_index + 1;
  const auto rows = static_cast<index_t>(indptr.size() - 1);
  return sparse::CsrMatrix<T>(sparse::Shape2{rows, features}, std::move(data), std::move(indices), std::move(indptr));
}

}  // namespace

bool is_sparse_input(const fs::path& path) {
  const fs::path extension = path.extension();
  return extension == ".npz" || extension == ".svm" || extension == ".svmlight" || extension == ".libsvm";
}

template <class T>
sparse::CsrMatrix<T> read_sparse_input(const fs::path& path) {
  if (path.extension() == ".npz") return read_npz<T>(path);
  if (is_sparse_input(path)) return read_svmlight<T>(path);
  fail<ValueError>(path, "not a sparse data file (expected the extension .npz, .svm, .svmlight or .libsvm)");
}

template sparse::CsrMatrix<float> read_sparse_input<float>(const fs::path& path);
template sparse::CsrMatrix<double> read_sparse_input<double>(const fs::path& path);

}  // namespace einspan::kmeans_app
