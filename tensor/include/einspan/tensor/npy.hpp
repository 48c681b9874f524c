#pragma once
// .npy files, NumPy's np.save / np.load format (numpy.lib.format), versions 1.0, 2.0 and 3.0.
//
// Reading accepts the dtypes b1, i1, u1, i2, u2, i4, u4, i8, u8, f4 and f8 in either byte order,
// each loaded as itself, plus f2 (float16), loaded as float32, which holds it exactly. C and
// Fortran order are both accepted; a Fortran-order file is loaded into a C-contiguous tensor.
// Writing always produces a version 1.0 file (2.0 only if the header would not fit), in C order
// and native byte order, byte-identical to what np.save writes for the same array.
//
// Every failure throws: IOError for a file that cannot be opened, read, written or parsed,
// TypeError for a dtype einspan does not hold; the message names the file and the problem.
#include <einspan/tensor/any_tensor.hpp>
#include <filesystem>
#include <string>
#include <string_view>

namespace einspan {

// What a .npy file's header says.
struct NpyHeader {
  int major_version = 1;
  int minor_version = 0;
  std::string descr;             // as written in the file, e.g. "<f8", ">i4", "|b1"
  DType dtype = DType::float64;  // the element type load_npy gives for descr
  bool fortran_order = false;
  Dims shape;
  std::size_t data_offset = 0;  // bytes from the start of the file to the first element
};

// Reads and checks only the header (magic, version, dict, dtype). Throws IOError or TypeError
// as load_npy does, but does not look at the data.
NpyHeader read_npy_header(const std::filesystem::path& path);

// The array stored in `path` (np.load), as a fresh C-contiguous tensor of the file's dtype.
// Throws IOError when the file cannot be read, is not a .npy file, has an unsupported version,
// a malformed header, or a data size that disagrees with the shape (too short, or trailing
// bytes, which np.load would ignore); TypeError when the dtype is not one we load.
AnyTensor load_npy(const std::filesystem::path& path);

// Rows [begin, end) of the array in `path` (its first axis), reading only their bytes: what
// np.load(path, mmap_mode="r")[begin:end] holds, as a fresh C-contiguous tensor. Lets each process
// of a distributed fit read its own rows of one file. Throws load_npy's errors, IndexError when the
// range is not within [0, rows], and ValueError for a 0-d array, a Fortran-order file of more than
// one dimension (its rows are not contiguous) or a file that cannot seek.
AnyTensor load_npy_rows(const std::filesystem::path& path, index_t begin, index_t end);

// Rows [begin, end) as Tensor<T>, converted if the file holds another dtype, provided `casting`
// allows it (see load_npy_as). Conversion goes a chunk of about 4 MiB at a time, so memory is the
// result and one chunk as stored and converted (about 8 MiB), never the rows twice. Throws load_npy_rows's and load_npy_as's errors.
template <Element T>
Tensor<T> load_npy_rows_as(const std::filesystem::path& path, index_t begin, index_t end,
                           Casting casting = Casting::safe);

// np.load(path, mmap_mode="c"): the array as the file's own pages, mapped without reading or
// copying them. Pages are read on first touch and shared with the page cache, so an array larger
// than memory can be used; a write copies its page privately and never reaches the file. A
// Fortran-order file maps as a transposed (F-contiguous) view. Only data that lies in the file as
// einspan holds it can be mapped (can_map_npy): native byte order, and not float16 or bool, which
// load_npy converts or checks. Throws ValueError for other data and for a file that cannot be
// mapped (a pipe), load_npy's IOError for a short or unreadable file. As with any mapping, a file
// truncated by someone else while mapped faults (SIGBUS) on the pages it lost.
AnyTensor map_npy(const std::filesystem::path& path);

// np.load(path, mmap_mode="c")[begin:end], mapping only the pages that hold those rows: how each
// process of a distributed fit holds its rows of one file. Also throws IndexError when the range is
// not within [0, rows], and ValueError for a 0-d array and a Fortran-order file of more than one
// dimension (its rows are not contiguous).
AnyTensor map_npy_rows(const std::filesystem::path& path, index_t begin, index_t end);

// Whether map_npy can map the data `header` describes.
bool can_map_npy(const NpyHeader& header);

namespace detail {
// load_npy_rows converted to `to` chunk by chunk (load_npy_rows_as), after checking `casting`.
AnyTensor load_npy_rows_checked(const std::filesystem::path& path, index_t begin, index_t end, DType to,
                                Casting casting);

// load_npy, first checking that the file's dtype (as stored, so f2 -> int16 is refused) casts to
// `to` under `casting`; throws TypeError naming the file otherwise. The result is not converted.
AnyTensor load_npy_checked(const std::filesystem::path& path, DType to, Casting casting);
}  // namespace detail

// The array stored in `path` as Tensor<T>, converted if the file holds another dtype, provided
// `casting` allows it (see can_cast; the default `safe` allows only lossless conversions, such
// as an f4 or i4 file loaded as double). Throws TypeError when it does not, plus load_npy's
// errors. Without conversion the result is the loaded tensor itself (no extra copy).
template <Element T>
Tensor<T> load_npy_as(const std::filesystem::path& path, Casting casting = Casting::safe) {
  return detail::load_npy_checked(path, dtype_of<T>, casting).template as<T>();
}

template <Element T>
Tensor<T> load_npy_rows_as(const std::filesystem::path& path, index_t begin, index_t end, Casting casting) {
  return detail::load_npy_rows_checked(path, begin, end, dtype_of<T>, casting).template as<T>();
}

// The spelling of load_npy_as: load_npy<double>(path). Without a template argument,
// load_npy(path) is the AnyTensor overload above.
template <Element T>
Tensor<T> load_npy(const std::filesystem::path& path, Casting casting = Casting::safe) {
  return load_npy_as<T>(path, casting);
}

namespace detail {
// Writes a .npy file atomically: into a temporary file next to `path`, then renamed over it.
// On failure the temporary file is removed and an existing `path` is left untouched.
void write_npy(const std::filesystem::path& path, DType dtype, std::span<const index_t> shape, const void* data);
}  // namespace detail

// np.save(path, t): writes t's elements in C order (any strides; views are gathered first), as a
// version 1.0 file in native byte order. Atomic: the file is written under a temporary name in the
// same directory and renamed over `path` (replacing an existing file; if `path` is a symbolic
// link, the file it points to is replaced). On failure nothing is left behind and an existing
// file is untouched. Throws IOError naming the file. Unlike np.save, no ".npy" is appended.
template <Element T>
void save_npy(const std::filesystem::path& path, const Tensor<T>& t) {
  const Tensor<T> c = t.contiguous();
  detail::write_npy(path, dtype_of<T>, c.shape(), c.data());
}
void save_npy(const std::filesystem::path& path, const AnyTensor& t);

namespace detail {
// The dictionary of a .npy header, checked as np.load checks it: a Python dict literal with
// exactly the keys 'descr' (a str), 'fortran_order' (a bool) and 'shape' (a tuple of
// non-negative ints), in any order, with any spacing and trailing commas. Throws IOError naming
// `path` when the text is not such a dict; the descr is returned unchecked.
struct NpyHeaderDict {
  std::string descr;
  bool fortran_order = false;
  Dims shape;
};
NpyHeaderDict parse_npy_header_dict(std::string_view text, const std::filesystem::path& path);

// A descr we can load: its on-disk kind ('f', 'i', 'u' or 'b') and size in bytes, whether its
// byte order differs from ours, and the element type it loads as. '|' and '=' mean native order.
struct NpyDescr {
  char kind = 'f';
  std::size_t size = 8;
  bool swap_bytes = false;
  DType dtype = DType::float64;
};
// Throws TypeError naming `path` and the descr for a dtype we do not load ('<c16', '<U3', '|O').
NpyDescr parse_npy_descr(std::string_view descr, const std::filesystem::path& path);

// The complete header np.save writes (magic, version, length, dict, padding, newline) for a
// C-order array of `dtype` in native byte order; its size is a multiple of 64.
std::string format_npy_header(DType dtype, std::span<const index_t> shape);
}  // namespace detail

}  // namespace einspan
