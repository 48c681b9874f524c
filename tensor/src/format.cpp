// A port of NumPy's arrayprint (numpy/core/arrayprint.py, NumPy 1.24): the element formatters
// (IntegerFormat, BoolFormat, FloatingFormat in 'maxprec' mode) and _formatArray's line layout,
// with NumPy's default print options.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <einspan/tensor/format.hpp>
#include <limits>
#include <vector>

namespace einspan {

namespace {

constexpr std::size_t line_width = 75;
constexpr index_t threshold = 1000;
constexpr index_t edge_items = 3;
constexpr int precision = 8;

// ---- float digits ---------------------------------------------------------------------------

// A finite float as sign, significant digits d0 d1 d2 ... and decimal exponent: d0.d1d2... x 10^exponent.
struct Decimal {
  bool negative = false;
  std::string digits;
  int exponent = 0;
};

// Parses std::to_chars scientific output such as "-1.2345e-05".
Decimal parse_scientific(const char* first, const char* last) {
  Decimal d;
  const char* p = first;
  if (*p == '-') {
    d.negative = true;
    ++p;
  }
  for (; p != last && *p != 'e'; ++p)
    if (*p != '.') d.digits += *p;
  if (p != last) std::from_chars(p[1] == '+' ? p + 2 : p + 1, last, d.exponent);
  return d;
}

// Shortest digits that read back as x, like Dragon4 in NumPy's unique mode.
template <class F>
Decimal shortest(F x) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific);
  return parse_scientific(buf, r.ptr);
}

// x rounded (exactly, half to even) to `fraction_digits` digits after the mantissa's point.
template <class F>
Decimal scientific_digits(F x, int fraction_digits) {
  char buf[128];
  const auto r = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific, fraction_digits);
  return parse_scientific(buf, r.ptr);
}

void trim_zeros(std::string& fraction) {
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
}

// Integer and fraction parts of x in positional notation: the shortest unique digits, rounded
// to at most `precision` fraction digits, trailing zeros trimmed (NumPy's trim='.').
template <class F>
std::pair<std::string, std::string> positional_parts(F x) {
  const Decimal d = shortest(x);
  const int fraction_needed = static_cast<int>(d.digits.size()) - 1 - d.exponent;
  std::string int_part = d.negative ? "-" : "", fraction;
  if (fraction_needed > precision) {
    char buf[512];
    const auto r = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::fixed, precision);
    const std::string text(buf, r.ptr);
    const auto point = text.find('.');
    int_part = text.substr(0, point);
    fraction = text.substr(point + 1);
    trim_zeros(fraction);
    return {int_part, fraction};
  }
  if (d.exponent >= 0) {
    const auto n_int = static_cast<std::size_t>(d.exponent) + 1;
    std::string digits = d.digits;
    if (digits.size() < n_int) digits.append(n_int - digits.size(), '0');
    int_part += digits.substr(0, n_int);
    fraction = digits.substr(n_int);
  } else {
    int_part += "0";
    fraction = std::string(static_cast<std::size_t>(-d.exponent - 1), '0') + d.digits;
  }
  trim_zeros(fraction);
  return {int_part, fraction};
}

struct ScientificParts {
  std::string int_part;  // sign and one digit
  std::string fraction;
  int exponent;
};

// Mantissa and exponent of x: shortest unique digits, at most `precision` fraction digits, at
// least `min_fraction` (filled with the exact value's further digits, as Dragon4's min_digits).
template <class F>
ScientificParts scientific_parts(F x, int min_fraction) {
  Decimal d = shortest(x);
  const int fraction_needed = static_cast<int>(d.digits.size()) - 1;
  if (fraction_needed > precision) {
    d = scientific_digits(x, precision);
    std::string fraction = d.digits.substr(1);
    trim_zeros(fraction);
    d.digits = d.digits.substr(0, 1) + fraction;
  }
  if (static_cast<int>(d.digits.size()) - 1 < min_fraction) d = scientific_digits(x, min_fraction);
  return {std::string(d.negative ? "-" : "") + d.digits[0], d.digits.substr(1), d.exponent};
}

