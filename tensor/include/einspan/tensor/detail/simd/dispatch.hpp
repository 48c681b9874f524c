#pragma once
// Run-time dispatch of einspan's SIMD kernels, for .cpp files only (no public header includes it).
//
// A kernel file is compiled once per instruction-set level through Highway's foreach_target.h
// and calls the best level the CPU supports, or the lower one EINSPAN_ISA names (isa.hpp):
//
//   #undef HWY_TARGET_INCLUDE
//   #define HWY_TARGET_INCLUDE "my_kernels.cpp"   // relative to the module's src/ directory
//   #include <hwy/foreach_target.h>
//   #include <hwy/highway.h>
//   HWY_BEFORE_NAMESPACE();
//   namespace einspan::detail::HWY_NAMESPACE {
//   void kernel(...) { ... }   // Highway ops, or GCC vector extensions (compiled at the level's width)
//   }
//   HWY_AFTER_NAMESPACE();
//   #if HWY_ONCE
//   namespace einspan::detail {
//   HWY_EXPORT(kernel);
//   void entry(...) { EINSPAN_DISPATCH(kernel)(...); }
//   }
//   #endif
//
// Everything between HWY_BEFORE_NAMESPACE and HWY_AFTER_NAMESPACE is compiled with the level's
// target attributes, in the level's own namespace (N_AVX2, N_AVX3, ...), so no two levels share a
// symbol. Templates a kernel uses must be defined inside that region too (Highway's "-inl.h"
// pattern: a header with a per-target include guard, included inside the namespace): a template
// defined outside it is compiled once, at the generic level, for every level's caller.
#include <einspan/tensor/isa.hpp>
#include <hwy/highway.h>

// Chooses the level once (reading EINSPAN_ISA), then calls through Highway's table.
#define EINSPAN_DISPATCH(kernel) (static_cast<void>(::einspan::active_isa()), HWY_DYNAMIC_DISPATCH(kernel))
