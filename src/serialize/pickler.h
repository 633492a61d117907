// Writes IValues as the protocol-2 pickle Python's torch.save produces, with
// tensors as persistent ids naming storages saved beside the pickle.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "wick/ivalue.h"

namespace wick::serialize {

class Pickler {
 public:
  // A storage a pickled tensor refers to by key "0", "1", ... (its index).
  struct StorageEntry {
    Storage storage;
    DType dtype;
    int64_t numel;
  };

  // Pickles `value`: None, bool, int, float, str, Tensor, Device, and
  // lists, tuples and dicts of those. Shared containers and tensors stay
  // shared (memo); tensors viewing one storage name one key. Objects and
  // values nested deeper than `maxDepth` throw wick::Error.
  std::string dump(const IValue& value);
  // The storages of the last dump(), to be saved beside its pickle.
  const std::vector<StorageEntry>& storages() const { return storages_; }

  size_t maxDepth = 1000;

 private:
  void write(const IValue& v, size_t depth);
  void writeTensor(const Tensor& t);
  void writeInt(int64_t v);
  void writeString(std::string_view s);
  void writeGlobal(const std::string& module, const std::string& name);
  void op(uint8_t code) { out_.push_back(static_cast<char>(code)); }
  void memoize(const void* identity);
  bool writeMemoized(const void* identity);
  const std::string& storageKey(const Tensor& t);

  std::string out_;
  uint32_t nextMemo_ = 0;
  std::unordered_map<const void*, uint32_t> memo_;
  std::unordered_map<std::string, uint32_t> globals_;
  std::unordered_map<const StorageImpl*, size_t> storageIndex_;
  std::vector<std::string> keys_;
  std::vector<StorageEntry> storages_;
};

}  // namespace wick::serialize