std::string exponent_text(int exponent, std::size_t min_digits) {
  std::string digits = std::to_string(std::abs(exponent));
  if (digits.size() < min_digits) digits.insert(0, min_digits - digits.size(), '0');
  return (exponent < 0 ? "-" : "+") + digits;
}

// ---- element formatters ---------------------------------------------------------------------

// NumPy's IntegerFormat: right-aligned to the widest of max and min.
template <class T>
struct IntegerFormat {
  std::size_t width = 0;
  IntegerFormat(const std::vector<T>& data, bool) {
    if (data.empty()) return;
    const auto [lo, hi] = std::minmax_element(data.begin(), data.end());
    width = std::max(fmt::formatted_size("{}", *lo), fmt::formatted_size("{}", *hi));
  }
  std::string operator()(T x) const { return fmt::format("{:>{}}", x, width); }
};

// NumPy's BoolFormat: " True" lines up with "False", except in a 0-d array.
struct BoolFormat {
  const char* true_text;
  BoolFormat(const std::vector<bool>&, bool zero_d) : true_text(zero_d ? "True" : " True") {}
  std::string operator()(bool x) const { return x ? true_text : "False"; }
};

// NumPy's FloatingFormat with floatmode='maxprec', sign='-', suppress=False.
template <class F>
class FloatingFormat {
 public:
  FloatingFormat(const std::vector<F>& data, bool) {
    std::vector<F> finite;
    bool has_nonfinite = false, has_neg_inf = false;
    for (F x : data) {
      if (std::isfinite(x)) {
        finite.push_back(x);
      } else {
        has_nonfinite = true;
        has_neg_inf = has_neg_inf || (std::isinf(x) && x < 0);
      }
    }
    // Scientific notation when the non-zero magnitudes are very large, very small or far apart.
    F max_abs = 0, min_abs = std::numeric_limits<F>::infinity();
    for (F x : finite) {
      if (x == 0) continue;
      max_abs = std::max(max_abs, std::abs(x));
      min_abs = std::min(min_abs, std::abs(x));
    }
    if (max_abs > 0)
      exp_format_ = max_abs >= F(1e8) || min_abs < F(0.0001) || static_cast<double>(max_abs) / min_abs > 1000.0;

    if (finite.empty()) {
      pad_left_ = pad_right_ = 0;
    } else if (exp_format_) {
      for (F x : finite) {
        const ScientificParts p = scientific_parts(x, 0);
        pad_left_ = std::max(pad_left_, p.int_part.size());
        fraction_digits_ = std::max(fraction_digits_, static_cast<int>(p.fraction.size()));
        exp_size_ = std::max(exp_size_, exponent_text(p.exponent, 2).size() - 1);
      }
      pad_right_ = exp_size_ + 2 + static_cast<std::size_t>(fraction_digits_);
    } else {
      for (F x : finite) {
        const auto [int_part, fraction] = positional_parts(x);
        pad_left_ = std::max(pad_left_, int_part.size());
        pad_right_ = std::max(pad_right_, fraction.size());
      }
    }
    if (has_nonfinite) {
      const std::size_t offset = pad_right_ + 1;
      const std::size_t inf_len = 3 + (has_neg_inf ? 1 : 0);
      if (3 > offset) pad_left_ = std::max(pad_left_, 3 - offset);
      if (inf_len > offset) pad_left_ = std::max(pad_left_, inf_len - offset);
    }
  }

  std::string operator()(F x) const {
    if (!std::isfinite(x)) {
      const char* text = std::isnan(x) ? "nan" : x < 0 ? "-inf" : "inf";
      return fmt::format("{:>{}}", text, pad_left_ + pad_right_ + 1);
    }
    if (exp_format_) {
      const ScientificParts p = scientific_parts(x, fraction_digits_);
      return fmt::format("{:>{}}.{}e{}", p.int_part, pad_left_, p.fraction, exponent_text(p.exponent, exp_size_));
    }
    const auto [int_part, fraction] = positional_parts(x);
    return fmt::format("{:>{}}.{:<{}}", int_part, pad_left_, fraction, pad_right_);
  }

