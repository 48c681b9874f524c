#pragma once
// A string literal usable as a template argument: einsum<"ij,jk->ik">(a, b).
#include <cstddef>
#include <string_view>

namespace einspan {

template <std::size_t N>
struct fixed_string {
  char data[N]{};
  consteval fixed_string(const char (&text)[N]) {
    for (std::size_t i = 0; i < N; ++i) data[i] = text[i];
  }
  constexpr std::string_view view() const { return std::string_view(data, N - 1); }
};

}  // namespace einspan
