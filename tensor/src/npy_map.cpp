// Memory-mapping a .npy file's data (np.load(path, mmap_mode="c")): the tensor is the file's pages,
// read on first touch and shared with the page cache, so rows cost no memory of their own.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <boost/mp11/algorithm.hpp>
#include <cerrno>
#include <cstring>
#include <einspan/tensor/create.hpp>
#include <einspan/tensor/npy.hpp>

namespace einspan {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void map_error(const fs::path& path, std::string_view problem) {
  throw IOError(fmt::format("map_npy: '{}': {}", path.string(), problem));
}

// Why the data cannot be the tensor as it lies in the file, or "" when it can.
std::string unmappable_reason(const NpyHeader& header, const fs::path& path) {
  const detail::NpyDescr descr = detail::parse_npy_descr(header.descr, path);
  if (descr.swap_bytes) return fmt::format("stores '{}', the other byte order than this machine's", header.descr);
  if (descr.kind == 'f' && descr.size == 2) return "stores float16, which loads as float32";
  // np.save writes 0 and 1, but any other byte would be a bool that is neither (undefined behaviour).
  if (descr.kind == 'b') return "stores bool, whose bytes load_npy checks one by one";
  if (header.data_offset % descr.size != 0)
    return fmt::format("has its data at byte {}, not aligned for '{}'", header.data_offset, header.descr);
  return "";
}

// A read-only descriptor, closed on every path out.
struct ReadOnlyFile {
  explicit ReadOnlyFile(const fs::path& path) {
    do {
      fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) map_error(path, fmt::format("cannot open the file: {}", std::strerror(errno)));
  }
  ReadOnlyFile(const ReadOnlyFile&) = delete;
  ReadOnlyFile& operator=(const ReadOnlyFile&) = delete;
  ~ReadOnlyFile() { ::close(fd); }
  int fd = -1;
};

// Elements [first, first + shape's size) of the file's data, mapped as `shape`.
AnyTensor map_elements(const fs::path& path, const NpyHeader& header, index_t first, Dims shape) {
  if (const std::string why = unmappable_reason(header, path); !why.empty())
    throw ValueError(fmt::format("map_npy: '{}' {}, so it cannot be mapped as it lies in the file; read it with "
                                 "load_npy or load_npy_rows, which convert",
                                 path.string(), why));
  const std::size_t element_bytes = dtype_size(header.dtype);
  const ReadOnlyFile file(path);
  struct stat st {};
  if (::fstat(file.fd, &st) != 0) map_error(path, fmt::format("cannot stat the file: {}", std::strerror(errno)));
  if (!S_ISREG(st.st_mode))
    throw ValueError(fmt::format("map_npy: '{}' is not a regular file (a pipe?), which cannot be mapped", path.string()));
  // The same size check as load_npy: a short file would fault (SIGBUS) on the missing pages.
  std::uint64_t data_bytes = element_bytes;
  for (const index_t d : header.shape)
    if (__builtin_mul_overflow(data_bytes, static_cast<std::uint64_t>(d), &data_bytes))
      map_error(path, fmt::format("shape {} has too many elements", format_shape(header.shape)));
  const std::uint64_t file_bytes = static_cast<std::uint64_t>(st.st_size);
  if (file_bytes != header.data_offset + data_bytes)
    map_error(path, fmt::format("shape {} of dtype '{}' needs {} bytes after the header, the file has {}",
                                format_shape(header.shape), header.descr, data_bytes,
                                file_bytes - std::min<std::uint64_t>(file_bytes, header.data_offset)));

  const index_t count = shape_size(shape);
  return boost::mp11::mp_with_index<boost::mp11::mp_size<element_types>::value>(
      static_cast<std::size_t>(header.dtype), [&](auto index) -> AnyTensor {
        using T = boost::mp11::mp_at_c<element_types, decltype(index)::value>;
        if (count == 0) return Tensor<T>::fresh(shape);  // a mapping cannot be empty
        // mmap starts on a page; the first element lies `lead` bytes into it.
        const std::uint64_t start = header.data_offset + static_cast<std::uint64_t>(first) * element_bytes;
        const auto page = static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
        const std::uint64_t lead = start % page;
        const std::size_t length = static_cast<std::size_t>(lead + static_cast<std::uint64_t>(count) * element_bytes);
        // Private and writable: a write copies its page and never reaches the file (mmap_mode="c").
        // No swap is reserved, so a file larger than memory maps.
        void* base = ::mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_NORESERVE, file.fd,
                            static_cast<off_t>(start - lead));
        if (base == MAP_FAILED) map_error(path, fmt::format("cannot map {} bytes: {}", length, std::strerror(errno)));
        T* data = reinterpret_cast<T*>(static_cast<unsigned char*>(base) + lead);
        return adopt<T>(data, std::move(shape), [base, length](T*) { ::munmap(base, length); });
      });
}

// The header of a file that can be mapped: a regular file, checked before reading it, since a
// second open() of a pipe (the mapping's) would wait for a writer that never comes.
NpyHeader regular_file_header(const fs::path& path) {
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (fs::exists(status) && !fs::is_regular_file(status) && !fs::is_directory(status))
    throw ValueError(fmt::format("map_npy: '{}' is not a regular file (a pipe?), which cannot be mapped", path.string()));
  return read_npy_header(path);
}

}  // namespace

bool can_map_npy(const NpyHeader& header) { return unmappable_reason(header, "").empty(); }

AnyTensor map_npy(const fs::path& path) {
  const NpyHeader header = regular_file_header(path);
  if (!header.fortran_order) return map_elements(path, header, 0, header.shape);
  // A Fortran-order file holds the transpose in C order: map that and view it transposed.
  Dims stored = header.shape;
  std::reverse(stored.begin(), stored.end());
  return map_elements(path, header, 0, stored).visit([](const auto& t) { return AnyTensor(t.transpose()); });
}

AnyTensor map_npy_rows(const fs::path& path, index_t begin, index_t end) {
  const NpyHeader header = regular_file_header(path);
  if (header.shape.empty())
    throw ValueError(fmt::format("map_npy_rows: '{}' holds a 0-d array, which has no rows", path.string()));
  if (header.fortran_order && header.shape.size() > 1)
    throw ValueError(fmt::format("map_npy_rows: '{}' is in Fortran order, where a row range is not contiguous; "
                                 "save it with np.save(path, np.ascontiguousarray(a))", path.string()));
  if (begin < 0 || end < begin || end > header.shape[0])
    throw IndexError(fmt::format("map_npy_rows: rows [{}, {}) are not within the {} rows of '{}'", begin, end,
                                 header.shape[0], path.string()));
  Dims shape = header.shape;
  shape[0] = end - begin;
  // A corrupt header's shape could overflow here, before map_elements checks it against the file.
  index_t row_elements = 1, first = 0;
  bool overflow = false;
  for (const index_t d : std::span<const index_t>(header.shape).subspan(1))
    overflow |= __builtin_mul_overflow(row_elements, d, &row_elements);
  overflow |= __builtin_mul_overflow(begin, row_elements, &first);
  if (overflow) map_error(path, fmt::format("shape {} has too many elements", format_shape(header.shape)));
  return map_elements(path, header, first, std::move(shape));
}

}  // namespace einspan
