// torch.save files written by Wick: they load back in Wick, and torch.load
// (PyTorch 1.13, when installed) reads them back equal.
#include <gtest/gtest.h>

#include <cstdlib>

#include "serialize/pickler.h"
#include "serialize/torch_save.h"
#include "serialize/zip_writer.h"
#include "serialize_test_util.h"

namespace wick::serialize {
namespace {

using testing::fixture;
using testing::tempPath;

Tensor arange(int64_t n, DType dt, std::vector<int64_t> sizes) {
  std::vector<int64_t> v(n);
  for (int64_t i = 0; i < n; ++i) v[i] = i;
  return Tensor::fromVector(v, sizes).to(dt);
}

IValue dict(std::vector<std::pair<IValue, IValue>> items) {
  Ref<DictObj> d = makeDict();
  for (auto& [k, v] : items) d->insert(k, v);
  return d;
}

// scripts/check_torch_load.py builds the same values in Python.
IValue caseDTypes() {
  std::vector<std::pair<IValue, IValue>> items;
  for (DType dt : {DType::UInt8, DType::Int8, DType::Int16, DType::Int32, DType::Int64, DType::Float16,
                   DType::Float32, DType::Float64, DType::Bool, DType::BFloat16}) {
    Tensor t = dt == DType::Bool ? Tensor::fromVector(std::vector<int64_t>{0, 1, 0, 1, 0, 1}, {2, 3}).to(dt)
                                 : arange(6, dt, {2, 3});
    items.emplace_back(std::string(dtypeName(dt)), t);
  }
  return dict(items);
}

IValue caseMixed() {
  Tensor base = arange(24, DType::Float32, {4, 6});
  Tensor t = Tensor::fromVector(std::vector<double>{1.5, -2.5});
  return dict({
      {"f32", arange(6, DType::Float32, {2, 3})},
      {"views", makeTuple({base, base.asStrided({6, 4}, {1, 6}, 0), base.asStrided({2, 3}, {6, 2}, 6)})},
      {"nested", makeList({int64_t{1}, 2.5, "h\xc3\xa9llo \xe2\x9c\x93", IValue(), true, false,
                           makeTuple({int64_t{1}, int64_t{2}, int64_t{3}, int64_t{4}}), makeList()})},
      {"big", int64_t{1} << 40},
      {"neg", int64_t{-7}},
      {"minint", INT64_MIN},
      {"ints", dict({{int64_t{1}, "one"}, {int64_t{-2}, "two"}})},
      {"device", Device(DeviceType::CPU)},
      {"same", makeTuple({t, t})},
      {"empty", Tensor::zeros({0, 3}, DType::Float32)},
      {"scalar", Tensor::scalar(3.5, DType::Float32)},
  });
}

// torch.load on `path`, compared with `kase` by the Python script.
void expectTorchLoads(const std::string& kase, const std::string& path) {
  std::string cmd = "/usr/bin/python3 " + testing::repoRoot() + "/scripts/check_torch_load.py " + kase + " " + path;
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
}

TEST(TorchSave, RoundTripInWick) {
  std::string path = tempPath("mixed.pt");
  IValue v = caseMixed();
  saveTorchSaved(v, path);
  IValue back = loadTorchSaved(path);
  EXPECT_EQ(back.repr(), v.repr());
  auto get = [&](const char* k) { return *back.dictRef().find(IValue(k)); };
  const auto& views = get("views").tupleRef().elements;
  EXPECT_TRUE(views[0].toTensor().sharesStorage(views[2].toTensor()));
  EXPECT_EQ(views[2].toTensor().storageOffset(), 6);
  EXPECT_EQ(views[1].toTensor().stride(1), 6);
  const auto& same = get("same").tupleRef().elements;
  EXPECT_TRUE(same[0].toTensor().isSameTensor(same[1].toTensor()));
  EXPECT_EQ(get("empty").toTensor().numel(), 0);

  saveTorchSaved(caseDTypes(), path);
  IValue dt = loadTorchSaved(path);
  EXPECT_EQ(dt.repr(), caseDTypes().repr());
  EXPECT_EQ(dt.dictRef().find(IValue("bfloat16"))->toTensor().dtype(), DType::BFloat16);
}

TEST(TorchSave, ReloadsPyTorchFilesUnchanged) {
  // Wick -> file -> Wick on a value PyTorch wrote keeps every detail.
  IValue v = loadTorchSaved(fixture("nested.pt"));
  std::string path = tempPath("nested_again.pt");
  saveTorchSaved(v, path);
  EXPECT_EQ(loadTorchSaved(path).repr(), v.repr());
}

TEST(TorchSave, TorchLoadReadsWhatWickWrites) {
  if (!testing::haveTorch()) GTEST_SKIP() << "/usr/bin/python3 cannot import torch";
  std::string mixed = tempPath("check_mixed.pt");
  saveTorchSaved(caseMixed(), mixed);
  expectTorchLoads("mixed", mixed);
  std::string dtypes = tempPath("check_dtypes.pt");
  saveTorchSaved(caseDTypes(), dtypes);
  expectTorchLoads("dtypes", dtypes);

  // The same value with zip64 fields on every record.
  std::string zip64 = tempPath("check_zip64.pt");
  Pickler p;
  std::string pkl = p.dump(caseMixed());
  ZipWriter w(zip64, "archive", ZipWriter::Options{true});
  w.writeRecord("data.pkl", pkl);
  for (size_t i = 0; i < p.storages().size(); ++i) {
    const auto& s = p.storages()[i];
    w.writeRecord("data/" + std::to_string(i),
                  std::span<const uint8_t>(static_cast<const uint8_t*>(s.storage->data()),
                                           static_cast<size_t>(s.numel * elementSize(s.dtype))));
  }
  w.writeRecord("version", std::string_view("3\n"));
  w.finish();
  EXPECT_EQ(loadTorchSaved(zip64).repr(), caseMixed().repr());
  expectTorchLoads("mixed", zip64);
}

// The records PyTorch 2.x adds beside data.pkl (byteorder, .data/...).
std::string writeV2Layout(const std::string& name, const std::string& byteorder) {
  std::string path = tempPath(name);
  Pickler p;
  std::string pkl = p.dump(makeTuple({Tensor::fromVector(std::vector<float>{1, 2}), int64_t{3}}));
  ZipWriter w(path, "archive");
  w.writeRecord("data.pkl", pkl);
  w.writeRecord(".format_version", std::string_view("1"));
  w.writeRecord("byteorder", byteorder);
  const auto& s = p.storages()[0];
  w.writeRecord("data/0", std::span<const uint8_t>(static_cast<const uint8_t*>(s.storage->data()), 8));
  w.writeRecord(".data/version", std::string_view("3\n"));
  w.writeRecord(".data/serialization_id", std::string_view("1234567890"));
  w.finish();
  return path;
}

TEST(TorchSave, PyTorch2Layout) {
  IValue v = loadTorchSaved(writeV2Layout("v2.pt", "little"));
  EXPECT_EQ(v.tupleRef().elements[0].toTensor().at(1).to<double>(), 2.0);
  EXPECT_EQ(v.tupleRef().elements[1].toInt(), 3);
  EXPECT_WICK_ERROR(loadTorchSaved(writeV2Layout("v2big.pt", "big")), "byte order 'big' is not supported");
}

TEST(TorchSave, LoadErrors) {
  std::string legacy = tempPath("legacy.pt");
  testing::writeFile(legacy, std::string("\x80\x02\x8a\x0a", 4) + "junk");
  EXPECT_WICK_ERROR(loadTorchSaved(legacy), "legacy torch.save format");
  EXPECT_WICK_ERROR(loadTorchSaved(fixture("script_module.pt")), "no class resolver");
  std::string nopkl = tempPath("nopkl.pt");
  ZipWriter w(nopkl, "x");
  w.writeRecord("version", std::string_view("3\n"));
  w.finish();
  EXPECT_WICK_ERROR(loadTorchSaved(nopkl), "without data.pkl");
}

TEST(TorchSave, SaveErrors) {
  std::string path = tempPath("bad.pt");
  auto cls = std::make_shared<testing::TestClass>("__torch__.M", std::vector<std::string>{});
  EXPECT_WICK_ERROR(saveTorchSaved(makeRef<Object>(cls), path), "class '__torch__.M'");
  Tensor f = arange(4, DType::Float32, {4});
  Tensor asInt(makeRef<TensorImpl>(f.storage(), DType::Int32, IntArrayRef{4}, IntArrayRef{1}, 0));
  EXPECT_WICK_ERROR(saveTorchSaved(makeTuple({f, asInt}), path), "viewing one storage as both");
  IValue deep = makeList();
  for (int i = 0; i < 2000; ++i) deep = makeList({deep});
  EXPECT_WICK_ERROR(saveTorchSaved(deep, path), "nested deeper");
  EXPECT_WICK_ERROR(saveTorchSaved(IValue(std::string("ab\xff")), path), "not valid UTF-8");
  EXPECT_WICK_ERROR(saveTorchSaved(IValue(std::string("\xc0\x80")), path), "not valid UTF-8");  // overlong
  EXPECT_WICK_ERROR(saveTorchSaved(IValue(std::string("\xe2\x9c")), path), "not valid UTF-8");  // truncated
  // A failed save leaves nothing behind.
  EXPECT_WICK_ERROR(loadTorchSaved(path), "cannot open archive");
}

}  // namespace
}  // namespace wick::serialize
