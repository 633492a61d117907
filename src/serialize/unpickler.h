// Reads the pickle dialect PyTorch writes (data.pkl, constants.pkl,
// torch.save files) into IValues. No code runs: globals come from an
// allow-list, classes and storages from caller-supplied callbacks.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "wick/dtype.h"
#include "wick/ivalue.h"
#include "wick/tensor.h"

namespace wick::serialize {

// Returns the storage behind persistent id ('storage', type, key, location,
// numel): at least `numel` elements of `dtype`. Called once per key; every
// tensor naming the key views the returned storage.
using StorageLoader = std::function<Storage(const std::string& key, DType dtype, int64_t numel)>;

// Maps a TorchScript class name ("__torch__.foo.Bar") to its runtime
// description; the unpickler makes an Object of it. Returning null rejects
// the class.
using ClassResolver = std::function<std::shared_ptr<const ClassInfo>(const std::string& qualifiedName)>;

// Runs the class's compiled __setstate__ on `object` with `state`; called by
// BUILD when the state is not a dict of attributes.
using SetStateFn = std::function<void(const Ref<Object>& object, IValue state)>;

// Makes the value of a TorchScript enum class (pickled as GLOBAL class,
// value, REDUCE); IValue has no enum payload, so the caller chooses one.
using MakeEnumFn = std::function<IValue(const std::shared_ptr<const ClassInfo>& cls, IValue value)>;

// torch.jit._pickle.restore_type_tag(value, "Dict[str, float]"): lets the
// caller record the static type of a container; the value is kept as is.
using TypeTagFn = std::function<void(const IValue& value, const std::string& type)>;

struct UnpickleOptions {
  // Names the input in error messages ("model.pt: data.pkl").
  std::string source = "pickle";
  StorageLoader loadStorage;    // required when the pickle holds tensors
  ClassResolver resolveClass;   // required when it holds __torch__ objects
  SetStateFn setState;          // required for objects with __setstate__
  MakeEnumFn makeEnum;          // required for enum values
  TypeTagFn restoreTypeTag;     // optional
  // Containers nested deeper than this are rejected: consumers of IValues
  // recurse, and a pickle can nest a million tuples in two megabytes.
  size_t maxDepth = 1000;
};

// Unpickles `data`. Throws wick::Error naming the source and byte offset on
// malformed input, a disallowed global, cyclic or too deeply nested values.
IValue unpickle(std::span<const uint8_t> data, const UnpickleOptions& options);
inline IValue unpickle(std::string_view data, const UnpickleOptions& options) {
  return unpickle(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(data.data()), data.size()),
                  options);
}

}  // namespace wick::serialize
