// Pickler: torch.save's protocol-2 output, opcode for opcode where it
// matters to Python's unpickler (tensors via _rebuild_tensor_v2).
#include "serialize/pickler.h"

#include <bit>
#include <cstring>

#include "core/check.h"
#include "serialize/pickle_opcodes.h"

namespace wick::serialize {

namespace {

// Python's pickler batches APPENDS and SETITEMS in groups of 1000.
constexpr size_t kBatch = 1000;

uint8_t code(PickleOp op) { return static_cast<uint8_t>(op); }

// Python decodes BINUNICODE as strict UTF-8; anything else would make
// torch.load fail far from the cause.
bool isUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<uint8_t>(s[i]);
    size_t n = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xe ? 2 : (c >> 3) == 0x1e ? 3 : 4;
    if (n == 4 || i + n >= s.size()) return false;
    uint32_t cp = n == 0 ? c : c & (0x3f >> n);
    for (size_t k = 1; k <= n; ++k) {
      auto d = static_cast<uint8_t>(s[i + k]);
      if ((d & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3f);
    }
    // Overlong forms, surrogates and values past U+10FFFF are invalid.
    static constexpr uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return false;
    i += n + 1;
  }
  return true;
}

}  // namespace

std::string Pickler::dump(const IValue& value) {
  out_.clear();
  memo_.clear();
  globals_.clear();
  nextMemo_ = 0;
  storageIndex_.clear();
  keys_.clear();
  storages_.clear();
  op(code(PickleOp::Proto));
  op(2);
  write(value, 0);
  op(code(PickleOp::Stop));
  return std::move(out_);
}

void Pickler::memoize(const void* identity) {
  uint32_t idx = nextMemo_++;
  if (identity) memo_[identity] = idx;
  if (idx < 256) {
    op(code(PickleOp::BinPut));
    op(static_cast<uint8_t>(idx));
  } else {
    op(code(PickleOp::LongBinPut));
    out_.append(reinterpret_cast<const char*>(&idx), 4);
  }
}

bool Pickler::writeMemoized(const void* identity) {
  auto it = memo_.find(identity);
  if (it == memo_.end()) return false;
  uint32_t idx = it->second;
  if (idx < 256) {
    op(code(PickleOp::BinGet));
    op(static_cast<uint8_t>(idx));
  } else {
    op(code(PickleOp::LongBinGet));
    out_.append(reinterpret_cast<const char*>(&idx), 4);
  }
  return true;
}

void Pickler::writeInt(int64_t v) {
  if (v >= 0 && v < 256) {
    op(code(PickleOp::BinInt1));
    op(static_cast<uint8_t>(v));
  } else if (v >= 0 && v < 65536) {
    op(code(PickleOp::BinInt2));
    uint16_t u = static_cast<uint16_t>(v);
    out_.append(reinterpret_cast<const char*>(&u), 2);
  } else if (v >= INT32_MIN && v <= INT32_MAX) {
    op(code(PickleOp::BinInt));
    int32_t i = static_cast<int32_t>(v);
    out_.append(reinterpret_cast<const char*>(&i), 4);
  } else {
    op(code(PickleOp::Long1));
    op(8);
    out_.append(reinterpret_cast<const char*>(&v), 8);
  }
}

void Pickler::writeString(std::string_view s) {
  WICK_CHECK(s.size() <= UINT32_MAX, "cannot pickle a string of {} bytes", s.size());
  WICK_CHECK(isUtf8(s), "cannot save a string that is not valid UTF-8: '{}'", s.substr(0, 40));
  op(code(PickleOp::BinUnicode));
  uint32_t n = static_cast<uint32_t>(s.size());
  out_.append(reinterpret_cast<const char*>(&n), 4);
  out_.append(s);
}

void Pickler::writeGlobal(const std::string& module, const std::string& name) {
  std::string key = module + "\n" + name + "\n";
  if (auto it = globals_.find(key); it != globals_.end() && writeMemoized(&it->first)) return;
  op(code(PickleOp::Global));
  out_ += key;
  auto [it, inserted] = globals_.emplace(key, 0);
  memoize(&it->first);
}

const std::string& Pickler::storageKey(const Tensor& t) {
  const StorageImpl* s = t.storage().get();
  auto it = storageIndex_.find(s);
  if (it != storageIndex_.end()) {
    WICK_CHECK(storages_[it->second].dtype == t.dtype(),
               "cannot save tensors viewing one storage as both {} and {}",
               dtypeName(storages_[it->second].dtype), dtypeName(t.dtype()));
    return keys_[it->second];
  }
  size_t idx = storages_.size();
  storageIndex_.emplace(s, idx);
  storages_.push_back({t.storage(), t.dtype(), t.storage()->nbytes() / t.elementSize()});
  keys_.push_back(std::to_string(idx));
  return keys_.back();
}

