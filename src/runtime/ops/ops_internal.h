// Helpers shared by the builtin op families: typed argument access and the
// sub-families that registerScalarOps / registerContainerOps delegate to.
#pragma once

#include <string>

#include "runtime/operator.h"
#include "wick/ivalue.h"

namespace wick::ops {

// Typed reads of an argument; the accessors throw naming the expected type.
template <typename T>
inline T get(const IValue& v);
template <>
inline int64_t get<int64_t>(const IValue& v) { return v.toInt(); }
template <>
inline double get<double>(const IValue& v) { return v.toDouble(); }
template <>
inline bool get<bool>(const IValue& v) { return v.toBool(); }
template <>
inline Scalar get<Scalar>(const IValue& v) { return v.toScalar(); }

// Wraps a 0-based list index like Python (negative counts from the end);
// throws "list index out of range" when it is outside.
size_t normalizeIndex(int64_t idx, size_t size, const char* what = "list");

// Casts and math functions on numbers (aten::Int, aten::sqrt, ...).
void registerScalarCastOps(OperatorRegistry& r);
void registerScalarMathOps(OperatorRegistry& r);
// Dict and str ops.
void registerDictOps(OperatorRegistry& r);
void registerStringOps(OperatorRegistry& r);
// list.remove/index/count/sort, sorted(), del, str slicing (sequence_ops.cpp).
void registerSequenceOps(OperatorRegistry& r);

}  // namespace wick::ops
