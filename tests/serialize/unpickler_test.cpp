// The unpickler on PyTorch's own files: every dtype, shared storages and
// views, nested containers, TorchScript archives with classes; and hostile
// pickles that must fail with a wick::Error.
#include <gtest/gtest.h>

#include <atomic>
#include <map>

#include <thread>

#include "serialize/archive_reader.h"
#include "serialize/torch_save.h"
#include "serialize_test_util.h"

namespace wick::serialize {
namespace {

using testing::fixture;
using testing::TestClass;

std::vector<double> values(const Tensor& t) {
  std::vector<double> out;
  for (int64_t i = 0; i < t.numel(); ++i) out.push_back(t.at(i).to<double>());
  return out;
}

const IValue& get(const IValue& dict, const std::string& key) {
  const IValue* v = dict.dictRef().find(IValue(key));
  if (!v) throw Error("missing key " + key);
  return *v;
}

TEST(Unpickler, EveryDType) {
  IValue d = loadTorchSaved(fixture("dtypes.pt"));
  ASSERT_TRUE(d.isDict());
  EXPECT_EQ(d.dictRef().size(), 10u);
  const std::map<std::string, DType> want = {
      {"uint8", DType::UInt8},     {"int8", DType::Int8},       {"int16", DType::Int16},
      {"int32", DType::Int32},     {"int64", DType::Int64},     {"float16", DType::Float16},
      {"float32", DType::Float32}, {"float64", DType::Float64}, {"bool", DType::Bool},
      {"bfloat16", DType::BFloat16}};
  for (const auto& [name, dt] : want) {
    Tensor t = get(d, name).toTensor();
    EXPECT_EQ(t.dtype(), dt) << name;
    EXPECT_EQ(std::vector<int64_t>(t.sizes().begin(), t.sizes().end()), (std::vector<int64_t>{2, 3}));
    std::vector<double> expect = {0, 1, 2, 3, 4, -5};
    if (dt == DType::UInt8) expect = {0, 1, 2, 3, 4, 5};
    if (dt == DType::Bool) expect = {0, 1, 0, 1, 0, 1};
    EXPECT_EQ(values(t), expect) << name;
  }
}

TEST(Unpickler, ViewsShareOneStorage) {
  IValue v = loadTorchSaved(fixture("views.pt"));
  ASSERT_TRUE(v.isTuple());
  const auto& el = v.tupleRef().elements;
  ASSERT_EQ(el.size(), 5u);
  Tensor base = el[0].toTensor(), t = el[1].toTensor(), slice = el[2].toTensor(), row = el[3].toTensor();
  EXPECT_TRUE(base.sharesStorage(t));
  EXPECT_TRUE(base.sharesStorage(slice));
  EXPECT_TRUE(base.sharesStorage(row));
  EXPECT_FALSE(base.sharesStorage(el[4].toTensor()));
  EXPECT_EQ(t.stride(0), 1);
  EXPECT_EQ(t.stride(1), 6);
  EXPECT_EQ(slice.storageOffset(), 6);
  EXPECT_EQ(slice.stride(1), 2);
  EXPECT_EQ(values(slice), (std::vector<double>{6, 8, 10, 12, 14, 16}));
  EXPECT_EQ(values(row), (std::vector<double>{12, 13, 14, 15, 16, 17}));
  EXPECT_EQ(values(t)[1], 6.0);
  EXPECT_EQ(values(el[4].toTensor()), (std::vector<double>{7, 8}));
  EXPECT_EQ(el[4].toTensor().dtype(), DType::Int64);
  // Views stay views: a write through one shows in the others.
  base.data<float>()[13] = 100.0f;
  EXPECT_EQ(values(row)[1], 100.0);
}

TEST(Unpickler, RepackedArchiveLoads) {
  if (!ZipArchive::canInflate()) GTEST_SKIP() << "built without zlib";
  IValue v = loadTorchSaved(fixture("repacked.pt"));
  EXPECT_EQ(values(v.tupleRef().elements[2].toTensor()), (std::vector<double>{6, 8, 10, 12, 14, 16}));
  EXPECT_TRUE(v.tupleRef().elements[0].toTensor().sharesStorage(v.tupleRef().elements[3].toTensor()));
}

TEST(Unpickler, NestedContainers) {
  IValue d = loadTorchSaved(fixture("nested.pt"));
  EXPECT_EQ(get(d, "list").repr(), "[1, 2.5, 'str', None, True, False]");
  EXPECT_EQ(get(d, "tuple").repr(), "(1, (2, (3,)), ())");
  EXPECT_EQ(get(d, "big").toInt(), int64_t{1} << 40);
  EXPECT_EQ(get(d, "neg").toInt(), -5);
  EXPECT_EQ(get(d, "minint").toInt(), INT64_MIN);
  EXPECT_EQ(get(d, "unicode").toStringRef(), "h\xc3\xa9llo \xe2\x9c\x93");
  EXPECT_EQ(get(d, "long_tuple").tupleRef().elements.size(), 5u);
  EXPECT_TRUE(get(d, "device").toDevice().isCpu());
  EXPECT_EQ(get(d, "dtype").toInt(), static_cast<int64_t>(DType::Float64));
  const IValue& ints = get(d, "ints");
  EXPECT_EQ(ints.dictRef().find(IValue(int64_t{-2}))->toStringRef(), "minus two");
  const IValue& inner = get(d, "dict");
  EXPECT_EQ(values(get(inner, "x").toTensor()), (std::vector<double>{1.5, -2.5}));
  EXPECT_TRUE(get(inner, "y").isList());
  // Python's memo keeps shared objects shared.
  const auto& same = get(d, "same_tensor").tupleRef().elements;
  EXPECT_TRUE(same[0].toTensor().isSameTensor(same[1].toTensor()));
  EXPECT_TRUE(same[0].toTensor().isSameTensor(get(inner, "x").toTensor()));
  const auto& shared = get(d, "shared_list").tupleRef().elements;
  EXPECT_EQ(shared[0].rawPtr(), shared[1].rawPtr());
}

TEST(Unpickler, StateDictAndParameter) {
  IValue sd = loadTorchSaved(fixture("state_dict.pt"));
  ASSERT_TRUE(sd.isDict());
  EXPECT_EQ(sd.dictRef().size(), 2u);
  EXPECT_EQ(values(get(sd, "weight").toTensor()), (std::vector<double>{0, 1, 2, 3, 4, 5}));
  EXPECT_EQ(values(get(sd, "bias").toTensor()), (std::vector<double>{10, 20}));
  IValue p = loadTorchSaved(fixture("parameter.pt"));
  EXPECT_EQ(values(p.toTensor()), (std::vector<double>{1, 1}));
}

// Resolves the classes of the TorchScript fixtures.
struct ScriptLoader {
  std::map<std::string, std::shared_ptr<const ClassInfo>> classes = {
      {"__torch__.Scripted",
       std::make_shared<TestClass>("__torch__.Scripted",
                                   std::vector<std::string>{"training", "_is_full_backward_hook", "inner",
                                                            "ks", "scale", "name"})},
      {"__torch__.torch.nn.modules.linear.Linear",
       std::make_shared<TestClass>("__torch__.torch.nn.modules.linear.Linear",
                                   std::vector<std::string>{"training", "_is_full_backward_hook", "weight",
                                                            "bias"})},
      {"__torch__.AddConst",
       std::make_shared<TestClass>("__torch__.AddConst",
                                   std::vector<std::string>{"training", "_is_full_backward_hook"})},
      {"__torch__.WithEnum",
       std::make_shared<TestClass>("__torch__.WithEnum",
                                   std::vector<std::string>{"training", "_is_full_backward_hook", "color"})},
      {"__torch__.Color", std::make_shared<TestClass>("__torch__.Color", std::vector<std::string>{"value"})},
      {"__torch__.WithState",
       std::make_shared<TestClass>("__torch__.WithState", std::vector<std::string>{"training", "n", "w"})},
  };
  std::vector<std::string> typeTags;
  std::vector<IValue> states;

