// libFuzzer target for the unpickler: any input must load or throw
// wick::Error; loaded tensors must stay inside their storages (ASan checks
// the reads below). Build by hand until WICK_FUZZ is wired:
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address -DWICK_WITH_ZLIB=1 -Iinclude -Isrc
//     tests/fuzz/unpickler_fuzz.cpp src/serialize/*.cpp src/core/*.cpp -lfmt -lz
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "serialize/unpickler.h"
#include "wick/error.h"

namespace {

using namespace wick;

// Every class has the same few attributes, so BUILD with a dict can succeed.
class FuzzClass : public ClassInfo {
 public:
  explicit FuzzClass(std::string name) : name_(std::move(name)) {}
  const std::string& qualifiedName() const override { return name_; }
  size_t numAttributes() const override { return attrs_.size(); }
  const std::string& attributeName(size_t slot) const override { return attrs_[slot]; }
  int64_t findAttribute(std::string_view name) const override {
    for (size_t i = 0; i < attrs_.size(); ++i)
      if (attrs_[i] == name) return static_cast<int64_t>(i);
    return -1;
  }

 private:
  std::string name_;
  std::vector<std::string> attrs_ = {"training", "weight", "bias", "state"};
};

// Reads every element of every tensor reachable from `v`.
double touch(const IValue& v, int depth) {
  double sum = 0;
  if (v.isTensor()) {
    Tensor t = v.toTensor();
    for (int64_t i = 0; i < t.numel() && i < 4096; ++i) sum += t.at(i).to<double>();
  } else if (v.isList()) {
    for (const IValue& e : v.listRef().elements) sum += touch(e, depth + 1);
  } else if (v.isTuple()) {
    for (const IValue& e : v.tupleRef().elements) sum += touch(e, depth + 1);
  } else if (v.isDict()) {
    v.dictRef().forEach([&](const IValue& k, const IValue& x) { sum += touch(k, depth + 1) + touch(x, depth + 1); });
  } else if (v.isObject()) {
    for (const IValue& e : v.objectRef().slots) sum += touch(e, depth + 1);
  }
  return sum;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  serialize::UnpickleOptions o;
  o.source = "fuzz";
  o.loadStorage = [](const std::string&, DType dtype, int64_t numel) -> Storage {
    int64_t nbytes = numel * elementSize(dtype);
    if (nbytes > (1 << 20)) throw Error("fuzz: storage too large");
    return makeRef<StorageImpl>(nbytes, kCPU);
  };
  o.resolveClass = [](const std::string& name) { return std::make_shared<FuzzClass>(name); };
  o.setState = [](const Ref<Object>& obj, IValue state) { obj->slots[3] = std::move(state); };
  o.restoreTypeTag = [](const IValue&, const std::string&) {};
  try {
    IValue v = serialize::unpickle(std::span<const uint8_t>(data, size), o);
    volatile double sink = touch(v, 0);
    (void)sink;
    (void)v.repr();
  } catch (const Error&) {
  }
  return 0;
}
