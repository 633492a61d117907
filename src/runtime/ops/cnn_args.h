// Argument readers shared by the CNN op registrations (convolution,
// normalization, pooling, activation): lists and optionals off the stack.
#pragma once

#include <optional>

#include "runtime/operator.h"
#include "wick/tensor.h"

namespace wick::cnnargs {

// int[] (an int alone is accepted too: TorchScript passes `stride=2` to
// int[2] as a list, but programs built by hand may not).
inline DimVector intList(const IValue& v) {
  DimVector r;
  if (v.isInt()) {
    r.push_back(v.toInt());
    return r;
  }
  for (const IValue& e : v.listRef().elements) r.push_back(e.toInt());
  return r;
}

inline std::optional<DimVector> optIntList(const IValue& v) {
  if (v.isNone()) return std::nullopt;
  return intList(v);
}

inline std::vector<double> doubleList(const IValue& v) {
  std::vector<double> r;
  for (const IValue& e : v.listRef().elements) r.push_back(e.toDouble());
  return r;
}

// Tensor? as an undefined Tensor when None.
inline Tensor optTensor(const IValue& v) { return v.isNone() ? Tensor() : v.toTensor(); }

inline std::optional<double> optDouble(const IValue& v) {
  if (v.isNone()) return std::nullopt;
  return v.toDouble();
}

}  // namespace wick::cnnargs
