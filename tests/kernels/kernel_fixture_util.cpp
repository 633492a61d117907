// The kernel fixture reader and runner (see kernel_fixture_util.h).
#include "tests/kernels/kernel_fixture_util.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "core/dispatch.h"
#include "kernels/cpu/shape.h"
#include "wick/error.h"
#include "wick/ivalue.h"

namespace wick::testing {
namespace {

DType parseDTypeName(const std::string& s) {
  DType t;
  if (!parseDType(s, &t)) throw std::runtime_error("fixture: bad dtype " + s);
  return t;
}

// "<dtype> <ndim> <sizes...> <values...>" into a contiguous tensor.
Tensor readTensor(std::istringstream& in, const std::string& dtypeName) {
  DType dt = parseDTypeName(dtypeName);
  int64_t nd;
  in >> nd;
  std::vector<int64_t> sizes(static_cast<size_t>(nd));
  for (auto& s : sizes) in >> s;
  Tensor t = Tensor::empty(sizes, dt);
  const int64_t n = t.numel();
  WICK_DISPATCH_ALL(dt, "fixture", {
    scalar_t* p = static_cast<scalar_t*>(t.rawData());
    for (int64_t k = 0; k < n; ++k) {
      std::string tok;
      in >> tok;
      if constexpr (std::is_integral_v<scalar_t>) {
        p[k] = static_cast<scalar_t>(std::stoll(tok));
      } else {
        p[k] = static_cast<scalar_t>(std::strtod(tok.c_str(), nullptr));
      }
    }
  });
  return t;
}

void readTensorArg(std::istringstream& in, FixtureArg& a) {
  std::string dt, view;
  in >> dt >> view;
  a.stored.push_back(readTensor(in, dt));
  a.views.push_back(view[0]);
}

Tensor makeView(const Tensor& stored, char view) {
  Tensor t = stored.clone();
  if (view == 't') return kernels::transpose(t, -1, -2);
  if (view == 's') return kernels::slice(t, -1, std::nullopt, std::nullopt, 2);
  return t;
}

std::vector<FixtureCase> parseFile(const std::string& file) {
  std::ifstream f(std::string(WICK_TEST_DATA_DIR) + "/kernels/" + file);
  if (!f) throw std::runtime_error("cannot open fixture " + file);
  std::vector<FixtureCase> cases;
  std::string line;
  FixtureCase cur;
  FixtureArg* pendingList = nullptr;
  int pendingCount = 0;
  while (std::getline(f, line)) {
    std::istringstream in(line);
    std::string tag;
    in >> tag;
    if (pendingCount > 0) {  // a member of a tensor list
      std::string t;
      in.seekg(0);
      in >> t;
      readTensorArg(in, *pendingList);
      --pendingCount;
      continue;
    }
    if (tag == "case") {
      cur = FixtureCase();
      in >> cur.name >> cur.overload >> cur.rtol >> cur.atol;
      std::string flag;
      if (in >> flag) cur.inplace = flag == "inplace";
    } else if (tag == "arg") {
      std::string k;
      in >> k;
      FixtureArg a;
      if (k == "T") {
        a.kind = 'T';
        readTensorArg(in, a);
      } else if (k == "I") {
        a.kind = 'I';
        in >> a.i;
      } else if (k == "F") {
        a.kind = 'F';
        std::string tok;
        in >> tok;
        a.f = std::strtod(tok.c_str(), nullptr);
      } else if (k == "B") {
        a.kind = 'B';
        in >> a.i;
      } else if (k == "S") {
        a.kind = 'S';
        in >> a.text;
      } else if (k == "L") {
        a.kind = 'L';
        size_t n;
        in >> n;
        a.ints.resize(n);
        for (auto& v : a.ints) in >> v;
      } else if (k == "FL") {
        a.kind = 'D';
        size_t n;
        in >> n;
        for (size_t i = 0; i < n; ++i) {
          std::string tok;
          in >> tok;
          a.floats.push_back(std::strtod(tok.c_str(), nullptr));
        }
      } else if (k == "TL") {
        a.kind = 'U';
        in >> pendingCount;
      }
      cur.args.push_back(std::move(a));
      if (cur.args.back().kind == 'U') pendingList = &cur.args.back();
    } else if (tag == "out") {
      std::string k;
      in >> k;
      if (k == "T") {
        std::string dt;
        in >> dt;
        cur.outTensors.push_back(readTensor(in, dt));
      } else if (k == "I") {
        cur.hasOutInt = true;
        in >> cur.outInt;
      } else if (k == "L") {
        cur.hasOutList = true;
        size_t n;
        in >> n;
        cur.outList.resize(n);
        for (auto& v : cur.outList) in >> v;
      }
    } else if (tag == "err") {
      std::getline(in >> std::ws, cur.error);
    } else if (tag == "end") {
      cases.push_back(std::move(cur));
      cur = FixtureCase();
    }
  }
  return cases;
}

IValue buildArg(const FixtureArg& a) {
  switch (a.kind) {
    case 'T': return IValue(makeView(a.stored[0], a.views[0]));
    case 'I': return IValue(a.i);
    case 'F': return IValue(a.f);
    case 'B': return IValue(a.i != 0);
    case 'S': return IValue(a.text);
    case 'L': {
      std::vector<IValue> e;
      for (int64_t v : a.ints) e.emplace_back(v);
      return IValue(makeList(std::move(e)));
    }
    case 'D': {
      std::vector<IValue> e;
      for (double v : a.floats) e.emplace_back(v);
      return IValue(makeList(std::move(e)));
    }
    case 'U': {
      std::vector<IValue> e;
      for (size_t k = 0; k < a.stored.size(); ++k) e.emplace_back(makeView(a.stored[k], a.views[k]));
      return IValue(makeList(std::move(e)));
    }
    default: return IValue();
  }
}

}  // namespace

const std::vector<FixtureCase>& fixtureCases(const std::string& file) {
  // Never destroyed: the cached tensors must not outlive the allocator's
  // own statics at exit.
  static auto* cache = new std::map<std::string, std::vector<FixtureCase>>();
  auto it = cache->find(file);
  if (it == cache->end()) it = cache->emplace(file, parseFile(file)).first;
  return it->second;
}

std::vector<std::string> fixtureCaseNames(const std::string& file) {
  std::vector<std::string> names;
  for (const auto& c : fixtureCases(file)) names.push_back(c.name);
  return names;
}

const FixtureCase& fixtureCase(const std::string& file, const std::string& name) {
  for (const auto& c : fixtureCases(file))
    if (c.name == name) return c;
  throw std::runtime_error("no fixture case " + name);
}

Stack runOp(const std::string& overload, Stack args) {
  const Operator* op = OperatorRegistry::global().findOverload(overload);
  if (!op) throw std::runtime_error("op not registered: " + overload);
  op->fn(args);
  return args;
}

std::string opError(const std::string& overload, Stack args) {
  try {
    runOp(overload, std::move(args));
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

void expectTensorClose(const Tensor& actual, const Tensor& expected, double rtol, double atol,
                       const std::string& what) {
  ASSERT_TRUE(actual.defined()) << what;
  ASSERT_EQ(actual.sizes().vec(), expected.sizes().vec()) << what << ": shape";
  ASSERT_EQ(dtypeName(actual.dtype()), dtypeName(expected.dtype())) << what << ": dtype";
  int64_t bad = 0;
  for (int64_t k = 0; k < actual.numel() && bad < 5; ++k) {
    double a = actual.at(k).toDouble(), e = expected.at(k).toDouble();
    bool ok;
    if (std::isnan(e)) ok = std::isnan(a);
    else if (std::isinf(e)) ok = a == e;
    else ok = std::abs(a - e) <= atol + rtol * std::abs(e);
    if (!ok) {
      ++bad;
      ADD_FAILURE() << what << ": element " << k << " is " << a << ", PyTorch gives " << e;
    }
  }
}

void runFixtureCase(const FixtureCase& c) {
  const Operator* op = OperatorRegistry::global().findOverload(c.overload);
  ASSERT_NE(op, nullptr) << c.overload << " is not registered";
  ASSERT_NE(op->fn, nullptr) << c.overload;
  Stack stack;
  for (const auto& a : c.args) stack.push_back(buildArg(a));
  Tensor self = !stack.empty() && stack[0].isTensor() ? stack[0].toTensor() : Tensor();
  if (!c.error.empty()) {
    try {
      op->fn(stack);
      ADD_FAILURE() << c.name << ": expected an error containing '" << c.error << "'";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(c.error), std::string::npos)
          << c.name << ": error '" << e.what() << "' lacks '" << c.error << "'";
    }
    return;
  }
  op->fn(stack);
  if (stack.size() > 1) {  // several returns, e.g. (values, indices)
    ASSERT_EQ(stack.size(), c.outTensors.size()) << c.name;
    for (size_t k = 0; k < stack.size(); ++k)
      expectTensorClose(stack[k].toTensor(), c.outTensors[k], c.rtol, c.atol, c.name);
    return;
  }
  ASSERT_EQ(stack.size(), 1u) << c.name << ": ops push their results";
  const IValue& r = stack.back();
  if (c.hasOutInt) {
    ASSERT_TRUE(r.isInt() || r.isBool()) << c.name;
    EXPECT_EQ(r.isInt() ? r.toInt() : int64_t(r.toBool()), c.outInt) << c.name;
  } else if (c.hasOutList) {
    std::vector<int64_t> got;
    for (const IValue& e : r.listRef().elements) got.push_back(e.toInt());
    EXPECT_EQ(got, c.outList) << c.name;
  } else if (!r.isList()) {
    ASSERT_TRUE(r.isTensor()) << c.name << ": got " << r.tagName();
    expectTensorClose(r.toTensor(), c.outTensors[0], c.rtol, c.atol, c.name);
    if (c.inplace) EXPECT_TRUE(r.toTensor().isSameTensor(self)) << c.name << ": in-place op must return self";
  } else {
    ASSERT_TRUE(r.isList()) << c.name;
    const auto& el = r.listRef().elements;
    ASSERT_EQ(el.size(), c.outTensors.size()) << c.name;
    for (size_t k = 0; k < el.size(); ++k)
      expectTensorClose(el[k].toTensor(), c.outTensors[k], c.rtol, c.atol, c.name);
  }
}

}  // namespace wick::testing
