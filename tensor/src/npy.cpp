// Reading and writing .npy files: the file I/O around the header (npy_header.cpp).
//
// Files are read with POSIX calls rather than iostreams so that every failure carries errno's
// reason, and written under a temporary name that is renamed over the target, so a reader never
// sees half a file and a failed save leaves an existing file as it was.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <bit>
#include <boost/mp11/algorithm.hpp>
#include <cerrno>
#include <cstring>
#include <einspan/tensor/npy.hpp>
#include <random>
#include <vector>

namespace einspan {

namespace fs = std::filesystem;

namespace {

// A header longer than this is not one np.save wrote for an array we can hold (np.load's own
// default limit is 10000 characters); refusing it keeps a corrupt length from allocating GBs.
constexpr std::uint64_t max_header_length = std::uint64_t{1} << 20;
constexpr std::string_view npy_magic = "\x93NUMPY";

[[noreturn]] void load_error(const fs::path& path, std::string_view problem) {
  throw IOError(fmt::format("load_npy: '{}': {}", path.string(), problem));
}

std::string errno_text(int error) { return std::strerror(error); }

// A file open for reading, with its size when it is a regular file (pipes have none).
class InputFile {
 public:
  explicit InputFile(const fs::path& path) : path_(path) {
    do {
      fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    } while (fd_ < 0 && errno == EINTR);
    if (fd_ < 0) load_error(path_, fmt::format("cannot open the file: {}", errno_text(errno)));
    struct stat st {};
    if (::fstat(fd_, &st) != 0) {
      const int error = errno;
      ::close(fd_);
      load_error(path_, fmt::format("cannot stat the file: {}", errno_text(error)));
    }
    if (S_ISDIR(st.st_mode)) {
      ::close(fd_);
      load_error(path_, "is a directory, not a .npy file");
    }
    if (S_ISREG(st.st_mode)) size_ = static_cast<std::uint64_t>(st.st_size);
  }
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;
  ~InputFile() { ::close(fd_); }

  const fs::path& path() const { return path_; }
  bool has_size() const { return size_ != unknown_size; }
  std::uint64_t size() const { return size_; }
  std::uint64_t position() const { return position_; }

  // Reads up to n bytes; fewer only at the end of the file.
  std::size_t read_some(void* buffer, std::size_t n) {
    auto* out = static_cast<unsigned char*>(buffer);
    std::size_t done = 0;
    while (done < n) {
      // One read() is limited to about 2 GB on Linux; larger arrays take several.
      const std::size_t chunk = std::min<std::size_t>(n - done, std::size_t{1} << 30);
      const ssize_t got = ::read(fd_, out + done, chunk);
      if (got < 0) {
        if (errno == EINTR) continue;
        load_error(path_, fmt::format("cannot read the file: {}", errno_text(errno)));
      }
      if (got == 0) break;
      done += static_cast<std::size_t>(got);
    }
    position_ += done;
    return done;
  }

  // Moves to byte `position` of a regular file, to read a row range the caller wants.
  void seek_to(std::uint64_t position) {
    if (::lseek(fd_, static_cast<off_t>(position), SEEK_SET) < 0)
      load_error(path_, fmt::format("cannot seek in the file: {}", errno_text(errno)));
    position_ = position;
  }

  // Reads exactly n bytes of `what`; a short file is reported as truncated.
  void read_exact(void* buffer, std::size_t n, std::string_view what) {
    const std::size_t got = read_some(buffer, n);
    if (got != n)
      load_error(path_, fmt::format("truncated {}: expected {} bytes, the file ends after {}", what, n, got));
  }

