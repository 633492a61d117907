// The CNN fixture reader and case runner (see cnn_fixture_util.h).
#include "tests/kernels/cnn_fixture_util.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>
#include <stdexcept>

namespace wick::cnntest {
namespace {

class Reader {
 public:
  explicit Reader(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) throw std::runtime_error("cannot open fixture " + path);
    bytes_.assign(std::istreambuf_iterator<char>(f), {});
  }
  template <typename T>
  T get() {
    if (pos_ + sizeof(T) > bytes_.size()) throw std::runtime_error("truncated fixture");
    T v;
    std::memcpy(&v, bytes_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return v;
  }
  std::string str() {
    uint32_t n = get<uint32_t>();
    std::string s(bytes_.data() + pos_, n);
    pos_ += n;
    return s;
  }
  void raw(void* dst, size_t n) {
    if (pos_ + n > bytes_.size()) throw std::runtime_error("truncated fixture");
    std::memcpy(dst, bytes_.data() + pos_, n);
    pos_ += n;
  }
  Tensor tensor() {
    auto dtype = static_cast<DType>(get<uint8_t>());
    int64_t numel = get<uint32_t>();
    Tensor base = Tensor::empty({numel}, dtype);
    raw(base.rawData(), static_cast<size_t>(numel * base.elementSize()));
    uint32_t ndim = get<uint32_t>();
    std::vector<int64_t> sizes(ndim), strides(ndim);
    for (auto& s : sizes) s = get<int64_t>();
    for (auto& s : strides) s = get<int64_t>();
    int64_t offset = get<int64_t>();
    return base.asStrided(sizes, strides, offset);
  }
  IValue arg() {
    char tag = get<char>();
    switch (tag) {
      case 'T': return tensor();
      case 'n': return IValue();
      case 'b': return IValue(get<uint8_t>() != 0);
      case 'i': return IValue(get<int64_t>());
      case 'f': return IValue(get<double>());
      case 's': return IValue(str());
      case 'l':
      case 'd': {
        uint32_t n = get<uint32_t>();
        std::vector<IValue> v;
        for (uint32_t i = 0; i < n; ++i)
          v.push_back(tag == 'l' ? IValue(get<int64_t>()) : IValue(get<double>()));
        return IValue(makeRef<ListObj>(std::move(v)));
      }
      default: throw std::runtime_error(std::string("bad fixture tag ") + tag);
    }
  }

 private:
  std::vector<char> bytes_;
  size_t pos_ = 0;
};

std::vector<CnnCase> load(const std::string& file) {
  Reader r(std::string(WICK_TEST_DATA_DIR) + "/cnn/" + file);
  char magic[6];
  r.raw(magic, 6);
  if (std::memcmp(magic, "WCNN1\n", 6) != 0) throw std::runtime_error("bad fixture magic");
  std::vector<CnnCase> cases(r.get<uint32_t>());
  for (auto& c : cases) {
    c.name = r.str();
    c.overload = r.str();
    c.rtol = r.get<double>();
    c.atol = r.get<double>();
    c.inplace = r.get<uint8_t>() != 0;
    uint32_t nargs = r.get<uint32_t>();
    for (uint32_t i = 0; i < nargs; ++i) c.args.push_back(r.arg());
    uint32_t nouts = r.get<uint32_t>();
    for (uint32_t i = 0; i < nouts; ++i) c.outputs.push_back(r.tensor());
  }
  return cases;
}

// A fresh copy of a tensor argument with the same sizes and strides, so a
// case can run twice and in-place ops do not change the fixture.
Tensor copyView(const Tensor& t) {
  Tensor base = t.storage()->nbytes() > 0
                    ? Tensor::empty({t.storage()->nbytes() / t.elementSize()}, t.dtype())
                    : Tensor::empty({0}, t.dtype());
  std::memcpy(base.rawData(), t.storage()->data(), static_cast<size_t>(t.storage()->nbytes()));
  return base.asStrided(t.sizes(), t.strides(), t.storageOffset());
}

}  // namespace

const std::vector<CnnCase>& cnnCases(const std::string& file) {
  static std::mutex mu;
  // Never destroyed: its tensors must not outlive the allocator at exit.
  static auto& loaded = *new std::map<std::string, std::vector<CnnCase>>();
  std::lock_guard<std::mutex> lock(mu);
  auto it = loaded.find(file);
  if (it == loaded.end()) it = loaded.emplace(file, load(file)).first;
  return it->second;
}

std::vector<std::string> cnnCaseNames(const std::string& file) {
  std::vector<std::string> names;
  for (const auto& c : cnnCases(file)) names.push_back(c.name);
  return names;
}

const CnnCase& cnnCase(const std::string& file, const std::string& name) {
  for (const auto& c : cnnCases(file))
    if (c.name == name) return c;
  throw std::runtime_error("no fixture case " + name);
}

Stack callOp(const std::string& overload, Stack args) {
  const Operator* op = OperatorRegistry::global().findOverload(overload);
  if (!op) throw std::runtime_error("op not registered: " + overload);
  op->fn(args);
  return args;
}

void expectClose(const Tensor& actual, const Tensor& expected, double rtol, double atol,
                 const std::string& what) {
  ASSERT_EQ(actual.sizes().vec(), expected.sizes().vec()) << what << ": shape";
  ASSERT_EQ(actual.dtype(), expected.dtype()) << what << ": dtype";
  Tensor a = actual.to(DType::Float64, true).contiguous();
  Tensor e = expected.to(DType::Float64, true).contiguous();
  const double* pa = a.data<double>();
  const double* pe = e.data<double>();
  int64_t bad = 0;
  for (int64_t i = 0; i < a.numel(); ++i) {
    bool ok = std::abs(pa[i] - pe[i]) <= atol + rtol * std::abs(pe[i]) ||
              (std::isnan(pa[i]) && std::isnan(pe[i])) || pa[i] == pe[i];
    if (!ok && bad++ < 5)
      ADD_FAILURE() << what << ": element " << i << " is " << pa[i] << ", expected " << pe[i];
  }
  EXPECT_EQ(bad, 0) << what << ": " << bad << " of " << a.numel() << " elements differ";
}

void runCnnCase(const CnnCase& c) {
  Stack args;
  for (const auto& a : c.args) args.push_back(a.isTensor() ? IValue(copyView(a.toTensor())) : a);
  Tensor self = args.empty() || !args[0].isTensor() ? Tensor() : args[0].toTensor();
  Stack out = callOp(c.overload, args);
  std::vector<Tensor> results;
  for (const auto& v : out) {
    if (v.isTuple()) {
      for (const auto& e : v.tupleRef().elements) results.push_back(e.toTensor());
    } else {
      results.push_back(v.toTensor());
    }
  }
  ASSERT_EQ(results.size(), c.outputs.size()) << c.name << ": number of outputs";
  for (size_t i = 0; i < results.size(); ++i)
    expectClose(results[i], c.outputs[i], c.rtol, c.atol, c.name + " output " + std::to_string(i));
  if (c.inplace) {
    EXPECT_TRUE(results[0].isSameTensor(self)) << c.name << ": must return self";
    expectClose(self, c.outputs[0], c.rtol, c.atol, c.name + " self");
  }
}

}  // namespace wick::cnntest