 private:
  bool exp_format_ = false;
  std::size_t pad_left_ = 0;
  std::size_t pad_right_ = 0;
  int fraction_digits_ = 0;  // scientific mode: digits after the mantissa's point
  std::size_t exp_size_ = 0;  // scientific mode: digits of the exponent
};

template <class T>
using ElementFormat = std::conditional_t<std::is_same_v<T, bool>, BoolFormat,
                                         std::conditional_t<std::is_floating_point_v<T>, FloatingFormat<T>, IntegerFormat<T>>>;

// ---- layout ---------------------------------------------------------------------------------

std::string rstrip(const std::string& s) {
  const auto end = s.find_last_not_of(" \n");
  return end == std::string::npos ? std::string() : s.substr(0, end + 1);
}

// NumPy's _formatArray: nested brackets, rows wrapped at the line width, "..." for summaries.
template <class T>
class ArrayPrinter {
 public:
  ArrayPrinter(const Tensor<T>& t, std::string separator, std::size_t prefix_length, std::size_t width)
      : t_(t), separator_(std::move(separator)), width_(width), summarise_(t.size() > threshold),
        format_(summary_data(), t.ndim() == 0), prefix_(std::string(prefix_length + 1, ' ')) {}

  std::string print() {
    Dims index;
    return recurse(index, prefix_, width_);
  }

 private:
  T element(const Dims& index) const {
    index_t offset = t_.offset();
    for (std::size_t k = 0; k < index.size(); ++k) offset += index[k] * t_.strides()[k];
    return t_.buffer().get()[offset];
  }

  bool summarised(std::size_t axis) const { return summarise_ && 2 * edge_items < t_.shape()[axis]; }

  // The values the element formatter sizes its columns from: every element, or only the
  // leading and trailing edge_items along each axis of a summarised tensor (as NumPy does).
  std::vector<T> summary_data() const {
    std::vector<T> values;
    Dims index;
    collect(index, values);
    return values;
  }
  void collect(Dims& index, std::vector<T>& values) const {
    const std::size_t axis = index.size();
    if (axis == t_.ndim()) {
      values.push_back(element(index));
      return;
    }
    const index_t n = t_.shape()[axis];
    index.push_back(0);
    for (index_t i = 0; i < n; ++i) {
      if (summarised(axis) && i == edge_items) i = n - edge_items;
      index.back() = i;
      collect(index, values);
    }
    index.erase(axis);
  }

  // NumPy's _extendLine: wrap before `word` if it would pass the width, unless the line is empty.
  void extend_line(std::string& s, std::string& line, const std::string& word, std::size_t width,
                   const std::string& next_line_prefix) const {
    if (line.size() + word.size() > width && line.size() > next_line_prefix.size()) {
      s += rstrip(line) + "\n";
      line = next_line_prefix;
    }
    line += word;
  }

  std::string recurse(Dims& index, const std::string& hanging_indent, std::size_t current_width) {
    const std::size_t axis = index.size();
    const std::size_t axes_left = t_.ndim() - axis;
    if (axes_left == 0) return format_(element(index));

    const std::string next_hanging_indent = hanging_indent + ' ';
    const std::size_t next_width = current_width - 1;  // room for the closing ']'
    const index_t n = t_.shape()[axis];
    const bool show_summary = summarised(axis);
    const index_t leading = show_summary ? edge_items : 0;
    const index_t trailing = show_summary ? edge_items : n;

    const auto nested = [&](index_t i) {
      index.push_back(i);
      std::string text = recurse(index, next_hanging_indent, next_width);
      index.erase(axis);
      return text;
    };

    std::string s;
    if (axes_left == 1) {
      const std::size_t trimmed_separator = rstrip(separator_).size();
      const std::size_t element_width = current_width - std::max<std::size_t>(trimmed_separator, 1);
      std::string line = hanging_indent;
      for (index_t i = 0; i < leading; ++i) {
        extend_line(s, line, nested(i), element_width, hanging_indent);
        line += separator_;
      }
      if (show_summary) {
        extend_line(s, line, "...", element_width, hanging_indent);
        line += separator_;
      }
      for (index_t i = trailing; i > 1; --i) {
        extend_line(s, line, nested(n - i), element_width, hanging_indent);
        line += separator_;
      }
      extend_line(s, line, nested(n - 1), element_width, hanging_indent);
      s += line;
    } else {
      const std::string line_separator = rstrip(separator_) + std::string(axes_left - 1, '\n');
      for (index_t i = 0; i < leading; ++i) s += hanging_indent + nested(i) + line_separator;
      if (show_summary) s += hanging_indent + "..." + line_separator;
      for (index_t i = trailing; i > 1; --i) s += hanging_indent + nested(n - i) + line_separator;
      s += hanging_indent + nested(n - 1);
    }
    return "[" + s.substr(hanging_indent.size()) + "]";
  }