  IValue load(const std::string& file, const std::string& record, const std::string& storageDir) {
    auto archive = ZipArchive::open(fixture(file));
    UnpickleOptions o;
    o.resolveClass = [this](const std::string& name) -> std::shared_ptr<const ClassInfo> {
      auto it = classes.find(name);
      return it == classes.end() ? nullptr : it->second;
    };
    o.setState = [this](const Ref<Object>& obj, IValue state) {
      // What a compiled WithState.__setstate__ would do.
      const auto& el = state.tupleRef().elements;
      obj->slots[1] = el[0];
      obj->slots[2] = el[1];
      obj->slots[0] = el[2];
      states.push_back(state);
    };
    o.makeEnum = [](const std::shared_ptr<const ClassInfo>& cls, IValue value) {
      Ref<Object> e = makeRef<Object>(cls);
      e->slots[0] = std::move(value);
      return IValue(e);
    };
    o.restoreTypeTag = [this](const IValue&, const std::string& type) { typeTags.push_back(type); };
    return unpickleRecord(archive, record, storageDir, o);
  }
};

TEST(Unpickler, ScriptModuleObjects) {
  ScriptLoader l;
  IValue m = l.load("script_module.pt", "data.pkl", "data/");
  ASSERT_TRUE(m.isObject());
  const Object& root = m.objectRef();
  EXPECT_EQ(root.type->qualifiedName(), "__torch__.Scripted");
  EXPECT_EQ(root.attr("training").toBool(), true);
  EXPECT_TRUE(root.attr("_is_full_backward_hook").isNone());
  EXPECT_EQ(root.attr("ks").repr(), "[1, 2, 3]");
  EXPECT_EQ(root.attr("scale").repr(), "{'a': 1.5}");
  EXPECT_EQ(root.attr("name").toStringRef(), "wick");
  EXPECT_EQ(l.typeTags, (std::vector<std::string>{"Dict[str, float]"}));
  const Object& lin = root.attr("inner").objectRef();
  EXPECT_EQ(lin.type->qualifiedName(), "__torch__.torch.nn.modules.linear.Linear");
  EXPECT_EQ(values(lin.attr("weight").toTensor()), (std::vector<double>{0, 1, 2, 3, 4, 5}));
  EXPECT_EQ(values(lin.attr("bias").toTensor()), (std::vector<double>{10, 20}));
  IValue constants = l.load("script_module.pt", "constants.pkl", "constants/");
  EXPECT_EQ(constants.repr(), "()");
}

TEST(Unpickler, TracedConstants) {
  ScriptLoader l;
  IValue c = l.load("traced_constants.pt", "constants.pkl", "constants/");
  ASSERT_TRUE(c.isTuple());
  ASSERT_EQ(c.tupleRef().elements.size(), 1u);
  EXPECT_EQ(values(c.tupleRef().elements[0].toTensor()), (std::vector<double>{1, 2, 3}));
  IValue m = l.load("traced_constants.pt", "data.pkl", "data/");
  EXPECT_EQ(m.objectRef().type->qualifiedName(), "__torch__.AddConst");
}

TEST(Unpickler, SetStateCallback) {
  ScriptLoader l;
  IValue m = l.load("setstate_module.pt", "data.pkl", "data/");
  ASSERT_EQ(l.states.size(), 1u);
  EXPECT_EQ(m.objectRef().attr("n").toInt(), 3);
  EXPECT_EQ(values(m.objectRef().attr("w").toTensor()), (std::vector<double>{1, 1}));
  EXPECT_EQ(m.objectRef().attr("training").toBool(), true);
}

TEST(Unpickler, EnumAttribute) {
  ScriptLoader l;
  IValue m = l.load("enum_module.pt", "data.pkl", "data/");
  const Object& color = m.objectRef().attr("color").objectRef();
  EXPECT_EQ(color.type->qualifiedName(), "__torch__.Color");
  EXPECT_EQ(color.attr("value").toInt(), 2);
}

TEST(Unpickler, ClassErrors) {
  auto archive = ZipArchive::open(fixture("script_module.pt"));
  RecordData pkl = archive->read("data.pkl");
  UnpickleOptions o;
  o.loadStorage = archiveStorageLoader(archive, "data/");
  EXPECT_WICK_ERROR(unpickle(pkl.bytes, o), "class '__torch__.Scripted' found but no class resolver");
  o.resolveClass = [](const std::string&) { return nullptr; };
  EXPECT_WICK_ERROR(unpickle(pkl.bytes, o), "unknown class '__torch__.Scripted'");
  o.resolveClass = [](const std::string& name) {
    return std::make_shared<TestClass>(name, std::vector<std::string>{"training"});
  };
  EXPECT_WICK_ERROR(unpickle(pkl.bytes, o), "Linear' has no attribute 'weight'");
  ScriptLoader l;
  auto st = ZipArchive::open(fixture("setstate_module.pt"));
  o.resolveClass = [&](const std::string& n) { return l.classes.at(n); };
  o.loadStorage = archiveStorageLoader(st, "data/");
  EXPECT_WICK_ERROR(unpickle(st->read("data.pkl").bytes, o), "needs __setstate__");
}

TEST(Unpickler, ConcurrentLoadsFromOneArchive) {
  // An opened archive is immutable: threads may read and unpickle at once.
  auto archive = ZipArchive::open(fixture("dtypes.pt"));
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      for (int k = 0; k < 50; ++k) {
        IValue d = unpickleRecord(archive, "data.pkl", "data/", UnpickleOptions{});
        if (d.dictRef().size() == 10) ++ok;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 200);
}

}  // namespace
}  // namespace wick::serialize
