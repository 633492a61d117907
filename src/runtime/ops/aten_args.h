// Argument readers shared by the aten:: tensor op registrations
// (aten_*.cpp, the CNN families included): typed views of the
// arguments on the stack, optionals, lists and dtype codes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/check.h"
#include "runtime/operator.h"
#include "wick/tensor.h"

namespace wick::atenargs {

// The top n stack slots: the op's arguments in schema order. Read them,
// then call ret() which replaces them with the result.
inline IValue* args(Stack& s, size_t n) { return s.data() + (s.size() - n); }

template <typename T>
inline void ret(Stack& s, size_t n, T&& result) {
  IValue r(std::forward<T>(result));
  drop(s, n);
  s.push_back(std::move(r));
}

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

// A reduction's `int[1]? dim`: None (or an empty list) means every dim.
inline DimVector dimsOrAll(const IValue& v) {
  std::optional<DimVector> d = optIntList(v);
  return d ? *d : DimVector();
}

inline std::optional<int64_t> optInt(const IValue& v) {
  if (v.isNone()) return std::nullopt;
  return v.toInt();
}

inline std::optional<Scalar> optScalar(const IValue& v) {
  if (v.isNone()) return std::nullopt;
  return v.toScalar();
}

inline Tensor optTensor(const IValue& v) { return v.isNone() ? Tensor() : v.toTensor(); }

inline std::vector<double> doubleList(const IValue& v) {
  std::vector<double> r;
  for (const IValue& e : v.listRef().elements) r.push_back(e.toDouble());
  return r;
}

inline std::optional<double> optDouble(const IValue& v) {
  if (v.isNone()) return std::nullopt;
  return v.toDouble();
}

inline std::optional<std::string> optString(const IValue& v) {
  if (v.isNone()) return std::nullopt;
  return v.toStringRef();
}

// ScalarType arguments arrive as PyTorch's ScalarType numbers.
inline DType dtypeArg(const IValue& v) {
  DType t;
  WICK_CHECK(dtypeFromInt(v.toInt(), &t), "unsupported dtype code {} (complex and quantized types are not supported)",
             v.toInt());
  return t;
}

inline std::optional<DType> optDType(const IValue& v) {
  if (v.isNone()) return std::nullopt;
  return dtypeArg(v);
}

// Layout? must be None or strided (0); Device? None or a CPU device.
inline void checkTensorOptions(const char* op, const IValue& layout, const IValue& device) {
  WICK_CHECK(layout.isNone() || layout.toInt() == 0, "{}: only the strided layout is supported", op);
  if (!device.isNone()) {
    Device d = device.isString() ? Device::parse(device.toStringRef()) : device.toDevice();
    WICK_CHECK(d.isCpu(), "{}: device {} is not supported in this build", op, d.str());
  }
}

inline std::vector<Tensor> tensorList(const IValue& v) {
  std::vector<Tensor> r;
  for (const IValue& e : v.listRef().elements) r.push_back(e.toTensor());
  return r;
}

inline IValue intListValue(IntArrayRef v) {
  std::vector<IValue> e;
  e.reserve(v.size());
  for (int64_t x : v) e.emplace_back(x);
  return IValue(makeList(std::move(e)));
}

}  // namespace wick::atenargs

namespace wick {
// Comparisons, logical ops, where, clamp, fill_ and copy_: called by
// registerElementwiseOps (aten_compare.cpp).
void registerCompareOps(OperatorRegistry& r);
// Bitwise ops: called by registerElementwiseOps (aten_bitwise.cpp).
void registerBitwiseOps(OperatorRegistry& r);
// Rounding, sign, log/exp variants, isnan/isinf, fmod, atan2, lerp,
// addcmul/addcdiv: called by registerElementwiseOps (aten_math.cpp).
void registerMathOps(OperatorRegistry& r);
// prod, var/std, norms, logsumexp: called by registerReductionOps
// (aten_reduction_stats.cpp).
void registerReductionStatsOps(OperatorRegistry& r);
// cumsum/cumprod, sort/argsort/topk: called by registerReductionOps
// (aten_scan_sort.cpp).
void registerScanSortOps(OperatorRegistry& r);
}  // namespace wick