 private:
  static constexpr std::uint64_t unknown_size = ~std::uint64_t{0};
  fs::path path_;
  int fd_ = -1;
  std::uint64_t size_ = unknown_size;
  std::uint64_t position_ = 0;
};

NpyHeader read_header(InputFile& file) {
  const fs::path& path = file.path();
  std::array<char, 8> prefix{};
  const std::size_t got = file.read_some(prefix.data(), prefix.size());
  const std::string_view seen(prefix.data(), std::min(got, npy_magic.size()));
  if (got == 0) load_error(path, "the file is empty, not a .npy file");
  if (seen != npy_magic.substr(0, seen.size()))
    load_error(path, "not a .npy file (it does not start with the magic string \\x93NUMPY)");
  if (got < prefix.size())
    load_error(path,
               fmt::format("truncated header: the file ends after {} bytes, inside the magic string and version", got));

  NpyHeader header;
  header.major_version = static_cast<unsigned char>(prefix[6]);
  header.minor_version = static_cast<unsigned char>(prefix[7]);
  if (header.major_version < 1 || header.major_version > 3 || header.minor_version != 0)
    load_error(path, fmt::format("unsupported .npy format version {}.{} (einspan reads 1.0, 2.0 and 3.0)",
                                 header.major_version, header.minor_version));

  // Version 1.0 stores the header length in 2 bytes, 2.0 and 3.0 (UTF-8 header) in 4; little-endian.
  const std::size_t length_bytes = header.major_version == 1 ? 2 : 4;
  std::array<unsigned char, 4> length_field{};
  file.read_exact(length_field.data(), length_bytes, "header length");
  std::uint64_t header_length = 0;
  for (std::size_t b = length_bytes; b-- > 0;) header_length = (header_length << 8) | length_field[b];
  if (header_length > max_header_length)
    load_error(path, fmt::format("the header length field says {} bytes, more than the {} einspan accepts; the file "
                                 "is corrupt or not an array einspan can hold",
                                 header_length, max_header_length));
  if (file.has_size() && file.position() + header_length > file.size())
    load_error(path, fmt::format("truncated header: it should be {} bytes, the file has {} after the length field",
                                 header_length, file.size() - file.position()));
  std::string text(header_length, '\0');
  file.read_exact(text.data(), text.size(), "header");
  header.data_offset = file.position();

  const detail::NpyHeaderDict dict = detail::parse_npy_header_dict(text, path);
  header.descr = dict.descr;
  header.fortran_order = dict.fortran_order;
  header.shape = dict.shape;
  header.dtype = detail::parse_npy_descr(dict.descr, path).dtype;
  return header;
}

// Reverses the bytes of each `size`-byte element in place.
void swap_bytes(unsigned char* data, std::size_t count, std::size_t size) {
  for (std::size_t i = 0; i < count; ++i, data += size) std::reverse(data, data + size);
}

// An IEEE half-precision value (float16, '<f2') as float, which holds every one exactly.
float half_to_float(std::uint16_t h) {
  const std::uint32_t sign = std::uint32_t{h & 0x8000u} << 16;
  const std::uint32_t exponent = (h >> 10) & 0x1F, mantissa = h & 0x3FF;
  std::uint32_t bits;
  if (exponent == 0x1F) {
    bits = sign | 0x7F800000u | (mantissa << 13);  // inf or NaN (payload kept)
  } else if (exponent != 0) {
    bits = sign | ((exponent + 112) << 23) | (mantissa << 13);  // rebias 15 -> 127
  } else {
    // Zero or subnormal: mantissa * 2^-24, exact in float.
    const float magnitude = static_cast<float>(mantissa) * 0x1p-24f;
    return sign ? -magnitude : magnitude;
  }
  return std::bit_cast<float>(bits);
}

// The rows [begin, end) of the first axis that a read takes; all of them by default.
struct RowRange {
  index_t begin = 0, end = -1;
};

template <Element T>
Tensor<T> read_data(InputFile& file, const NpyHeader& header, const detail::NpyDescr& descr, RowRange rows = {}) {
  const fs::path& path = file.path();
  std::uint64_t count = 1;
  for (const index_t d : header.shape)
    if (__builtin_mul_overflow(count, static_cast<std::uint64_t>(d), &count))
      load_error(path, fmt::format("shape {} has too many elements", format_shape(header.shape)));
  std::uint64_t bytes = 0;
  if (__builtin_mul_overflow(count, descr.size, &bytes) || bytes > static_cast<std::uint64_t>(PTRDIFF_MAX))
    load_error(path, fmt::format("shape {} of dtype '{}' is too large", format_shape(header.shape), header.descr));
  if (file.has_size()) {
    const std::uint64_t available = file.size() - header.data_offset;
    if (available < bytes)
      load_error(path,
                 fmt::format("truncated data: shape {} of dtype '{}' needs {} bytes, the file has {} after the header",
                             format_shape(header.shape), header.descr, bytes, available));
    if (available > bytes)
      load_error(path, fmt::format("the file has {} bytes after the data of shape {} and dtype '{}' (np.load would "
                                   "ignore them; einspan treats them as a shape that disagrees with the file size)",
                                   available - bytes, format_shape(header.shape), header.descr));
  }

  // A Fortran-order file holds the transpose of the array in C order.
  Dims stored_shape = header.shape;
  if (header.fortran_order) std::reverse(stored_shape.begin(), stored_shape.end());
  if (rows.end >= 0) {
    // Only C order keeps a row range contiguous (load_npy_rows checks the order and the range).
    const std::uint64_t row_elements = count / static_cast<std::uint64_t>(std::max<index_t>(header.shape[0], 1));
    file.seek_to(header.data_offset + static_cast<std::uint64_t>(rows.begin) * row_elements * descr.size);
    stored_shape[0] = rows.end - rows.begin;
    count = row_elements * static_cast<std::uint64_t>(rows.end - rows.begin);
    bytes = count * descr.size;
  }
  Tensor<T> stored;
  try {
    stored = Tensor<T>::fresh(stored_shape);
  } catch (const std::bad_alloc&) {
    load_error(path, fmt::format("cannot allocate {} bytes for shape {}", bytes, format_shape(header.shape)));
  }
  auto* raw = reinterpret_cast<unsigned char*>(stored.data());
  const auto n = static_cast<std::size_t>(count);

  if (descr.size == sizeof(T)) {
    // Same size means same type (only f2 loads as a larger type), so only the byte order may
    // differ: read straight into the tensor.
    file.read_exact(raw, static_cast<std::size_t>(bytes), "data");
    if (descr.swap_bytes) swap_bytes(raw, n, descr.size);
    if constexpr (std::is_same_v<T, bool>) {
      // NumPy treats any nonzero byte as True; a bool object holding 2 would be undefined behaviour.
      for (std::size_t i = 0; i < n; ++i) raw[i] = raw[i] != 0;
    }
  } else if constexpr (std::is_same_v<T, float>) {
    // float16 widened to float, converted chunk by chunk to keep memory at one tensor.
    constexpr std::size_t chunk_elements = 1 << 14;
    std::vector<unsigned char> chunk(chunk_elements * 2);
    float* out = stored.data();
    for (std::size_t done = 0; done < n;) {
      const std::size_t m = std::min(chunk_elements, n - done);
      file.read_exact(chunk.data(), m * 2, "data");
      if (descr.swap_bytes) swap_bytes(chunk.data(), m, 2);
      for (std::size_t i = 0; i < m; ++i) {
        std::uint16_t h;
        std::memcpy(&h, chunk.data() + i * 2, 2);
        out[done + i] = half_to_float(h);
      }
      done += m;
    }
  } else {
    load_error(path, fmt::format("internal error: dtype '{}' does not load as {}", header.descr, detail::type_name<T>()));
  }
  if (!file.has_size() && rows.end < 0) {
    unsigned char extra = 0;
    if (file.read_some(&extra, 1) != 0) load_error(path, "the file has bytes after the data");
  }
  if (header.fortran_order) return stored.transpose().contiguous();
  return stored;
}

// Reads the data that follows `header` as the element type the header's dtype loads as.
AnyTensor read_any(InputFile& file, const NpyHeader& header) {
  const detail::NpyDescr descr = detail::parse_npy_descr(header.descr, file.path());
  return boost::mp11::mp_with_index<boost::mp11::mp_size<element_types>::value>(
      static_cast<std::size_t>(header.dtype), [&](auto index) -> AnyTensor {
        using T = boost::mp11::mp_at_c<element_types, decltype(index)::value>;
        return read_data<T>(file, header, descr);
      });
}

// The dtype a file holds as stored, for casting checks: a float16 file loads as float32 but is
// judged as float16, which casts safely to float32 and float64 only (np.can_cast).
bool can_cast_stored(const detail::NpyDescr& descr, DType to, Casting casting) {
  if (descr.kind == 'f' && descr.size == 2)
    return casting == Casting::unsafe || to == DType::float32 || to == DType::float64;
  return can_cast(descr.dtype, to, casting);
}

// ---- writing ----------------------------------------------------------------------------------

[[noreturn]] void save_error(const fs::path& path, std::string_view problem) {
  throw IOError(fmt::format("save_npy: '{}': {}", path.string(), problem));
}

// A temporary file next to the target; removed on destruction unless committed.
class TemporaryFile {
 public:
  TemporaryFile(const fs::path& target, const fs::path& reported) : reported_(reported) {
    const fs::path directory = target.has_parent_path() ? target.parent_path() : fs::path(".");
    thread_local std::mt19937_64 random{std::random_device{}()};
    for (int attempt = 0; attempt < 100; ++attempt) {
      path_ = directory / fmt::format(".{}.einspan-tmp-{:016x}", target.filename().string(), random());
      do {
        // 0666 so that the umask applies as it does to np.save's open().
        fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      } while (fd_ < 0 && errno == EINTR);
      if (fd_ >= 0 || errno != EEXIST) break;
    }
    if (fd_ < 0) {
      const int error = errno;
      save_error(reported_,
                 fmt::format("cannot create a temporary file in '{}': {}", directory.string(), errno_text(error)));
    }
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  ~TemporaryFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_) ::unlink(path_.c_str());
  }

