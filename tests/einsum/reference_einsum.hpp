#pragma once
// A brute-force einsum, written for clarity rather than speed: it shares no code with the
// library (its own spec parsing included) and loops over every combination of label values,
// multiplying one element of each operand and adding the product into the output element. It is
// the oracle the compiled einsum is tested against.
#include <einspan/tensor.hpp>
#include <map>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace einspan::test {

// "#k": the name of ellipsis dimension k, counted from the right.
inline std::string ellipsis_name(std::size_t k) {
  std::string name(1, '#');
  name += std::to_string(k);
  return name;
}

template <class T>
Tensor<T> reference_einsum(const std::string& spec, const std::vector<Tensor<T>>& operands) {
  // 1. Split "in0,in1,...->out".
  const auto arrow = spec.find("->");
  const std::string inputs_part = arrow == std::string::npos ? spec : spec.substr(0, arrow);
  std::vector<std::string> terms;
  std::string current;
  for (char c : inputs_part) {
    if (c == ',') {
      terms.push_back(current);
      current.clear();
    } else if (c != ' ') {
      current += c;
    }
  }
  terms.push_back(current);
  if (terms.size() != operands.size()) throw std::invalid_argument("reference_einsum: operand count");

  // 2. Write every dimension's label as a string: a letter, or "#k" for ellipsis dimension k
  //    counted from the right (so that ellipsis dimensions line up from the right).
  std::size_t ellipsis_rank = 0;
  std::vector<std::vector<std::string>> dim_labels(terms.size());
  for (std::size_t k = 0; k < terms.size(); ++k) {
    const std::string& term = terms[k];
    const auto dots = term.find("...");
    std::size_t letters = term.size() - (dots == std::string::npos ? 0 : 3);
    const std::size_t covered = dots == std::string::npos ? 0 : operands[k].ndim() - letters;
    ellipsis_rank = std::max(ellipsis_rank, covered);
    for (std::size_t i = 0; i < term.size(); ++i) {
      if (i == dots) {
        for (std::size_t e = 0; e < covered; ++e) dim_labels[k].push_back(ellipsis_name(covered - 1 - e));
        i += 2;
      } else {
        dim_labels[k].push_back(std::string(1, term[i]));
      }
    }
    if (dim_labels[k].size() != operands[k].ndim()) throw std::invalid_argument("reference_einsum: rank");
  }

  // 3. Size of every label: the largest size it has anywhere (size-1 dimensions broadcast).
  std::map<std::string, index_t> size;
  for (std::size_t k = 0; k < terms.size(); ++k)
    for (std::size_t d = 0; d < dim_labels[k].size(); ++d) {
      const index_t n = operands[k].shape()[d];
      auto [it, fresh] = size.emplace(dim_labels[k][d], n);
      if (!fresh && it->second == 1) it->second = n;
      if (!fresh && n != 1 && it->second != n) throw std::invalid_argument("reference_einsum: sizes");
    }

  // 4. Output labels: explicit, or the ellipsis then the letters seen once, alphabetically (ASCII).
  std::vector<std::string> out_labels;
  const auto ellipsis_labels = [&] {
    std::vector<std::string> labels;
    for (std::size_t e = ellipsis_rank; e-- > 0;) labels.push_back(ellipsis_name(e));
    return labels;
  };
  if (arrow != std::string::npos) {
    const std::string out = spec.substr(arrow + 2);
    for (std::size_t i = 0; i < out.size(); ++i) {
      if (out[i] == '.') {
        for (const auto& l : ellipsis_labels()) out_labels.push_back(l);
        i += 2;
      } else if (out[i] != ' ') {
        out_labels.push_back(std::string(1, out[i]));
      }
    }
  } else {
    bool any_ellipsis = inputs_part.find("...") != std::string::npos;
    if (any_ellipsis) out_labels = ellipsis_labels();
    std::map<char, int> count;
    for (const auto& term : terms)
      for (char c : term)
        if (c != '.') ++count[c];
    for (const auto& [c, n] : count)  // std::map iterates in ASCII order
      if (n == 1) out_labels.push_back(std::string(1, c));
  }

  Dims out_shape;
  for (const auto& l : out_labels) out_shape.push_back(size.at(l));
  Tensor<T> out = zeros<T>(out_shape);

  // 5. Loop over every combination of label values.
  std::vector<std::string> all;
  for (const auto& [l, n] : size) all.push_back(l);
  std::map<std::string, index_t> value;
  for (const auto& l : all) {
    value[l] = 0;
    if (size[l] == 0) return out;
  }
  // Integers multiply and add modulo 2^64, whose low bits are NumPy's wrapped result in any
  // narrower type, and which no overflow can make undefined.
  using A = std::conditional_t<std::is_integral_v<T>, std::uint64_t, T>;
  while (true) {
    A product = A{1};
    for (std::size_t k = 0; k < operands.size(); ++k) {
      index_t offset = operands[k].offset();
      for (std::size_t d = 0; d < dim_labels[k].size(); ++d) {
        const index_t i = operands[k].shape()[d] == 1 ? 0 : value[dim_labels[k][d]];
        offset += i * operands[k].strides()[d];
      }
      product *= static_cast<A>(operands[k].buffer().get()[offset]);
    }
    index_t out_offset = 0;
    for (std::size_t d = 0; d < out_labels.size(); ++d) out_offset += value[out_labels[d]] * out.strides()[d];
    out.data()[out_offset] = static_cast<T>(static_cast<A>(out.data()[out_offset]) + product);

    std::size_t i = all.size();
    while (true) {
      if (i == 0) return out;
      --i;
      if (++value[all[i]] < size[all[i]]) break;
      value[all[i]] = 0;
    }
  }
}

}  // namespace einspan::test
