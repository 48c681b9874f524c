// The header of a .npy file: the Python dict literal np.save writes, its descr, and the exact
// bytes np.save produces (numpy/lib/format.py, _write_array_header and _wrap_header).
#include <bit>
#include <charconv>
#include <einspan/tensor/npy.hpp>
#include <limits>
#include <vector>

namespace einspan::detail {

namespace {

// The subset of Python literals a header can hold. Anything else (floats, sets, calls...) is
// rejected, as ast.literal_eval would reject or np.load would refuse it.
struct Literal {
  enum class Kind { none, boolean, integer, string, tuple, list, dict };
  Kind kind = Kind::none;
  bool boolean = false;
  index_t integer = 0;
  bool integer_too_large = false;  // Python ints are unbounded; ours are not
  std::string text;                // the value of a string
  std::vector<Literal> items;      // tuple/list elements; for a dict, key, value, key, value...
  std::string_view source;         // the literal as written, for error messages
};

// Headers quoted in messages are cut, and their bytes made printable; a hostile file could have
// a huge one, or one of binary bytes.
std::string quote_source(std::string_view s) { return detail::printable_excerpt(s, 200); }

class LiteralParser {
 public:
  LiteralParser(std::string_view text, const std::filesystem::path& path) : text_(text), path_(path) {}

  Literal parse_document() {
    skip_space();
    if (at_end()) fail("the header is empty");
    Literal value = parse_value(0);
    skip_space();
    if (!at_end()) fail("unexpected text after the header's dict");
    return value;
  }

 private:
  // Nesting deeper than this is not a header; the limit keeps '((((...' from exhausting the stack.
  static constexpr int max_depth = 32;

  [[noreturn]] void fail(std::string_view problem) const {
    if (at_end() && problem.starts_with("expected")) fail(fmt::format("unexpected end of header ({})", problem));
    throw IOError(fmt::format("load_npy: '{}': cannot parse the .npy header: {} at character {} of \"{}\"",
                              path_.string(), problem, pos_, quote_source(text_)));
  }

  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }
  void skip_space() {
    while (!at_end() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) ++pos_;
  }
  bool is_word_char(char c) const {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }

  Literal parse_value(int depth) {
    if (depth > max_depth) fail("nesting too deep");
    const std::size_t start = pos_;
    Literal value;
    const char c = peek();
    if (c == '{') {
      value = parse_dict(depth);
    } else if (c == '(' || c == '[') {
      value = parse_sequence(depth);
    } else if (c == '\'' || c == '"') {
      value = parse_string();
    } else if ((c == 'u' || c == 'b') && pos_ + 1 < text_.size() &&
               (text_[pos_ + 1] == '\'' || text_[pos_ + 1] == '"')) {
      ++pos_;  // Python 2 wrote u'...' in some headers; b'...' is harmless to accept too
      value = parse_string();
    } else if (c == '-' || c == '+' || (c >= '0' && c <= '9')) {
      value = parse_integer();
    } else if (is_word_char(c)) {
      value = parse_keyword();
    } else {
      fail(at_end() ? std::string("unexpected end of header") : fmt::format("unexpected character '{}'", c));
    }
    value.source = text_.substr(start, pos_ - start);
    return value;
  }

  Literal parse_keyword() {
    const std::size_t start = pos_;
    while (!at_end() && is_word_char(peek())) ++pos_;
    const std::string_view word = text_.substr(start, pos_ - start);
    Literal value;
    if (word == "True" || word == "False") {
      value.kind = Literal::Kind::boolean;
      value.boolean = word == "True";
    } else if (word == "None") {
      value.kind = Literal::Kind::none;
    } else {
      pos_ = start;
      fail(fmt::format("unexpected name '{}'", word));
    }
    return value;
  }

