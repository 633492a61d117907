// Dtype names, sizes and PyTorch's promotion table.
#include "wick/dtype.h"

#include <string>

namespace wick {

int64_t elementSize(DType t) {
  switch (t) {
    case DType::UInt8:
    case DType::Int8:
    case DType::Bool:
      return 1;
    case DType::Int16:
    case DType::Float16:
    case DType::BFloat16:
      return 2;
    case DType::Int32:
    case DType::Float32:
      return 4;
    case DType::Int64:
    case DType::Float64:
      return 8;
  }
  return 1;
}

std::string_view dtypeName(DType t) {
  switch (t) {
    case DType::UInt8: return "uint8";
    case DType::Int8: return "int8";
    case DType::Int16: return "int16";
    case DType::Int32: return "int32";
    case DType::Int64: return "int64";
    case DType::Float16: return "float16";
    case DType::Float32: return "float32";
    case DType::Float64: return "float64";
    case DType::Bool: return "bool";
    case DType::BFloat16: return "bfloat16";
  }
  return "unknown";
}

bool parseDType(std::string_view name, DType* out) {
  if (name.substr(0, 6) == "torch.") name.remove_prefix(6);
  struct Entry {
    std::string_view name;
    DType t;
  };
  static constexpr Entry kNames[] = {
      {"uint8", DType::UInt8},     {"Byte", DType::UInt8},       {"int8", DType::Int8},
      {"Char", DType::Int8},       {"int16", DType::Int16},      {"short", DType::Int16},
      {"Short", DType::Int16},     {"int32", DType::Int32},      {"int", DType::Int32},
      {"Int", DType::Int32},       {"int64", DType::Int64},      {"long", DType::Int64},
      {"Long", DType::Int64},      {"float16", DType::Float16},  {"half", DType::Float16},
      {"Half", DType::Float16},    {"float32", DType::Float32},  {"float", DType::Float32},
      {"Float", DType::Float32},   {"float64", DType::Float64},  {"double", DType::Float64},
      {"Double", DType::Float64},  {"bool", DType::Bool},        {"Bool", DType::Bool},
      {"bfloat16", DType::BFloat16}, {"BFloat16", DType::BFloat16},
  };
  for (const auto& e : kNames) {
    if (e.name == name) {
      *out = e.t;
      return true;
    }
  }
  return false;
}

bool dtypeFromInt(int64_t v, DType* out) {
  switch (v) {
    case 0: case 1: case 2: case 3: case 4: case 5: case 6: case 7: case 11: case 15:
      *out = static_cast<DType>(v);
      return true;
    default:
      return false;
  }
}

DType promoteTypes(DType a, DType b) {
  if (a == b) return a;
  // Index order: u1 i1 i2 i4 i8 f2 f4 f8 b1 bf
  auto idx = [](DType t) -> int {
    switch (t) {
      case DType::UInt8: return 0;
      case DType::Int8: return 1;
      case DType::Int16: return 2;
      case DType::Int32: return 3;
      case DType::Int64: return 4;
      case DType::Float16: return 5;
      case DType::Float32: return 6;
      case DType::Float64: return 7;
      case DType::Bool: return 8;
      case DType::BFloat16: return 9;
    }
    return 0;
  };
  constexpr DType u1 = DType::UInt8, i1 = DType::Int8, i2 = DType::Int16, i4 = DType::Int32,
                  i8 = DType::Int64, f2 = DType::Float16, f4 = DType::Float32,
                  f8 = DType::Float64, b1 = DType::Bool, bf = DType::BFloat16;
  // c10/core/ScalarType.cpp's table restricted to these types.
  static constexpr DType kTable[10][10] = {
      /*u1*/ {u1, i2, i2, i4, i8, f2, f4, f8, u1, bf},
      /*i1*/ {i2, i1, i2, i4, i8, f2, f4, f8, i1, bf},
      /*i2*/ {i2, i2, i2, i4, i8, f2, f4, f8, i2, bf},
      /*i4*/ {i4, i4, i4, i4, i8, f2, f4, f8, i4, bf},
      /*i8*/ {i8, i8, i8, i8, i8, f2, f4, f8, i8, bf},
      /*f2*/ {f2, f2, f2, f2, f2, f2, f4, f8, f2, f4},
      /*f4*/ {f4, f4, f4, f4, f4, f4, f4, f8, f4, f4},
      /*f8*/ {f8, f8, f8, f8, f8, f8, f8, f8, f8, f8},
      /*b1*/ {u1, i1, i2, i4, i8, f2, f4, f8, b1, bf},
      /*bf*/ {bf, bf, bf, bf, bf, f4, f4, f8, bf, bf},
  };
  return kTable[idx(a)][idx(b)];
}

}  // namespace wick
