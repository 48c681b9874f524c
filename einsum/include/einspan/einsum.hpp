#pragma once
// Everything in the einsum module: #include <einspan/einsum.hpp>.
#include <einspan/einsum/argmin_plan.hpp>
#include <einspan/einsum/compile_time.hpp>
#include <einspan/einsum/einsum.hpp>
#include <einspan/einsum/fixed_string.hpp>
#include <einspan/einsum/gemm_engine.hpp>
#include <einspan/einsum/linalg.hpp>
#include <einspan/einsum/path.hpp>
#include <einspan/einsum/plan.hpp>
#include <einspan/einsum/spec.hpp>
#include <einspan/tensor.hpp>