  const Tensor<T>& t_;
  std::string separator_;
  std::size_t width_;
  bool summarise_;
  ElementFormat<T> format_;
  std::string prefix_;
};

template <class T>
constexpr bool dtype_is_implied = std::is_same_v<T, double> || std::is_same_v<T, std::int64_t> || std::is_same_v<T, bool>;

// Python's repr of a float scalar, as str() of a NumPy scalar prints it: "2.5", "3.0", "1e-05".
template <class F>
std::string python_float(F x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x < 0 ? "-inf" : "inf";
  const Decimal d = shortest(x);
  if (x != 0 && (d.exponent < -4 || d.exponent >= 16)) {
    const std::string fraction = d.digits.substr(1);
    return fmt::format("{}{}{}{}e{}", d.negative ? "-" : "", d.digits[0], fraction.empty() ? "" : ".", fraction,
                       exponent_text(d.exponent, 2));
  }
  auto [int_part, fraction] = positional_parts(x);
  return int_part + "." + (fraction.empty() ? "0" : fraction);
}

}  // namespace

template <Element T>
std::string array_repr(const Tensor<T>& t) {
  const bool skip_dtype = dtype_is_implied<T> && t.size() > 0;
  const std::string prefix = "array(";
  const std::string suffix = skip_dtype ? ")" : ",";
  std::string body;
  if (t.size() > 0) {
    body = ArrayPrinter<T>(t, ", ", prefix.size(), line_width - suffix.size()).print();
  } else if (t.ndim() == 1) {
    body = "[]";
  } else {
    body = "[], shape=" + format_shape(t.shape());
  }
  std::string text = prefix + body + suffix;
  if (skip_dtype) return text;
  // The dtype goes on a line of its own when it would push the last line past the width.
  const std::string dtype = fmt::format("dtype={})", dtype_name<T>());
  const std::size_t last_line = text.size() - (text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n') + 1);
  const std::string spacer = last_line + dtype.size() + 1 > line_width ? "\n" + std::string(prefix.size(), ' ') : " ";
  return text + spacer + dtype;
}

template <Element T>
std::string array_str(const Tensor<T>& t) {
  if (t.ndim() == 0) {
    const T x = *t.data();
    if constexpr (std::is_same_v<T, bool>) return x ? "True" : "False";
    else if constexpr (std::is_floating_point_v<T>) return python_float(x);
    else return fmt::format("{}", x);
  }
  if (t.size() == 0) return "[]";
  return ArrayPrinter<T>(t, " ", 0, line_width).print();
}

#define EINSPAN_DEFINE_FORMAT(T)                    \
  template std::string array_repr(const Tensor<T>&); \
  template std::string array_str(const Tensor<T>&);
EINSPAN_DEFINE_FORMAT(float)
EINSPAN_DEFINE_FORMAT(double)
EINSPAN_DEFINE_FORMAT(std::int32_t)
EINSPAN_DEFINE_FORMAT(std::int64_t)
EINSPAN_DEFINE_FORMAT(bool)
EINSPAN_DEFINE_FORMAT(std::uint8_t)
EINSPAN_DEFINE_FORMAT(std::int8_t)
EINSPAN_DEFINE_FORMAT(std::uint16_t)
EINSPAN_DEFINE_FORMAT(std::int16_t)
EINSPAN_DEFINE_FORMAT(std::uint32_t)
EINSPAN_DEFINE_FORMAT(std::uint64_t)
#undef EINSPAN_DEFINE_FORMAT

}  // namespace einspan
