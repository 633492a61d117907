// Private to the unpickler: its state machine, shared by the opcode loop
// (unpickler.cpp) and the handling of PyTorch's globals
// (unpickler_globals.cpp).
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "core/check.h"
#include "serialize/unpickler.h"

namespace wick::serialize::detail {

// What a GLOBAL opcode named. It lives on the stack as a Blob until REDUCE,
// NEWOBJ or BINPERSID consumes it; one left in the result is an error.
enum class GlobalKind : uint8_t {
  RebuildTensorV2,
  RebuildTensorV3,
  RebuildTensor,
  RebuildParameter,
  StorageType,
  OrderedDict,
  RestoreTypeTag,
  BuildIntList,
  BuildDoubleList,
  BuildBoolList,
  BuildTensorList,
  BuildGenericList,
  Device,
  Size,
  Class,
};

struct GlobalRef : RefCounted {
  GlobalKind kind = GlobalKind::OrderedDict;
  std::string name;  // "module.name", for messages
  DType dtype = DType::UInt8;  // StorageType
  std::shared_ptr<const ClassInfo> cls;  // Class
};

// A storage resolved from a persistent id.
struct StorageRef : RefCounted {
  Storage storage;
  DType dtype = DType::UInt8;
  int64_t numel = 0;
  std::string key;
};

class Unpickler {
 public:
  Unpickler(std::span<const uint8_t> data, const UnpickleOptions& options)
      : data_(data), opts_(options) {}
  IValue run();

  [[noreturn]] void fail(std::string_view what) const;

  // unpickler_globals.cpp
  IValue resolveGlobal(const std::string& module, const std::string& name);
  IValue reduce(const IValue& callable, const IValue& args, bool newObj);
  IValue persistentLoad(const IValue& pid);
  void build(const IValue& target, IValue state);

 private:
  IValue loop();
  uint8_t readByte();
  const uint8_t* readBytes(uint64_t n);
  std::string readLine();
  size_t markBase() const { return marks_.empty() ? 0 : marks_.back(); }
  IValue pop();
  std::vector<IValue> popToMark();
  IValue& top();
  void push(IValue v) { stack_.push_back(std::move(v)); }
  // Every container made here is tracked so that, whatever happens, deep
  // or cyclic structures are taken apart without recursion.
  IValue track(IValue v);
  void setItem(const IValue& dict, IValue key, IValue value);
  void validate(const IValue& root, bool allowOpaque);
  void dismantle(bool all);

  // `dtype` (a ScalarType number, or None) reinterprets an untyped storage.
  Tensor rebuildTensor(const IValue& storage, const IValue& offset, const IValue& size,
                       const IValue& stride, const IValue& dtype = IValue());

  std::span<const uint8_t> data_;
  const UnpickleOptions& opts_;
  size_t pos_ = 0;
  size_t opPos_ = 0;
  std::vector<IValue> stack_;
  std::vector<size_t> marks_;
  std::unordered_map<uint32_t, IValue> memo_;
  std::vector<IValue> created_;
  std::unordered_map<std::string, IValue> storages_;
  // Filled by validate(): depth of every container reachable from the roots.
  std::unordered_map<const RefCounted*, size_t> depth_;
};

}  // namespace wick::serialize::detail