  Literal parse_integer() {
    Literal value;
    value.kind = Literal::Kind::integer;
    bool negative = false;
    if (peek() == '-' || peek() == '+') {
      negative = peek() == '-';
      ++pos_;
      skip_space();
    }
    const std::size_t start = pos_;
    while (!at_end() && peek() >= '0' && peek() <= '9') ++pos_;
    if (pos_ == start) fail("expected digits");
    const std::string_view digits = text_.substr(start, pos_ - start);
    std::uint64_t magnitude = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), magnitude);
    if (ec == std::errc::result_out_of_range ||
        magnitude > static_cast<std::uint64_t>(std::numeric_limits<index_t>::max())) {
      value.integer_too_large = true;
    } else {
      value.integer = negative ? -static_cast<index_t>(magnitude) : static_cast<index_t>(magnitude);
    }
    if (peek() == 'L' || peek() == 'l') ++pos_;  // Python 2 longs, as np.load's _filter_header allows
    if (!at_end() && (is_word_char(peek()) || peek() == '.')) fail("expected an integer");
    return value;
  }

  Literal parse_string() {
    const char quote = peek();
    ++pos_;
    Literal value;
    value.kind = Literal::Kind::string;
    while (true) {
      if (at_end()) fail("unterminated string");
      char c = text_[pos_++];
      if (c == quote) break;
      if (c == '\n') fail("newline inside a string");
      if (c == '\\') {
        if (at_end()) fail("unterminated string");
        const char e = text_[pos_++];
        switch (e) {
          case 'n': c = '\n'; break;
          case 't': c = '\t'; break;
          case '\\':
          case '\'':
          case '"': c = e; break;
          default:
            value.text.push_back('\\');
            c = e;
            break;
        }
      }
      value.text.push_back(c);
    }
    return value;
  }

  // Python's display rules: () and [] are empty, (x) is just x, (x,) and (x, y) are tuples.
  Literal parse_sequence(int depth) {
    const char close = peek() == '(' ? ')' : ']';
    const bool is_tuple = close == ')';
    ++pos_;
    Literal value;
    value.kind = is_tuple ? Literal::Kind::tuple : Literal::Kind::list;
    bool saw_comma = false;
    while (true) {
      skip_space();
      if (at_end()) fail("unexpected end of header");
      if (peek() == close) {
        ++pos_;
        break;
      }
      value.items.push_back(parse_value(depth + 1));
      skip_space();
      if (peek() == ',') {
        ++pos_;
        saw_comma = true;
      } else if (peek() != close) {
        fail(fmt::format("expected ',' or '{}'", close));
      }
    }
    if (is_tuple && value.items.size() == 1 && !saw_comma) return std::move(value.items.front());
    return value;
  }

  Literal parse_dict(int depth) {
    ++pos_;
    Literal value;
    value.kind = Literal::Kind::dict;
    while (true) {
      skip_space();
      if (at_end()) fail("unexpected end of header");
      if (peek() == '}') {
        ++pos_;
        break;
      }
      value.items.push_back(parse_value(depth + 1));
      skip_space();
      if (peek() != ':') fail("expected ':' after a dict key");
      ++pos_;
      skip_space();
      value.items.push_back(parse_value(depth + 1));
      skip_space();
      if (peek() == ',') {
        ++pos_;
      } else if (peek() != '}') {
        fail("expected ',' or '}'");
      }
    }
    return value;
  }

  std::string_view text_;
  const std::filesystem::path& path_;
  std::size_t pos_ = 0;
};

[[noreturn]] void bad_header(const std::filesystem::path& path, std::string_view problem) {
  throw IOError(fmt::format("load_npy: '{}': invalid .npy header: {}", path.string(), problem));
}

}  // namespace

NpyHeaderDict parse_npy_header_dict(std::string_view text, const std::filesystem::path& path) {
  const Literal dict = LiteralParser(text, path).parse_document();
  if (dict.kind != Literal::Kind::dict)
    bad_header(path, fmt::format("the header is not a dict: {}", quote_source(dict.source)));

  const Literal* descr = nullptr;
  const Literal* fortran_order = nullptr;
  const Literal* shape = nullptr;
  std::vector<std::string> keys;
  bool keys_ok = true;
  for (std::size_t i = 0; i < dict.items.size(); i += 2) {
    const Literal& key = dict.items[i];
    keys.push_back(std::string(key.source));
    const Literal** slot = nullptr;
    if (key.kind == Literal::Kind::string) {
      if (key.text == "descr") slot = &descr;
      if (key.text == "fortran_order") slot = &fortran_order;
      if (key.text == "shape") slot = &shape;
    }
    if (slot == nullptr) {
      keys_ok = false;
    } else if (*slot != nullptr) {
      bad_header(path, fmt::format("duplicate key {}", key.source));
    } else {
      *slot = &dict.items[i + 1];
    }
  }
  if (!keys_ok || !descr || !fortran_order || !shape)
    bad_header(path, fmt::format("the header does not contain the correct keys: expected 'descr', "
                                 "'fortran_order', 'shape'; found [{}]",
                                 fmt::join(keys, ", ")));

  NpyHeaderDict out;
  if (descr->kind == Literal::Kind::list)
    throw TypeError(fmt::format("load_npy: '{}': unsupported dtype {}: structured arrays are not supported",
                                path.string(), quote_source(descr->source)));
  if (descr->kind != Literal::Kind::string)
    bad_header(path, fmt::format("descr is not a valid dtype descriptor: {}", quote_source(descr->source)));
  out.descr = descr->text;

  if (fortran_order->kind != Literal::Kind::boolean)
    bad_header(path, fmt::format("fortran_order is not a valid bool: {}", quote_source(fortran_order->source)));
  out.fortran_order = fortran_order->boolean;

  const auto bad_shape = [&](std::string_view why) {
    bad_header(path, fmt::format("shape is not valid ({}): {}", why, quote_source(shape->source)));
  };
  if (shape->kind != Literal::Kind::tuple) bad_shape("not a tuple");
  for (const Literal& d : shape->items) {
    if (d.kind != Literal::Kind::integer) bad_shape("not all integers");
    if (d.integer_too_large) bad_shape("a dimension does not fit in 64 bits");
    if (d.integer < 0) bad_shape("negative dimension");
    out.shape.push_back(d.integer);
  }
  return out;
}

