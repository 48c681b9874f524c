#pragma once
// The peak multiply-add rate of one core at the instruction-set level in use (peak_fma_kernel.cpp):
// independent chains of vector FMAs (multiply then add on levels without FMA), no memory traffic.
#include <cstdint>

namespace einspan::bench {

struct FmaRun {
  double flops = 0;     // 2 per multiply-add; 0 when the level has no vectors of `bits`
  double checksum = 0;  // keeps the chains live
};

// `iterations` steps of every chain, with vectors of `bits` bits (0: the level's widest) of
// float (element_bytes 4) or double (8).
FmaRun peak_fma(int element_bytes, int bits, std::int64_t iterations);

// GFLOP/s of peak_fma at the level's widest vectors, per second of thread CPU time (the best of
// five runs of about 10 ms): call it next to the measurement it is the ceiling of.
double peak_gflops(int element_bytes);

}  // namespace einspan::bench
