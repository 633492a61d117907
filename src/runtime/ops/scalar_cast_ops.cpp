// Conversions between numbers, tensors and strings: aten::Int, aten::Float,
// aten::Bool, aten::ScalarImplicit and friends, with PyTorch 1.13's schemas.
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>

#include "core/check.h"
#include "runtime/ops/ops_internal.h"

namespace wick::ops {

namespace {

// The single value of a one-element tensor; `what` names the op.
Scalar tensorItem(const IValue& v, const char* what) {
  Tensor t = v.toTensor();
  WICK_CHECK(t.numel() == 1, "{}: a Tensor with {} elements cannot be converted to a Scalar", what,
             t.numel());
  return t.item();
}

// TorchScript's implicit tensor-to-number conversion requires a 0-dim tensor.
Scalar implicitItem(const IValue& v, const char* what) {
  Tensor t = v.toTensor();
  WICK_CHECK(t.dim() == 0, "{}: cannot input a tensor of dimension other than 0 as a scalar argument",
             what);
  return t.item();
}

int64_t floatToInt(double d) {
  WICK_CHECK(std::isfinite(d), "aten::Int: cannot convert float {} to integer", d);
  return static_cast<int64_t>(d);
}

// Python's int(str): optional sign and surrounding whitespace, base 10.
int64_t parseInt(const std::string& s) {
  const char* b = s.c_str();
  char* end = nullptr;
  errno = 0;
  long long v = std::strtoll(b, &end, 10);
  while (end && *end && std::isspace(static_cast<unsigned char>(*end))) ++end;
  WICK_CHECK(end != b && end && *end == '\0' && errno == 0,
             "ValueError: invalid literal for int() with base 10: '{}'", s);
  return static_cast<int64_t>(v);
}

double parseFloat(const std::string& s) {
  const char* b = s.c_str();
  char* end = nullptr;
  double v = std::strtod(b, &end);
  while (end && *end && std::isspace(static_cast<unsigned char>(*end))) ++end;
  WICK_CHECK(end != b && end && *end == '\0', "ValueError: could not convert string to float: '{}'", s);
  return v;
}

}  // namespace

void registerScalarCastOps(OperatorRegistry& r) {
  r.add("aten::Int.Tensor(Tensor a) -> int",
        +[](Stack& s) { s.back() = IValue(tensorItem(s.back(), "aten::Int").toInt()); });
  r.add("aten::Int.bool(bool a) -> int", +[](Stack& s) { s.back() = IValue(int64_t(s.back().toBool())); });
  r.add("aten::Int.float(float a) -> int", +[](Stack& s) { s.back() = IValue(floatToInt(s.back().toDouble())); });
  r.add("aten::Int.Scalar(Scalar a) -> int", +[](Stack& s) {
    Scalar a = s.back().toScalar();
    s.back() = IValue(a.isFloat() ? floatToInt(a.toDouble()) : a.toInt());
  });
  r.add("aten::Int.str(str a) -> int", +[](Stack& s) { s.back() = IValue(parseInt(s.back().toStringRef())); });

  r.add("aten::Float.Tensor(Tensor a) -> float",
        +[](Stack& s) { s.back() = IValue(tensorItem(s.back(), "aten::Float").toDouble()); });
  r.add("aten::Float.Scalar(Scalar a) -> float", +[](Stack& s) { s.back() = IValue(s.back().toScalar().toDouble()); });
  r.add("aten::Float.int(int a) -> float", +[](Stack& s) { s.back() = IValue(double(s.back().toInt())); });
  r.add("aten::Float.bool(bool a) -> float", +[](Stack& s) { s.back() = IValue(s.back().toBool() ? 1.0 : 0.0); });
  r.add("aten::Float.str(str a) -> float", +[](Stack& s) { s.back() = IValue(parseFloat(s.back().toStringRef())); });

  r.add("aten::Bool.Tensor(Tensor a) -> bool",
        +[](Stack& s) { s.back() = IValue(tensorItem(s.back(), "aten::Bool").toBool()); });
  r.add("aten::Bool.int(int a) -> bool", +[](Stack& s) { s.back() = IValue(s.back().toInt() != 0); });
  r.add("aten::Bool.float(float a) -> bool", +[](Stack& s) { s.back() = IValue(s.back().toDouble() != 0.0); });

  r.add("aten::ScalarImplicit(Tensor a) -> Scalar",
        +[](Stack& s) { s.back() = IValue(implicitItem(s.back(), "aten::ScalarImplicit")); });
  r.add("aten::IntImplicit(Tensor a) -> int", +[](Stack& s) {
    WICK_CHECK(!isFloating(s.back().toTensor().dtype()), "aten::IntImplicit: cannot convert a floating tensor to int");
    s.back() = IValue(implicitItem(s.back(), "aten::IntImplicit").toInt());
  });
  r.add("aten::FloatImplicit(Tensor a) -> float",
        +[](Stack& s) { s.back() = IValue(implicitItem(s.back(), "aten::FloatImplicit").toDouble()); });
}

}  // namespace wick::ops
