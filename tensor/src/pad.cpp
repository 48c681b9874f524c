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

// For each padded position, the centre position it copies (-1 for none yet), reflecting as
// NumPy's pad does: in rounds, each round mirroring at most the current filled length (centre and
// borders filled so far) minus one (reflect) or itself (symmetric) into each border. With borders
// longer than the axis this is not periodic (np.pad(np.arange(2), (1, 8), 'symmetric') ends
// 0 0 0 ...): we follow NumPy rather than a formula. An axis of length 1 repeats its element.
std::vector<index_t> reflect_sources(index_t n, index_t before, index_t after, bool include_edge) {
  const index_t total = before + n + after;
  std::vector<index_t> src(static_cast<std::size_t>(total), 0);
  for (index_t i = 0; i < n; ++i) src[static_cast<std::size_t>(before + i)] = i;
  if (n == 1) return src;
  const index_t edge_offset = include_edge ? 1 : 0;
  const auto at = [&](index_t p) -> index_t& { return src[static_cast<std::size_t>(p)]; };
  index_t left = before, right = after;
  while (left > 0 || right > 0) {
    const index_t old_length = total - right - left - (include_edge ? 0 : 1);
    if (left > 0) {
      const index_t chunk = std::min(old_length, left);
      const index_t first = left - edge_offset + chunk;  // read backwards from here
      for (index_t j = 0; j < chunk; ++j) at(left - chunk + j) = at(first - j);
      left -= chunk;
    }
    if (right > 0) {
      const index_t chunk = std::min(old_length, right);
      const index_t first = total - right + edge_offset - 2;  // read backwards from here
      for (index_t j = 0; j < chunk; ++j) at(total - right + j) = at(first - j);
      right -= chunk;
    }
  }
  return src;
}

}  // namespace

std::vector<PadRun> pad_runs(index_t n, index_t before, index_t after, PadMode mode, std::size_t axis) {
  std::vector<PadRun> runs;
  if (before == 0 && after == 0) return runs;
  if (n == 0)
    throw ValueError(
        fmt::format("can't extend empty axis {} using modes other than 'constant' or 'empty'", axis));
  std::vector<index_t> mirrored;
  if (mode == PadMode::reflect || mode == PadMode::symmetric)
    mirrored = reflect_sources(n, before, after, mode == PadMode::symmetric);
  // The centre position that border position q (< 0 or >= n) copies.
  const auto source = [&](index_t q) -> index_t {
    if (mode == PadMode::edge) return q < 0 ? 0 : n - 1;
    if (mode == PadMode::wrap) return floor_mod(q, n);
    return mirrored[static_cast<std::size_t>(q + before)];
  };
  const auto add = [&](index_t q) {
    const index_t dst = q + before, src = source(q) + before;
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
