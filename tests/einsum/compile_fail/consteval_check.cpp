// Must not compile: check_einsum_spec reaches its non-constexpr error function (fmt's technique).
#include <einspan/einsum.hpp>

constexpr einspan::ParsedSpec spec = einspan::check_einsum_spec("ij->ii");

int main() { return spec.input_count; }
