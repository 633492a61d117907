// Where a tensor's memory lives: the CPU now, CUDA devices later.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace wick {

enum class DeviceType : int8_t { CPU = 0, CUDA = 1 };

struct Device {
  DeviceType type = DeviceType::CPU;
  int8_t index = -1;  // -1: the current device of that type

  constexpr Device() = default;
  constexpr Device(DeviceType t, int8_t i = -1) : type(t), index(i) {}
  bool isCpu() const { return type == DeviceType::CPU; }
  bool isCuda() const { return type == DeviceType::CUDA; }
  bool operator==(const Device& o) const { return type == o.type && index == o.index; }
  bool operator!=(const Device& o) const { return !(*this == o); }

  // "cpu", "cuda", "cuda:1".
  std::string str() const;
  // Parses "cpu", "cuda", "cuda:N"; throws wick::Error otherwise.
  static Device parse(std::string_view s);
};

inline constexpr Device kCPU{DeviceType::CPU, -1};

}  // namespace wick