  void write(const void* data, std::size_t n) {
    const auto* in = static_cast<const unsigned char*>(data);
    while (n > 0) {
      const ssize_t put = ::write(fd_, in, std::min<std::size_t>(n, std::size_t{1} << 30));
      if (put < 0) {
        if (errno == EINTR) continue;
        save_error(reported_, fmt::format("cannot write: {}", errno_text(errno)));
      }
      in += put;
      n -= static_cast<std::size_t>(put);
    }
  }

  // Flushes to disk (so a crash after the rename cannot leave a file of zeros) and renames.
  void commit(const fs::path& target) {
    if (::fsync(fd_) != 0) save_error(reported_, fmt::format("cannot write: {}", errno_text(errno)));
    const int closed = ::close(fd_);
    fd_ = -1;
    if (closed != 0) save_error(reported_, fmt::format("cannot write: {}", errno_text(errno)));
    if (::rename(path_.c_str(), target.c_str()) != 0)
      save_error(reported_, fmt::format("cannot replace the file: {}", errno_text(errno)));
    committed_ = true;
  }

 private:
  fs::path reported_;
  fs::path path_;
  int fd_ = -1;
  bool committed_ = false;
};

}  // namespace

NpyHeader read_npy_header(const fs::path& path) {
  InputFile file(path);
  return read_header(file);
}

