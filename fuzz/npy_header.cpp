// Fuzz target: the .npy header's dict parser and descr parser on arbitrary text.
//
// Input: the dict text (what follows the length field in a file). Its first 16 bytes are also
// parsed as a descr on their own.
//
// Properties:
//  - parse_npy_header_dict either returns a dict or throws IOError (TypeError for a structured
//    descr), naming the file;
//  - an accepted dict has non-negative dimensions, and printed again as np.save prints a dict
//    (its descr as a Python string literal) it parses back to the same descr, order and shape;
//  - parse_npy_descr accepts exactly the descrs of npy_reference.hpp's table, with the same dtype,
//    size and byte order, and otherwise throws TypeError naming the file and the descr;
//  - the header format_npy_header writes for an accepted descr and shape is np.save's
//    (npy_reference.hpp) and parses back to that descr and shape.
#include "fuzz_support.hpp"
#include "npy_reference.hpp"

#include <einspan/tensor.hpp>

using namespace einspan;
using namespace einspan::fuzz;

namespace {

const std::filesystem::path fake_path = "fuzz-header.npy";

// A Python string literal for s, as repr() would quote it (with the escapes the parser reads).
std::string python_literal(std::string_view s) {
  std::string out = "'";
  for (const char c : s) {
    if (c == '\\') out += "\\\\";
    else if (c == '\'') out += "\\'";
    else if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else out += c;
  }
  return out + "'";
}

void check_descr(std::string_view descr) {
  detail::NpyDescr got;
  std::string error;
  const std::type_info* type = nullptr;
  const bool ok = accepts([&] { got = detail::parse_npy_descr(descr, fake_path); }, &error, &type);
  const std::optional<ReferenceDescr> want = reference_descr(descr);
  EINSPAN_FUZZ_CHECK(ok == want.has_value(), fmt::format("descr '{}': einspan {}, the reference {}", descr,
                                                         ok ? "accepts" : "rejects", want ? "accepts" : "rejects"));
  if (!ok) {
    EINSPAN_FUZZ_CHECK(*type == typeid(TypeError), error);
    EINSPAN_FUZZ_CHECK(error.find(fake_path.string()) != std::string::npos, error);
    return;
  }
  EINSPAN_FUZZ_CHECK(got.kind == want->kind && got.size == want->size && got.swap_bytes == want->swap &&
                         got.dtype == want->dtype,
                     fmt::format("descr '{}' decoded differently", descr));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check_descr(text.substr(0, 16));

  detail::NpyHeaderDict dict;
  std::string error;
  const std::type_info* type = nullptr;
  if (!accepts([&] { dict = detail::parse_npy_header_dict(text, fake_path); }, &error, &type)) {
    EINSPAN_FUZZ_CHECK(*type == typeid(IOError) || *type == typeid(TypeError), error);
    EINSPAN_FUZZ_CHECK(error.find(fake_path.string()) != std::string::npos, error);
    return 0;
  }
  for (const index_t d : dict.shape) EINSPAN_FUZZ_CHECK(d >= 0, "a negative dimension was accepted");

  const std::string printed = "{'descr': " + python_literal(dict.descr) + ", 'fortran_order': " +
                              (dict.fortran_order ? "True" : "False") + ", 'shape': " + shape_repr(dict.shape) + ", }";
  detail::NpyHeaderDict again;
  EINSPAN_FUZZ_CHECK(accepts([&] { again = detail::parse_npy_header_dict(printed, fake_path); }, &error),
                     "the printed dict " + printed + " does not parse: " + error);
  EINSPAN_FUZZ_CHECK(again.descr == dict.descr && again.fortran_order == dict.fortran_order &&
                         again.shape == dict.shape,
                     "the printed dict parses differently: " + printed);

  check_descr(dict.descr);
  const std::optional<ReferenceDescr> descr = reference_descr(dict.descr);
  if (!descr) return 0;
  std::string header;
  EINSPAN_FUZZ_CHECK(accepts([&] { header = detail::format_npy_header(descr->dtype, dict.shape); }, &error), error);
  EINSPAN_FUZZ_CHECK(header == reference_npy_header(descr->dtype, dict.shape),
                     "format_npy_header differs from np.save's header for " + printed);
  const std::size_t start = header[6] == 1 ? 10 : 12;
  const detail::NpyHeaderDict written = detail::parse_npy_header_dict(header.substr(start), fake_path);
  EINSPAN_FUZZ_CHECK(written.shape == dict.shape && !written.fortran_order &&
                         reference_descr(written.descr).value().dtype == descr->dtype,
                     "format_npy_header's dict does not parse back");
  return 0;
}