NpyDescr parse_npy_descr(std::string_view descr, const std::filesystem::path& path) {
  const auto unsupported = [&]() -> NpyDescr {
    throw TypeError(fmt::format("load_npy: '{}': unsupported dtype '{}' (einspan loads b1, i1, u1, i2, u2, i4, u4, i8, "
                                "u8, f4 and f8 in either byte order, and f2 widened to float32)",
                                path.string(), descr));
  };
  std::string_view code = descr;
  char order = '|';
  if (!code.empty() && (code[0] == '<' || code[0] == '>' || code[0] == '|' || code[0] == '=')) {
    order = code[0];
    code.remove_prefix(1);
  }
  if (code.size() < 2) return unsupported();
  NpyDescr out;
  out.kind = code[0];
  const std::string_view digits = code.substr(1);
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out.size);
  if (ec != std::errc() || end != digits.data() + digits.size()) return unsupported();

  struct Known {
    char kind;
    std::size_t size;
    DType dtype;
  };
  static constexpr Known known[] = {
      {'f', 4, DType::float32}, {'f', 8, DType::float64}, {'i', 4, DType::int32},  {'i', 8, DType::int64},
      {'b', 1, DType::bool_},   {'u', 1, DType::uint8},   {'i', 1, DType::int8},   {'u', 2, DType::uint16},
      {'i', 2, DType::int16},   {'u', 4, DType::uint32},  {'u', 8, DType::uint64}, {'f', 2, DType::float32},
  };
  const auto* match = std::find_if(std::begin(known), std::end(known),
                                   [&](const Known& k) { return k.kind == out.kind && k.size == out.size; });
  if (match == std::end(known)) return unsupported();
  out.dtype = match->dtype;
  const char native = std::endian::native == std::endian::little ? '<' : '>';
  out.swap_bytes = out.size > 1 && (order == '<' || order == '>') && order != native;
  return out;
}

std::string format_npy_header(DType dtype, std::span<const index_t> shape) {
  // np.save writes '|' for one-byte types, which have no byte order.
  const char order = dtype_size(dtype) == 1 ? '|' : std::endian::native == std::endian::little ? '<' : '>';
  constexpr char kinds[] = {'b', 'u', 'i', 'f'};  // by NumPy kind, as dtype_traits numbers them
  const char kind = kinds[detail::dtype_traits(dtype).kind];
  std::string dict = fmt::format("{{'descr': '{}{}{}', 'fortran_order': False, 'shape': {}, }}", order, kind,
                                 dtype_size(dtype), format_shape(shape));
  // np.save leaves room to rewrite the first dimension in place when appending data.
  constexpr std::size_t growth_axis_max_digits = 21;
  if (!shape.empty())
    dict.append(growth_axis_max_digits - std::min(growth_axis_max_digits, fmt::formatted_size("{}", shape[0])), ' ');

  constexpr std::size_t array_align = 64;
  constexpr std::string_view magic = "\x93NUMPY";
  const std::size_t text_size = dict.size() + 1;  // + the final newline
  for (int major : {1, 2}) {
    const std::size_t length_bytes = major == 1 ? 2 : 4;
    const std::size_t padding = array_align - (magic.size() + 2 + length_bytes + text_size) % array_align;
    const std::size_t header_length = text_size + padding;
    if (major == 1 && header_length > 0xFFFF) continue;
    std::string out(magic);
    out.push_back(static_cast<char>(major));
    out.push_back('\0');
    for (std::size_t b = 0; b < length_bytes; ++b) out.push_back(static_cast<char>((header_length >> (8 * b)) & 0xFF));
    out += dict;
    out.append(padding, ' ');
    out.push_back('\n');
    return out;
  }
  throw ValueError(fmt::format("save_npy: a header for shape {} does not fit in a .npy file", format_shape(shape)));
}

}  // namespace einspan::detail