void Pickler::writeTensor(const Tensor& t) {
  WICK_CHECK(t.device().isCpu(), "cannot save a tensor on {}", t.device().str());
  static const char* kStorageNames[] = {"ByteStorage", "CharStorage", "ShortStorage", "IntStorage",
                                        "LongStorage", "HalfStorage", "FloatStorage", "DoubleStorage"};
  const char* storageType = nullptr;
  auto code8 = static_cast<int>(t.dtype());
  if (code8 >= 0 && code8 <= 7) storageType = kStorageNames[code8];
  else if (t.dtype() == DType::Bool) storageType = "BoolStorage";
  else if (t.dtype() == DType::BFloat16) storageType = "BFloat16Storage";
  WICK_CHECK(storageType, "cannot save a tensor of dtype {}", dtypeName(t.dtype()));

  writeGlobal("torch._utils", "_rebuild_tensor_v2");
  op(code(PickleOp::Mark));
  // Persistent id ('storage', torch.XStorage, key, 'cpu', numel).
  op(code(PickleOp::Mark));
  writeString("storage");
  writeGlobal("torch", storageType);
  const std::string& key = storageKey(t);
  writeString(key);
  writeString("cpu");
  writeInt(storages_[std::stoul(key)].numel);
  op(code(PickleOp::Tuple));
  op(code(PickleOp::BinPersId));
  writeInt(t.storageOffset());
  op(code(PickleOp::Mark));
  for (int64_t s : t.sizes()) writeInt(s);
  op(code(PickleOp::Tuple));
  op(code(PickleOp::Mark));
  for (int64_t s : t.strides()) writeInt(s);
  op(code(PickleOp::Tuple));
  op(code(PickleOp::NewFalse));  // requires_grad
  writeGlobal("collections", "OrderedDict");  // backward hooks: none
  op(code(PickleOp::EmptyTuple));
  op(code(PickleOp::Reduce));
  op(code(PickleOp::Tuple));
  op(code(PickleOp::Reduce));
}

void Pickler::write(const IValue& v, size_t depth) {
  WICK_CHECK(depth <= maxDepth, "cannot save a value nested deeper than {} levels", maxDepth);
  switch (v.tag()) {
    case IValue::Tag::None: op(code(PickleOp::None)); return;
    case IValue::Tag::Bool: op(code(v.toBool() ? PickleOp::NewTrue : PickleOp::NewFalse)); return;
    case IValue::Tag::Int: writeInt(v.toInt()); return;
    case IValue::Tag::Double: {
      op(code(PickleOp::BinFloat));
      uint64_t bits = __builtin_bswap64(std::bit_cast<uint64_t>(v.toDouble()));
      out_.append(reinterpret_cast<const char*>(&bits), 8);
      return;
    }
    case IValue::Tag::String: writeString(v.toStringRef()); return;
    case IValue::Tag::Device:
      writeGlobal("torch", "device");
      writeString(v.toDevice().str());
      op(code(PickleOp::Tuple1));
      op(code(PickleOp::Reduce));
      return;
    case IValue::Tag::Tensor:
      if (writeMemoized(v.rawPtr())) return;
      writeTensor(v.toTensor());
      memoize(v.rawPtr());
      return;
    case IValue::Tag::Tuple: {
      if (writeMemoized(v.rawPtr())) return;
      const auto& el = v.tupleRef().elements;
      if (el.empty()) {
        op(code(PickleOp::EmptyTuple));
      } else if (el.size() <= 3) {
        for (const IValue& e : el) write(e, depth + 1);
        op(static_cast<uint8_t>(code(PickleOp::Tuple1) + el.size() - 1));
      } else {
        op(code(PickleOp::Mark));
        for (const IValue& e : el) write(e, depth + 1);
        op(code(PickleOp::Tuple));
      }
      memoize(v.rawPtr());
      return;
    }
    case IValue::Tag::List: {
      if (writeMemoized(v.rawPtr())) return;
      // Memoized before its items, so a list holding itself round-trips.
      op(code(PickleOp::EmptyList));
      memoize(v.rawPtr());
      const auto& el = v.listRef().elements;
      for (size_t i = 0; i < el.size(); i += kBatch) {
        op(code(PickleOp::Mark));
        for (size_t j = i; j < std::min(el.size(), i + kBatch); ++j) write(el[j], depth + 1);
        op(code(PickleOp::Appends));
      }
      return;
    }
    case IValue::Tag::Dict: {
      if (writeMemoized(v.rawPtr())) return;
      op(code(PickleOp::EmptyDict));
      memoize(v.rawPtr());
      size_t n = 0;
      v.dictRef().forEach([&](const IValue& k, const IValue& x) {
        if (n % kBatch == 0) op(code(PickleOp::Mark));
        write(k, depth + 1);
        write(x, depth + 1);
        if (++n % kBatch == 0) op(code(PickleOp::SetItems));
      });
      if (n % kBatch != 0) op(code(PickleOp::SetItems));
      return;
    }
    case IValue::Tag::Object:
      WICK_FAIL("cannot save an object of class '{}' in torch.save format",
                v.objectRef().type ? v.objectRef().type->qualifiedName() : "?");
    case IValue::Tag::Blob: WICK_FAIL("cannot save an opaque value in torch.save format");
  }
}

}  // namespace wick::serialize
