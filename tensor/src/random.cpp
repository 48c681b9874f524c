// PCG64 seeded through SeedSequence, and NumPy's sampling methods, written from their published
// definitions: M.E. O'Neill, "PCG: A Family of Simple Fast Space-Efficient Statistically Good
// Algorithms for Random Number Generation" (2014); NumPy's SeedSequence (NEP 19, after
// Melissa O'Neill's seed_seq proposal); D. Lemire, "Fast Random Integer Generation in an
// Interval" (2019); Marsaglia's polar method; R.W. Floyd's sampling without replacement.
// 128-bit arithmetic is done on two 64-bit halves so that no compiler extension is needed.
#include <cmath>
#include <einspan/tensor/create.hpp>
#include <einspan/tensor/error.hpp>
#include <einspan/tensor/random.hpp>
#include <span>
#include <tuple>
#include <vector>

namespace einspan {

namespace {

// The full 128-bit product of two 64-bit numbers, as (high, low).
std::pair<std::uint64_t, std::uint64_t> multiply_full(std::uint64_t a, std::uint64_t b) {
  const std::uint64_t a_lo = a & 0xFFFFFFFFu, a_hi = a >> 32, b_lo = b & 0xFFFFFFFFu, b_hi = b >> 32;
  const std::uint64_t lo_lo = a_lo * b_lo, hi_lo = a_hi * b_lo, lo_hi = a_lo * b_hi, hi_hi = a_hi * b_hi;
  const std::uint64_t cross = (lo_lo >> 32) + (hi_lo & 0xFFFFFFFFu) + lo_hi;
  return {hi_hi + (hi_lo >> 32) + (cross >> 32), (cross << 32) | (lo_lo & 0xFFFFFFFFu)};
}

// ---- SeedSequence ---------------------------------------------------------------------------
constexpr std::uint32_t init_a = 0x43b0d7e5, mult_a = 0x931e8875;
constexpr std::uint32_t init_b = 0x8b51f9dd, mult_b = 0x58f38ded;
constexpr std::uint32_t mix_mult_l = 0xca01f9dd, mix_mult_r = 0x4973f715;
constexpr int xshift = 16;
constexpr std::size_t pool_size = 4;

std::uint32_t hashmix(std::uint32_t value, std::uint32_t& hash_const) {
  value ^= hash_const;
  hash_const *= mult_a;
  value *= hash_const;
  value ^= value >> xshift;
  return value;
}

std::uint32_t mix(std::uint32_t x, std::uint32_t y) {
  std::uint32_t result = mix_mult_l * x - mix_mult_r * y;
  result ^= result >> xshift;
  return result;
}

// SeedSequence(seed).generate_state(n_words, np.uint64).
std::vector<std::uint64_t> seed_sequence_state(std::uint64_t seed, std::size_t n_words) {
  // The seed as little-endian 32-bit words; zero is one word.
  std::vector<std::uint32_t> entropy{static_cast<std::uint32_t>(seed)};
  if (seed >> 32) entropy.push_back(static_cast<std::uint32_t>(seed >> 32));

  std::uint32_t pool[pool_size];
  std::uint32_t hash_const = init_a;
  for (std::size_t i = 0; i < pool_size; ++i) pool[i] = hashmix(i < entropy.size() ? entropy[i] : 0, hash_const);
  for (std::size_t src = 0; src < pool_size; ++src)
    for (std::size_t dst = 0; dst < pool_size; ++dst)
      if (src != dst) pool[dst] = mix(pool[dst], hashmix(pool[src], hash_const));
  for (std::size_t src = pool_size; src < entropy.size(); ++src)
    for (std::size_t dst = 0; dst < pool_size; ++dst) pool[dst] = mix(pool[dst], hashmix(entropy[src], hash_const));

  std::vector<std::uint64_t> state(n_words);
  hash_const = init_b;
  for (std::size_t i = 0; i < 2 * n_words; ++i) {
    std::uint32_t value = pool[i % pool_size];
    value ^= hash_const;
    hash_const *= mult_b;
    value *= hash_const;
    value ^= value >> xshift;
    state[i / 2] |= static_cast<std::uint64_t>(value) << (32 * (i % 2));
  }
  return state;
}

// Smallest 2^k - 1 >= x.
std::uint64_t mask_for(std::uint64_t x) {
  for (int shift = 1; shift <= 32; shift *= 2) x |= x >> shift;
  return x;
}

}  // namespace

// ---- PCG64 ----------------------------------------------------------------------------------

Generator::Generator(std::uint64_t seed) {
  const std::vector<std::uint64_t> words = seed_sequence_state(seed, 4);
  const U128 initial_state{words[0], words[1]};
  // pcg_setseq_128_srandom_r: the stream selector becomes the odd increment.
  increment_ = U128{(words[2] << 1) | (words[3] >> 63), (words[3] << 1) | 1};
  state_ = U128{};
  step();
  const std::uint64_t lo = state_.lo + initial_state.lo;
  state_.hi += initial_state.hi + (lo < state_.lo ? 1 : 0);
  state_.lo = lo;
  step();
}

void Generator::step() {
  // state = state * multiplier + increment (mod 2^128).
  constexpr U128 multiplier{0x2360ED051FC65DA4ull, 0x4385DF649FCCF645ull};
  auto [hi, lo] = multiply_full(state_.lo, multiplier.lo);
  hi += state_.lo * multiplier.hi + state_.hi * multiplier.lo;
  const std::uint64_t sum_lo = lo + increment_.lo;
  state_.hi = hi + increment_.hi + (sum_lo < lo ? 1 : 0);
  state_.lo = sum_lo;
}

std::uint64_t Generator::next_uint64() {
  step();
  // XSL-RR output: fold the halves, rotate by the top 6 bits.
  const std::uint64_t folded = state_.hi ^ state_.lo;
  const unsigned rotation = static_cast<unsigned>(state_.hi >> 58);
  return (folded >> rotation) | (folded << ((64 - rotation) & 63));
}

std::uint32_t Generator::next_uint32() {
  if (has_uint32_) {
    has_uint32_ = false;
    return uint32_;
  }
  const std::uint64_t bits = next_uint64();
  has_uint32_ = true;
  uint32_ = static_cast<std::uint32_t>(bits >> 32);
  return static_cast<std::uint32_t>(bits);
}

double Generator::next_double() { return static_cast<double>(next_uint64() >> 11) * (1.0 / 9007199254740992.0); }

// ---- bounded integers -----------------------------------------------------------------------

std::uint64_t Generator::bounded(std::uint64_t range) {
  if (range == 0) return 0;
  if (range <= 0xFFFFFFFFu) {
    if (range == 0xFFFFFFFFu) return next_uint32();
    // Lemire on 32 bits: the high half of draw * (range + 1), rejecting the biased low values.
    const auto excl = static_cast<std::uint32_t>(range + 1);
    std::uint64_t m = static_cast<std::uint64_t>(next_uint32()) * excl;
    auto leftover = static_cast<std::uint32_t>(m);
    if (leftover < excl) {
      const std::uint32_t threshold = static_cast<std::uint32_t>(0xFFFFFFFFu - range) % excl;
      while (leftover < threshold) {
        m = static_cast<std::uint64_t>(next_uint32()) * excl;
        leftover = static_cast<std::uint32_t>(m);
      }
    }
    return m >> 32;
  }
  if (range == ~std::uint64_t{0}) return next_uint64();
  const std::uint64_t excl = range + 1;
  auto [hi, lo] = multiply_full(next_uint64(), excl);
  if (lo < excl) {
    const std::uint64_t threshold = (~std::uint64_t{0} - range) % excl;
    while (lo < threshold) std::tie(hi, lo) = multiply_full(next_uint64(), excl);
  }
  return hi;
}

std::uint64_t Generator::interval(std::uint64_t max) {
  if (max == 0) return 0;
  const std::uint64_t mask = mask_for(max);
  std::uint64_t value;
  if (max <= 0xFFFFFFFFu) {
    while ((value = next_uint32() & mask) > max) {
    }
  } else {
    while ((value = next_uint64() & mask) > max) {
    }
  }
  return value;
}

// ---- distributions --------------------------------------------------------------------------

Tensor<double> Generator::random(Dims shape) {
  Tensor<double> out = Tensor<double>::fresh(std::move(shape));
  for (double& x : std::span(out.data(), static_cast<std::size_t>(out.size()))) x = next_double();
  return out;
}

Tensor<double> Generator::uniform(double low, double high, Dims shape) {
  const double range = high - low;
  if (!std::isfinite(range))
    throw ValueError(fmt::format("uniform: high - low range exceeds valid bounds (low={}, high={})", low, high));
  if (range < 0) throw ValueError(fmt::format("uniform: high - low < 0 (low={}, high={})", low, high));
  Tensor<double> out = Tensor<double>::fresh(std::move(shape));
  for (double& x : std::span(out.data(), static_cast<std::size_t>(out.size()))) x = low + range * next_double();
  return out;
}

double Generator::gauss() {
  if (has_gauss_) {
    has_gauss_ = false;
    return gauss_;
  }
  // Marsaglia's polar method: a point uniform in the unit disc gives two independent normals.
  double x1, x2, r2;
  do {
    x1 = 2.0 * next_double() - 1.0;
    x2 = 2.0 * next_double() - 1.0;
    r2 = x1 * x1 + x2 * x2;
  } while (r2 >= 1.0 || r2 == 0.0);
  const double f = std::sqrt(-2.0 * std::log(r2) / r2);
  gauss_ = f * x1;
  has_gauss_ = true;
  return f * x2;
}

Tensor<double> Generator::normal(double mean, double stddev, Dims shape) {
  if (!(stddev >= 0)) throw ValueError(fmt::format("normal: scale < 0 (stddev={})", stddev));
  Tensor<double> out = Tensor<double>::fresh(std::move(shape));
  for (double& x : std::span(out.data(), static_cast<std::size_t>(out.size()))) x = mean + stddev * gauss();
  return out;
}

Tensor<std::int64_t> Generator::integers(std::int64_t low, std::int64_t high, Dims shape) {
  if (low >= high) throw ValueError(fmt::format("integers: low >= high (low={}, high={})", low, high));
  Tensor<std::int64_t> out = Tensor<std::int64_t>::fresh(std::move(shape));
  // Unsigned arithmetic: high - 1 - low may not fit in int64.
  const std::uint64_t range = static_cast<std::uint64_t>(high) - 1 - static_cast<std::uint64_t>(low);
  for (std::int64_t& x : std::span(out.data(), static_cast<std::size_t>(out.size())))
    x = static_cast<std::int64_t>(static_cast<std::uint64_t>(low) + bounded(range));
  return out;
}

Tensor<std::int64_t> Generator::permutation(std::int64_t n) {
  if (n < 0) throw ValueError(fmt::format("permutation: n must be non-negative, got {}", n));
  Tensor<std::int64_t> out = arange<std::int64_t>(n);
  std::int64_t* x = out.data();
  // Fisher-Yates from the end, as NumPy's shuffle.
  for (std::int64_t i = n - 1; i > 0; --i) std::swap(x[i], x[interval(static_cast<std::uint64_t>(i))]);
  return out;
}

Tensor<std::int64_t> Generator::choice(std::int64_t n, std::int64_t size, bool replace) {
  if (size < 0) throw ValueError(fmt::format("choice: negative dimensions are not allowed (size={})", size));
  if (n <= 0 && size > 0)
    throw ValueError(fmt::format("choice: a must be a positive integer unless no samples are taken (a={}, size={})", n, size));
  if (replace) return integers(0, std::max<std::int64_t>(n, 1), {size});
  if (size > n)
    throw ValueError(fmt::format(
        "choice: Cannot take a larger sample than population when replace is False (population {}, sample {})", n, size));

  Tensor<std::int64_t> out = Tensor<std::int64_t>::fresh({size});
  std::int64_t* idx = out.data();
  // Shuffles positions n-1 down to `first` with Lemire draws (NumPy's _shuffle_int).
  const auto shuffle_tail = [this](std::int64_t* data, std::int64_t count, std::int64_t first) {
    for (std::int64_t i = count - 1; i >= first; --i)
      std::swap(data[i], data[bounded(static_cast<std::uint64_t>(i))]);
  };
  if (n > 10000 && size > n / 50) {
    // A large share of a large population: partially shuffle 0..n-1 and keep the tail.
    std::vector<std::int64_t> all(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i) all[static_cast<std::size_t>(i)] = i;
    shuffle_tail(all.data(), n, std::max<std::int64_t>(n - size, 1));
    std::copy(all.end() - size, all.end(), idx);
    return out;
  }
  // Floyd's algorithm: for j in n-size..n-1 draw v in [0, j]; take v unless taken, else j. An
  // open-addressing set of the taken values keeps it O(size) in time and memory.
  const std::uint64_t mask = mask_for(static_cast<std::uint64_t>(1.2 * static_cast<double>(size)));
  constexpr std::uint64_t free_slot = ~std::uint64_t{0};
  std::vector<std::uint64_t> taken(mask + 1, free_slot);
  for (std::int64_t j = n - size; j < n; ++j) {
    const std::uint64_t value = bounded(static_cast<std::uint64_t>(j));
    std::uint64_t slot = value & mask;
    while (taken[slot] != free_slot && taken[slot] != value) slot = (slot + 1) & mask;
    std::uint64_t chosen = value;
    if (taken[slot] != free_slot) {
      chosen = static_cast<std::uint64_t>(j);
      slot = chosen & mask;
      while (taken[slot] != free_slot) slot = (slot + 1) & mask;
    }
    taken[slot] = chosen;
    idx[j - n + size] = static_cast<std::int64_t>(chosen);
  }
  shuffle_tail(idx, size, 1);
  return out;
}

}  // namespace einspan