AnyTensor load_npy(const fs::path& path) {
  InputFile file(path);
  const NpyHeader header = read_header(file);
  return read_any(file, header);
}

namespace {

// The checks every row-range read makes before it reads: rows exist, are contiguous, can be sought.
void check_row_range(const InputFile& file, const NpyHeader& header, index_t begin, index_t end) {
  const std::string path = file.path().string();
  if (header.shape.empty())
    throw ValueError(fmt::format("load_npy_rows: '{}' holds a 0-d array, which has no rows", path));
  if (header.fortran_order && header.shape.size() > 1)
    throw ValueError(fmt::format("load_npy_rows: '{}' is in Fortran order, where a row range is not contiguous; "
                                 "save it with np.save(path, np.ascontiguousarray(a))", path));
  if (!file.has_size())
    throw ValueError(fmt::format("load_npy_rows: '{}' is not a regular file (a pipe?); a row range needs seeking", path));
  if (begin < 0 || end < begin || end > header.shape[0])
    throw IndexError(fmt::format("load_npy_rows: rows [{}, {}) are not within the {} rows of '{}'", begin, end,
                                 header.shape[0], path));
}

AnyTensor read_rows_any(InputFile& file, const NpyHeader& header, const detail::NpyDescr& descr, RowRange rows) {
  return boost::mp11::mp_with_index<boost::mp11::mp_size<element_types>::value>(
      static_cast<std::size_t>(header.dtype), [&](auto index) -> AnyTensor {
        using T = boost::mp11::mp_at_c<element_types, decltype(index)::value>;
        return read_data<T>(file, header, descr, rows);
      });
}

}  // namespace

