#pragma once
// A seeded random number generator with NumPy's algorithms, so that a seed means the same
// numbers everywhere: no std:: distribution is involved (their output is implementation-defined).
//
// Generator(seed) is np.random.default_rng(seed): NumPy's SeedSequence expands the seed into the
// state of a PCG64 generator (O'Neill's PCG XSL-RR 128/64), and the draws use NumPy's methods:
//
//   einspan                         NumPy (bit-identical output for the same seed)
//   g.random({n})                   rng.random(n)
//   g.uniform(lo, hi, {n})          rng.uniform(lo, hi, n)
//   g.integers(lo, hi, {n})         rng.integers(lo, hi, n)        Lemire's unbiased bounded ints
//   g.permutation(n)                rng.permutation(n)
//   g.choice(n, k, false)           rng.choice(n, k, replace=False)
//   g.normal(mu, sigma, {n})        np.random.RandomState(np.random.PCG64(seed)).normal(mu, sigma, n)
//
// normal() uses Marsaglia's polar method (NumPy's legacy gauss), not default_rng's ziggurat, whose
// 256-entry tables we do not copy. It calls std::log and std::sqrt: sqrt is correctly rounded in
// IEEE arithmetic but log need not be, so normal() may differ in the last bit between C libraries;
// everything else is integer arithmetic and IEEE multiply-add, identical everywhere.
#include <cstdint>
#include <einspan/tensor/tensor.hpp>

namespace einspan {

class Generator {
 public:
  // np.random.default_rng(seed).
  explicit Generator(std::uint64_t seed);

  // ---- raw draws (the bit generator) --------------------------------------------------------
  // The next 64 random bits (NumPy's bit_generator.random_raw()).
  std::uint64_t next_uint64();
  // 32 random bits; two of these use one 64-bit draw, low half first, as NumPy's PCG64 does.
  std::uint32_t next_uint32();
  // A double uniform in [0, 1) with 53 random bits.
  double next_double();

  // ---- distributions (each returns a fresh C-contiguous tensor of the given shape) --------------
  // Uniform floats in [0, 1). Throws ValueError for a negative dimension.
  Tensor<double> random(Dims shape);
  // low + (high - low) * random(). Throws ValueError when high - low is negative or not finite.
  Tensor<double> uniform(double low, double high, Dims shape);
  // Normal with the given mean and standard deviation. Throws ValueError when stddev < 0 or NaN.
  Tensor<double> normal(double mean, double stddev, Dims shape);
  // Integers uniform in [low, high), without modulo bias. Throws ValueError when low >= high.
  Tensor<std::int64_t> integers(std::int64_t low, std::int64_t high, Dims shape);
  // A random ordering of 0, 1, ..., n-1. Throws ValueError when n < 0 (NumPy returns []).
  Tensor<std::int64_t> permutation(std::int64_t n);
  // size values drawn from 0, 1, ..., n-1; distinct when replace is false. Throws ValueError when
  // size < 0, when n <= 0 and size > 0, or when size > n without replacement.
  Tensor<std::int64_t> choice(std::int64_t n, std::int64_t size, bool replace = true);

 private:
  struct U128 {
    std::uint64_t hi = 0;
    std::uint64_t lo = 0;
  };
  void step();
  // Uniform in [0, range] (inclusive), NumPy's random_bounded_uint64 with Lemire's method.
  std::uint64_t bounded(std::uint64_t range);
  // Uniform in [0, max] by masked rejection, NumPy's random_interval (used by shuffles).
  std::uint64_t interval(std::uint64_t max);
  double gauss();

  U128 state_;
  U128 increment_;
  bool has_uint32_ = false;
  std::uint32_t uint32_ = 0;
  bool has_gauss_ = false;
  double gauss_ = 0.0;
};

}  // namespace einspan
