// Fuzz target: load_npy on arbitrary bytes, written to a file of this process's own.
//
// Properties:
//  - a rejected file throws IOError or TypeError (ValueError for sizes), naming the file;
//  - read_npy_header agrees with load_npy: both accept or both reject, with the same dtype and shape;
//  - an accepted file has exactly the data its header describes (the length field, the shape and
//    the item size account for every byte), and the loaded elements are the file's bytes decoded
//    by npy_reference.hpp (byte order, Fortran order, float16, bool);
//  - save_npy of the loaded tensor writes the header np.save writes (npy_reference.hpp) followed by
//    the elements, and that file loads back to the same dtype, shape and bytes; a file that was
//    already in np.save's form comes back byte for byte (bools normalised to 0 and 1).
#include "fuzz_support.hpp"
#include "npy_reference.hpp"

#include <bit>
#include <einspan/tensor.hpp>

using namespace einspan;
using namespace einspan::fuzz;

static_assert(std::endian::native == std::endian::little, "npy_reference.hpp decodes for a little-endian machine");

namespace {

std::string_view tensor_bytes(const AnyTensor& t) {
  return t.visit([](const auto& tensor) {
    EINSPAN_FUZZ_CHECK(tensor.is_contiguous(), "load_npy returned a tensor that is not C-contiguous");
    using T = typename std::decay_t<decltype(tensor)>::value_type;
    return std::string_view(reinterpret_cast<const char*>(tensor.data()),
                            static_cast<std::size_t>(tensor.size()) * sizeof(T));
  });
}

// Equal bytes, except that float32 NaNs (from float16 payloads) need only both be NaN.
bool same_elements(std::string_view got, const std::vector<unsigned char>& want, bool float32) {
  if (got.size() != want.size()) return false;
  if (want.empty()) return true;
  if (!float32) return std::memcmp(got.data(), want.data(), want.size()) == 0;
  for (std::size_t i = 0; i < want.size(); i += 4) {
    float a, b;
    std::memcpy(&a, got.data() + i, 4);
    std::memcpy(&b, want.data() + i, 4);
    if (std::isnan(a) && std::isnan(b)) continue;
    if (std::memcmp(&a, &b, 4) != 0) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::filesystem::path path = write_scratch_file("input.npy", data, size);
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);

  AnyTensor loaded;
  std::string error;
  const std::type_info* type = nullptr;
  const bool ok = accepts([&] { loaded = load_npy(path); }, &error, &type);
  NpyHeader header;
  std::string header_error;
  const bool header_ok = accepts([&] { header = read_npy_header(path); }, &header_error);
  if (!ok) {
    EINSPAN_FUZZ_CHECK(*type == typeid(IOError) || *type == typeid(TypeError) || *type == typeid(ValueError), error);
    EINSPAN_FUZZ_CHECK(error.find(path.string()) != std::string::npos, "the message does not name the file: " + error);
    // The header alone may be fine (the data is what is wrong); if it is not, it fails the same way.
    if (!header_ok) EINSPAN_FUZZ_CHECK(header_error == error, header_error + " | " + error);
    return 0;
  }
  EINSPAN_FUZZ_CHECK(header_ok, "read_npy_header rejects a file load_npy accepts: " + header_error);
  EINSPAN_FUZZ_CHECK(header.dtype == loaded.dtype() && header.shape == loaded.shape(), "header and data disagree");

  // The layout of the file, decoded here: magic, version, little-endian length, header, data.
  EINSPAN_FUZZ_CHECK(bytes.substr(0, 6) == std::string_view("\x93NUMPY", 6) && size >= 10, "no magic");
  const std::size_t length_bytes = data[6] == 1 ? 2 : 4;
  std::size_t header_length = 0;
  for (std::size_t b = length_bytes; b-- > 0;) header_length = header_length * 256 + data[8 + b];
  EINSPAN_FUZZ_CHECK(header.data_offset == 8 + length_bytes + header_length, "data offset");
  const std::optional<ReferenceDescr> descr = reference_descr(header.descr);
  EINSPAN_FUZZ_CHECK(descr && descr->dtype == loaded.dtype(), "loaded a descr the reference does not: " + header.descr);
  std::size_t count = 1;
  for (index_t n : header.shape) count *= static_cast<std::size_t>(n);
  EINSPAN_FUZZ_CHECK(size == header.data_offset + count * descr->size, "the data size disagrees with the shape");
  const bool from_half = descr->kind == 'f' && descr->size == 2;
  const std::vector<unsigned char> want =
      reference_elements(bytes.substr(header.data_offset), *descr, header.shape, header.fortran_order);
  EINSPAN_FUZZ_CHECK(same_elements(tensor_bytes(loaded), want, from_half), "loaded elements differ from the file's");

  // Saved, the tensor is np.save's bytes for it, and loads back the same.
  const std::filesystem::path saved_path = scratch_directory() / "saved.npy";
  EINSPAN_FUZZ_CHECK(accepts([&] { save_npy(saved_path, loaded); }, &error), "save_npy: " + error);
  const std::string saved = read_whole_file(saved_path);
  const std::string expected_header = reference_npy_header(loaded.dtype(), loaded.shape());
  EINSPAN_FUZZ_CHECK(saved.substr(0, expected_header.size()) == expected_header, "save_npy's header is not np.save's");
  EINSPAN_FUZZ_CHECK(saved.substr(expected_header.size()) == tensor_bytes(loaded), "save_npy's data");
  AnyTensor again;
  EINSPAN_FUZZ_CHECK(accepts([&] { again = load_npy(saved_path); }, &error), "the saved file does not load: " + error);
  EINSPAN_FUZZ_CHECK(again.dtype() == loaded.dtype() && again.shape() == loaded.shape() &&
                         tensor_bytes(again) == tensor_bytes(loaded),
                     "the saved file loads back differently");
  if (!from_half && bytes.substr(0, header.data_offset) == expected_header)
    EINSPAN_FUZZ_CHECK(saved.substr(expected_header.size()) == std::string_view(reinterpret_cast<const char*>(want.data()), want.size()),
                       "a file in np.save's form is not saved back byte for byte");

  // Loading with a conversion either converts or refuses with TypeError.
  Tensor<double> as_double;
  const bool cast_ok = accepts([&] { as_double = load_npy_as<double>(path, Casting::same_kind); }, &error, &type);
  if (!cast_ok) EINSPAN_FUZZ_CHECK(*type == typeid(TypeError), error);
  else EINSPAN_FUZZ_CHECK(as_double.shape() == loaded.shape(), "load_npy_as<double> changed the shape");
  return 0;
}