AnyTensor load_npy_rows(const fs::path& path, index_t begin, index_t end) {
  InputFile file(path);
  const NpyHeader header = read_header(file);
  check_row_range(file, header, begin, end);
  return read_rows_any(file, header, detail::parse_npy_descr(header.descr, path), {begin, end});
}

namespace detail {

AnyTensor load_npy_checked(const fs::path& path, DType to, Casting casting) {
  InputFile file(path);
  const NpyHeader header = read_header(file);
  const NpyDescr descr = parse_npy_descr(header.descr, path);
  if (!can_cast_stored(descr, to, casting))
    throw TypeError(
        fmt::format("load_npy: '{}': cannot cast array data from dtype '{}' to dtype('{}') according to "
                    "the rule '{}'",
                    path.string(), header.descr, dtype_name(to), casting_name(casting)));
  return read_any(file, header);
}

AnyTensor load_npy_rows_checked(const fs::path& path, index_t begin, index_t end, DType to, Casting casting) {
  InputFile file(path);
  const NpyHeader header = read_header(file);
  check_row_range(file, header, begin, end);
  const NpyDescr descr = parse_npy_descr(header.descr, path);
  if (!can_cast_stored(descr, to, casting))
    throw TypeError(
        fmt::format("load_npy_rows: '{}': cannot cast array data from dtype '{}' to dtype('{}') according to "
                    "the rule '{}'",
                    path.string(), header.descr, dtype_name(to), casting_name(casting)));
  if (header.dtype == to) return read_rows_any(file, header, descr, {begin, end});
  // Converted a chunk of about 4 MiB (as stored) at a time: memory is the result and one
  // chunk, as stored and converted.
  Dims shape = header.shape;
  shape[0] = end - begin;
  const index_t row_elements = std::max<index_t>(shape_size(std::span(shape).subspan(1)), 1);
  const index_t chunk_rows = std::max<index_t>(1, (index_t{4} << 20) / static_cast<index_t>(descr.size) / row_elements);
  return boost::mp11::mp_with_index<boost::mp11::mp_size<element_types>::value>(
      static_cast<std::size_t>(to), [&](auto index) -> AnyTensor {
        using T = boost::mp11::mp_at_c<element_types, decltype(index)::value>;
        Tensor<T> out;
        try {
          out = Tensor<T>::fresh(shape);
        } catch (const std::bad_alloc&) {
          load_error(path, fmt::format("cannot allocate {} bytes for rows of shape {}",
                                       static_cast<std::uint64_t>(shape_size(shape)) * sizeof(T), format_shape(shape)));
        }
        T* next = out.data();
        for (index_t b = begin; b < end; b += chunk_rows) {
          const Tensor<T> part = read_rows_any(file, header, descr, {b, std::min(end, b + chunk_rows)}).as<T>();
          next = std::copy(part.data(), part.data() + part.size(), next);
        }
        return out;
      });
}

void write_npy(const fs::path& path, DType dtype, std::span<const index_t> shape, const void* data) {
  // Replace the file a symbolic link points to, not the link, as np.save's open() would.
  fs::path target = path;
  std::error_code ec;
  if (fs::is_symlink(path, ec)) {
    fs::path resolved = fs::weakly_canonical(path, ec);
    if (!ec) target = resolved;
  }
  if (target.filename().empty()) save_error(path, "the path names a directory, not a file");
  const fs::file_status status = fs::status(target, ec);
  if (fs::is_directory(status)) save_error(path, "is a directory");
  // Renaming over a device or a pipe would replace it rather than write to it.
  if (fs::exists(status) && !fs::is_regular_file(status))
    save_error(path, "exists and is not a regular file (a device, pipe or socket); save_npy only replaces files");

  const std::string header = format_npy_header(dtype, shape);
  TemporaryFile temporary(target, path);
  temporary.write(header.data(), header.size());
  temporary.write(data, static_cast<std::size_t>(shape_size(shape)) * dtype_size(dtype));
  temporary.commit(target);
}

}  // namespace detail

void save_npy(const fs::path& path, const AnyTensor& t) {
  t.visit([&](const auto& tensor) { save_npy(path, tensor); });
}

}  // namespace einspan
