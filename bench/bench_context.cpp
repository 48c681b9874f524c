// Linked into every bench program (bench/CMakeLists.txt): the context block at the top of each
// run (and of its --benchmark_format=json output) names the instruction-set level einspan's
// kernels run at and the GEMM engine, so that every table can say what it measured.
//
// Registered during static initialisation, before main() parses the benchmark flags: the calls
// below only reach function-local statics (decided at first use), and OpenBLAS, a shared library,
// has initialised before any constructor of the program runs.
#include <benchmark/benchmark.h>

#include <einspan/einsum/gemm_engine.hpp>
#include <einspan/tensor/error.hpp>
#include <einspan/tensor/isa.hpp>
#include <string>

namespace {

bool add_einspan_context() {
  try {
    benchmark::AddCustomContext("isa", std::string(einspan::isa_name(einspan::active_isa())));
    benchmark::AddCustomContext("gemm_engine", einspan::gemm_engine_name());
  } catch (const einspan::Error& e) {  // EINSPAN_ISA naming no level: the first kernel throws it again
    benchmark::AddCustomContext("isa", e.what());
  }
  const std::string core = einspan::openblas_core_name();
  benchmark::AddCustomContext("openblas_core", core.empty() ? "(not built with OpenBLAS)" : core);
  return true;
}

const bool context_added = add_einspan_context();

}  // namespace
