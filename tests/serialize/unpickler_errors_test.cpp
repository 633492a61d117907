// Hostile and malformed pickles: each must end in a wick::Error naming the
// problem, never a crash, hang or unbounded allocation.
#include <gtest/gtest.h>

#include "serialize/archive_reader.h"
#include "serialize_test_util.h"

namespace wick::serialize {
namespace {

using testing::fixture;
using namespace std::string_literals;

// BINUNICODE of `s`.
std::string str(const std::string& s) {
  uint32_t n = static_cast<uint32_t>(s.size());
  return "X" + std::string(reinterpret_cast<const char*>(&n), 4) + s;
}

IValue load(const std::string& body, StorageLoader loader = {}) {
  UnpickleOptions o;
  o.source = "test.pkl";
  o.loadStorage = std::move(loader);
  return unpickle(std::string_view(body), o);
}

// A float tensor over storage "0" of `numel` elements with the given size
// and stride opcodes.
std::string tensorPickle(const std::string& numel, const std::string& size, const std::string& stride,
                         const std::string& storageType = "ctorch\nFloatStorage\n") {
  return "\x80\x02" "ctorch._utils\n_rebuild_tensor_v2\n((" + str("storage") + storageType + str("0") +
         str("cpu") + numel + "tQK\x00"s + size + stride + "\x89" "ccollections\nOrderedDict\n)RtR.";
}

StorageLoader bytesLoader(int64_t nbytes) {
  return [nbytes](const std::string&, DType, int64_t) { return makeRef<StorageImpl>(nbytes, kCPU); };
}

TEST(UnpicklerErrors, UnknownOpcode) {
  EXPECT_WICK_ERROR(load("\x80\x02\xff."), "unknown or unsupported opcode 0xff");
  EXPECT_WICK_ERROR(load("\x80\x02S'abc'\n."), "opcode 0x53");
  EXPECT_WICK_ERROR(load("\x80\x07N."), "unsupported pickle protocol 7");
}

TEST(UnpicklerErrors, DisallowedGlobals) {
  EXPECT_WICK_ERROR(load("\x80\x02" "cos\nsystem\n(" + str("ls") + "tR."), "global 'os.system' is not allowed");
  EXPECT_WICK_ERROR(load("\x80\x02" "cbuiltins\neval\n."), "global 'builtins.eval' is not allowed");
  EXPECT_WICK_ERROR(load("\x80\x02" + str("posix") + str("system") + "\x93."), "global 'posix.system'");
  EXPECT_WICK_ERROR(load("\x80\x02" "ctorch\nload\n."), "global 'torch.load' is not allowed");
  EXPECT_WICK_ERROR(load("\x80\x02" "ctorch\nComplexFloatStorage\n."), "storage type 'torch.ComplexFloatStorage' is not supported");
  // Allowed globals still cannot be results or called the wrong way.
  EXPECT_WICK_ERROR(load("\x80\x02" "ccollections\nOrderedDict\n."), "global 'collections.OrderedDict' used as a value");
  EXPECT_WICK_ERROR(load("\x80\x02" "ctorch\nFloatStorage\n)R."), "torch.FloatStorage cannot be called");
  EXPECT_WICK_ERROR(load("\x80\x02NNR."), "REDUCE on a None");
  EXPECT_WICK_ERROR(load("\x80\x02" "cos\nsystem"), "unterminated GLOBAL");
}

TEST(UnpicklerErrors, DeepNesting) {
  const size_t n = 200000;
  EXPECT_WICK_ERROR(load("\x80\x02" + std::string(n, '(') + std::string(n, 't') + "."), "nested deeper than 1000");
  EXPECT_WICK_ERROR(load("\x80\x02" + std::string(n + 1, ']') + std::string(n, 'a') + "."), "nested deeper");
  // Deep values that are only memoized, and deep values left on the stack
  // by an error, are taken apart without recursion too.
  EXPECT_WICK_ERROR(load("\x80\x02" + std::string(n, '(') + std::string(n, 't') + "q\x00"s "0N."), "nested deeper");
  EXPECT_WICK_ERROR(load("\x80\x02" + std::string(n, '(') + std::string(n, 't')), "unexpected end");
  // Within the limit is fine; the limit counts containers.
  IValue v = load("\x80\x02" + std::string(1000, '(') + std::string(1000, 't') + ".");
  EXPECT_TRUE(v.isTuple());
  EXPECT_WICK_ERROR(load("\x80\x02" + std::string(1001, '(') + std::string(1001, 't') + "."), "nested deeper");
  // A shared deep value met again below the top counts from there too.
  std::string deep = std::string(999, '(') + std::string(999, 't') + "q\x00"s;
  EXPECT_TRUE(load("\x80\x02" + deep + "h\x00\x86."s).isTuple());     // (d, d): 1000 levels
  EXPECT_WICK_ERROR(load("\x80\x02" + deep + "h\x00\x85\x86."s), "nested deeper");  // (d, (d,)): 1001
}

TEST(UnpicklerErrors, Cycles) {
  EXPECT_WICK_ERROR(load("\x80\x02]q\x00h\x00"s "a."), "cyclic");
  EXPECT_WICK_ERROR(load("\x80\x02}q\x00"s + str("k") + "h\x00s."s), "cyclic");
  EXPECT_WICK_ERROR(load("\x80\x02]q\x00]q\x01h\x00"s "aa."), "cyclic");
  // Shared but acyclic is fine.
  IValue v = load("\x80\x02]q\x00"s "0h\x00h\x00\x86."s);
  EXPECT_EQ(v.tupleRef().elements[0].rawPtr(), v.tupleRef().elements[1].rawPtr());
}

TEST(UnpicklerErrors, HugeDeclaredLengths) {
  EXPECT_WICK_ERROR(load("\x80\x02X\xff\xff\xff\xff" "abc."), "declared length 4294967295");
  EXPECT_WICK_ERROR(load(std::string("\x80\x02\x8d\xff\xff\xff\xff\xff\xff\xff\x7f" "abc.", 14)), "declared length");
  EXPECT_WICK_ERROR(load("\x80\x02\x95\xff\xff\xff\xff\x00\x00\x00\x00N."s), "frame of");
  EXPECT_WICK_ERROR(load(std::string("\x80\x02\x8b\xff\xff\xff\x7f", 7)), "does not fit int64");
  EXPECT_WICK_ERROR(load(std::string("\x80\x02\x8a\x09" "123456789.", 14)), "does not fit int64");
}

TEST(UnpicklerErrors, MemoAbuse) {
  EXPECT_WICK_ERROR(load("\x80\x02h\x05."), "memo index 5 was never stored");
  EXPECT_WICK_ERROR(load("\x80\x02q\x00."s), "stack underflow");
  // A huge memo index allocates nothing.
  IValue v = load("\x80\x02Nr\xff\xff\xff\xff" "0j\xff\xff\xff\xff.");
  EXPECT_TRUE(v.isNone());
}

TEST(UnpicklerErrors, StackAndMarks) {
  EXPECT_WICK_ERROR(load("\x80\x02" "a."), "stack underflow");
  EXPECT_WICK_ERROR(load("\x80\x02t."), "no MARK");
  EXPECT_WICK_ERROR(load("\x80\x02NN."), "STOP with 2 values");
  EXPECT_WICK_ERROR(load("\x80\x02(."), "STOP with 0 values and 1 marks");
  EXPECT_WICK_ERROR(load("\x80\x02N(\x85."), "stack underflow");
  EXPECT_WICK_ERROR(load("\x80\x02Na."), "stack underflow");
  EXPECT_WICK_ERROR(load("\x80\x02NNa."), "APPEND to a None");
  EXPECT_WICK_ERROR(load("\x80\x02}]Ns."), "a List cannot be a dict key");
  EXPECT_WICK_ERROR(load("\x80\x02"), "unexpected end");
}

TEST(UnpicklerErrors, TensorsOutOfBounds) {
  EXPECT_TRUE(load(tensorPickle("K\x02", "K\x02\x85", "K\x01\x85"), bytesLoader(8)).isTensor());
  EXPECT_WICK_ERROR(load(tensorPickle("K\x02", "K\x64\x85", "K\x01\x85"), bytesLoader(8)),
                    "reads past storage '0' of 2 elements");
  EXPECT_WICK_ERROR(load(tensorPickle("K\x02", "K\x02\x85", "K\x05\x85"), bytesLoader(8)), "reads past");
  EXPECT_WICK_ERROR(load(tensorPickle("K\x02", "K\x02\x85", "J\xff\xff\xff\xff\x85"), bytesLoader(8)),
                    "negative size or stride");
  EXPECT_WICK_ERROR(load(tensorPickle("K\x02", "\x8a\x08\xff\xff\xff\xff\xff\xff\xff\x3f\x85", "\x8a\x08\xff\xff\xff\xff\xff\xff\xff\x3f\x85"), bytesLoader(8)),
                    "reads past");
  EXPECT_WICK_ERROR(load(tensorPickle("K\x02", "K\x02\x85", "K\x01\x85"), bytesLoader(4)), "holds fewer");
  EXPECT_WICK_ERROR(load(tensorPickle("K\x02", "K\x02\x85", "K\x01\x85")), "no storage loader");
  EXPECT_WICK_ERROR(load(tensorPickle("\x8a\x08\x00\x00\x00\x00\x00\x00\x00\x40"s, "K\x02\x85", "K\x01\x85"),
                         bytesLoader(8)),
                    "too large");
  EXPECT_WICK_ERROR(load(tensorPickle("K\x02", "K\x02\x85", "K\x01\x85", "cos\nsystem\n"), bytesLoader(8)),
                    "global 'os.system'");
}

TEST(UnpicklerErrors, UntypedStorageWithDType) {
  // PyTorch 2.x: _rebuild_tensor_v3 over an untyped (byte) storage names
  // the dtype separately.
  auto v3 = [](const std::string& numel, const std::string& size, const std::string& dtype) {
    return "\x80\x02" "ctorch._utils\n_rebuild_tensor_v3\n((" + str("storage") + "ctorch\nUntypedStorage\n" +
           str("0") + str("cpu") + numel + "tQK\x00"s + size + "K\x01\x85\x89" "ccollections\nOrderedDict\n)R" +
           dtype + "NtR.";
  };
  StorageLoader floats = [](const std::string&, DType dt, int64_t numel) {
    EXPECT_EQ(dt, DType::UInt8);
    Tensor t = Tensor::fromVector(std::vector<float>{1.5f, -2.0f});
    EXPECT_EQ(numel, 8);
    return t.storage();
  };
  Tensor t = load(v3("K\x08", "K\x02\x85", "ctorch\nfloat32\n"), floats).toTensor();
  EXPECT_EQ(t.dtype(), DType::Float32);
  EXPECT_EQ(t.at(1).to<double>(), -2.0);
  EXPECT_WICK_ERROR(load(v3("K\x08", "K\x03\x85", "ctorch\nfloat32\n"), floats), "of 2 elements");
  EXPECT_WICK_ERROR(load(v3("K\x08", "K\x02\x85", "N"), floats), "needs a dtype");
  EXPECT_WICK_ERROR(load(v3("K\x08", "K\x02\x85", "K\x63"), floats), "dtype 99 is not supported");
}

TEST(UnpicklerErrors, EnumValues) {
  // TorchScript pickles an enum as GLOBAL class, value, REDUCE.
  std::string pkl = "\x80\x02" "c__torch__\nColor\nK\x02R.";
  UnpickleOptions o;
  o.resolveClass = [](const std::string& name) {
    return std::make_shared<testing::TestClass>(name, std::vector<std::string>{"name", "value"});
  };
  EXPECT_WICK_ERROR(unpickle(std::string_view(pkl), o), "enum value of '__torch__.Color' found but no makeEnum");
  o.makeEnum = [](const std::shared_ptr<const ClassInfo>& cls, IValue value) {
    Ref<Object> e = makeRef<Object>(cls);
    e->slots[0] = std::string("GREEN");
    e->slots[1] = std::move(value);
    return IValue(e);
  };
  IValue v = unpickle(std::string_view(pkl), o);
  EXPECT_EQ(v.objectRef().attr("value").toInt(), 2);
  EXPECT_EQ(v.objectRef().type->qualifiedName(), "__torch__.Color");
}

TEST(UnpicklerErrors, ArchiveLoaderChecksRecordSize) {
  auto archive = ZipArchive::open(fixture("views.pt"));
  StorageLoader l = archiveStorageLoader(archive, "data/");
  EXPECT_EQ(l("0", DType::Float32, 24)->nbytes(), 96);
  EXPECT_WICK_ERROR(l("0", DType::Float32, 25), "record 'data/0': 96 bytes, but the storage needs 100");
  EXPECT_WICK_ERROR(l("7", DType::Float32, 1), "record 'data/7': no such record");
}

TEST(UnpicklerErrors, TruncatedAndFlippedRealPickles) {
  auto archive = ZipArchive::open(fixture("nested.pt"));
  std::string pkl(archive->read("data.pkl").view());
  UnpickleOptions o;
  o.loadStorage = archiveStorageLoader(archive, "data/");
  for (size_t n = 0; n < pkl.size(); ++n)
    EXPECT_THROW(unpickle(std::string_view(pkl).substr(0, n), o), Error) << n;
  size_t ok = 0;
  for (size_t i = 0; i < pkl.size(); ++i) {
    for (uint8_t mask : {0x01, 0x80, 0xff}) {
      std::string b = pkl;
      b[i] = static_cast<char>(b[i] ^ mask);
      try {
        unpickle(std::string_view(b), o);
        ++ok;
      } catch (const Error&) {
      }
    }
  }
  EXPECT_GT(ok, 0u);  // flipped string contents still load
}

}  // namespace
}  // namespace wick::serialize
