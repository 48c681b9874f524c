#include <einspan/tensor/error.hpp>
#include <einspan/tensor/pad.hpp>

namespace einspan {

std::vector<std::pair<index_t, index_t>> PadWidth::resolve(std::size_t ndim) const {
  const std::size_t rows = pairs_.size(), cols = rows == 0 ? 0 : pairs_[0].size();
  for (const auto& pair : pairs_)
    if (pair.size() != cols)
      throw ValueError("pad_width: setting an array element with a sequence. The requested array has an "
                       "inhomogeneous shape after 1 dimensions.");
  const bool fits = (rows == 1 || rows == ndim) && (cols == 1 || cols == 2);
  if (!fits) {
    const std::string original = scalar_ ? "()" : flat_ ? fmt::format("({},)", cols) : fmt::format("({},{})", rows, cols);
    throw ValueError(fmt::format("operands could not be broadcast together with remapped shapes "
                                 "[original->remapped]: {}  and requested shape ({},2)",
                                 original, ndim));
  }
  std::vector<std::pair<index_t, index_t>> out;
  for (std::size_t k = 0; k < ndim; ++k) {
    const auto& pair = pairs_[rows == 1 ? 0 : k];
    const index_t before = pair[0], after = pair[cols == 1 ? 0 : 1];
    if (before < 0 || after < 0) throw ValueError("index can't contain negative values");
    out.emplace_back(before, after);
  }
  return out;
}

namespace detail {

PadMode parse_pad_mode(std::string_view mode) {
  if (mode == "constant") return PadMode::constant;
  if (mode == "edge") return PadMode::edge;
  if (mode == "reflect") return PadMode::reflect;
  if (mode == "symmetric") return PadMode::symmetric;
  if (mode == "wrap") return PadMode::wrap;
  throw ValueError(fmt::format("mode '{}' is not supported", printable_excerpt(mode)));
}

namespace {

index_t floor_mod(index_t q, index_t period) { return ((q % period) + period) % period; }

// The centre position (0 <= result < n) that border position q (< 0 or >= n) copies.
index_t pad_source(index_t q, index_t n, PadMode mode) {
  switch (mode) {
    case PadMode::edge:
      return q < 0 ? 0 : n - 1;
    case PadMode::reflect: {
      if (n == 1) return 0;
      const index_t m = floor_mod(q, 2 * (n - 1));
      return m < n ? m : 2 * (n - 1) - m;
    }
    case PadMode::symmetric: {
      const index_t m = floor_mod(q, 2 * n);
      return m < n ? m : 2 * n - 1 - m;
    }
    case PadMode::wrap:
      return floor_mod(q, n);
    case PadMode::constant:
      break;
  }
  return 0;
}

}  // namespace

std::vector<PadRun> pad_runs(index_t n, index_t before, index_t after, PadMode mode, std::size_t axis) {
  std::vector<PadRun> runs;
  if (before == 0 && after == 0) return runs;
  if (n == 0)
    throw ValueError(
        fmt::format("can't extend empty axis {} using modes other than 'constant' or 'empty'", axis));
  const auto add = [&](index_t q) {
    const index_t dst = q + before, src = pad_source(q, n, mode) + before;
    if (!runs.empty()) {
      PadRun& last = runs.back();
      const index_t step = src - (last.src + (last.length - 1) * last.step);
      if (last.dst + last.length == dst && ((last.length == 1 && step >= -1 && step <= 1) || step == last.step)) {
        if (last.length == 1) last.step = step;
        ++last.length;
        return;
      }
    }
    runs.push_back({dst, src, 0, 1});
  };
  for (index_t q = -before; q < 0; ++q) add(q);
  for (index_t q = n; q < n + after; ++q) add(q);
  return runs;
}

}  // namespace detail

}  // namespace einspan
