#include <einspan/tensor/detail/parallel.hpp>

#include <cstdlib>
#include <dlfcn.h>

namespace einspan::detail {

void prefer_passive_wait() noexcept {
  // kmp_set_blocktime sets the calling thread's wait ICV, which the teams it forks inherit: so once
  // per thread. Looked up at run time because the runtime linked is not always the one whose omp.h
  // the code was compiled with, and libgomp has no such call.
  thread_local bool done = false;
  if (done) return;
  done = true;
  if (std::getenv("KMP_BLOCKTIME") != nullptr || std::getenv("OMP_WAIT_POLICY") != nullptr) return;
  using SetBlocktime = void (*)(int);
  if (const auto set = reinterpret_cast<SetBlocktime>(dlsym(RTLD_DEFAULT, "kmp_set_blocktime"))) set(0);
}

}  // namespace einspan::detail
