// The pickle opcode loop: stack, marks and memo, bounded by the input, and
// the final check that the result is acyclic and shallow enough.
#include <bit>
#include <cstring>
#include <unordered_set>

#include "serialize/pickle_opcodes.h"
#include "serialize/unpickler_internal.h"

namespace wick::serialize {

namespace detail {

void Unpickler::fail(std::string_view what) const {
  WICK_FAIL("unpickling {}: at byte {}: {}", opts_.source, opPos_, what);
}

uint8_t Unpickler::readByte() {
  if (pos_ >= data_.size()) fail("unexpected end of data (truncated pickle, no STOP)");
  return data_[pos_++];
}

const uint8_t* Unpickler::readBytes(uint64_t n) {
  // Lengths come from the input: they can never exceed what is left of it.
  if (n > data_.size() - pos_)
    fail(fmt::format("declared length {} exceeds the {} bytes left", n, data_.size() - pos_));
  const uint8_t* p = data_.data() + pos_;
  pos_ += n;
  return p;
}

std::string Unpickler::readLine() {
  const void* nl = std::memchr(data_.data() + pos_, '\n', data_.size() - pos_);
  if (!nl) fail("unterminated GLOBAL name");
  size_t len = static_cast<const uint8_t*>(nl) - (data_.data() + pos_);
  std::string s(reinterpret_cast<const char*>(readBytes(len)), len);
  ++pos_;
  return s;
}

IValue Unpickler::pop() {
  if (stack_.size() <= markBase()) fail("stack underflow");
  IValue v = std::move(stack_.back());
  stack_.pop_back();
  return v;
}

IValue& Unpickler::top() {
  if (stack_.size() <= markBase()) fail("stack underflow");
  return stack_.back();
}

std::vector<IValue> Unpickler::popToMark() {
  if (marks_.empty()) fail("no MARK to pop to");
  size_t m = marks_.back();
  marks_.pop_back();
  std::vector<IValue> out(std::make_move_iterator(stack_.begin() + m),
                          std::make_move_iterator(stack_.end()));
  stack_.resize(m);
  return out;
}

IValue Unpickler::track(IValue v) {
  created_.push_back(v);
  return v;
}

void Unpickler::setItem(const IValue& dict, IValue key, IValue value) {
  if (!dict.isDict()) fail(fmt::format("SETITEM on a {}", dict.tagName()));
  IValue::Tag t = key.tag();
  if (t != IValue::Tag::String && t != IValue::Tag::Int && t != IValue::Tag::Double &&
      t != IValue::Tag::Bool && t != IValue::Tag::Tensor && t != IValue::Tag::None)
    fail(fmt::format("a {} cannot be a dict key", key.tagName()));
  dict.dictRef().insert(std::move(key), std::move(value));
}

IValue Unpickler::loop() {
  while (true) {
    opPos_ = pos_;
    auto op = static_cast<PickleOp>(readByte());
    switch (op) {
      case PickleOp::Proto: {
        uint8_t v = readByte();
        if (v > 5) fail(fmt::format("unsupported pickle protocol {}", v));
        break;
      }
      case PickleOp::Frame:
        // Framing only groups opcodes; the length just has to be sane.
        if (uint64_t n; std::memcpy(&n, readBytes(8), 8), n > data_.size() - pos_)
          fail(fmt::format("frame of {} bytes exceeds the data", n));
        break;
      case PickleOp::Stop: {
        if (!marks_.empty() || stack_.size() != 1)
          fail(fmt::format("STOP with {} values and {} marks on the stack", stack_.size(), marks_.size()));
        return pop();
      }
      case PickleOp::Mark: marks_.push_back(stack_.size()); break;
      case PickleOp::Pop: pop(); break;
      case PickleOp::PopMark: popToMark(); break;
      case PickleOp::Dup: push(top()); break;
      case PickleOp::None: push(IValue()); break;
      case PickleOp::NewTrue: push(true); break;
      case PickleOp::NewFalse: push(false); break;
      case PickleOp::BinInt1: push(static_cast<int64_t>(readByte())); break;
      case PickleOp::BinInt2: {
        uint16_t v;
        std::memcpy(&v, readBytes(2), 2);
        push(static_cast<int64_t>(v));
        break;
      }
      case PickleOp::BinInt: {
        int32_t v;
        std::memcpy(&v, readBytes(4), 4);
        push(static_cast<int64_t>(v));
        break;
      }
      case PickleOp::Long1:
      case PickleOp::Long4: {
        uint64_t n = readByte();
        if (op == PickleOp::Long4) {
          n |= static_cast<uint64_t>(readByte()) << 8;
          n |= static_cast<uint64_t>(readByte()) << 16;
          n |= static_cast<uint64_t>(readByte()) << 24;
        }
        if (n > 8) fail(fmt::format("integer of {} bytes does not fit int64", n));
        const uint8_t* p = readBytes(n);
        uint64_t u = 0;
        for (uint64_t i = 0; i < n; ++i) u |= static_cast<uint64_t>(p[i]) << (8 * i);
        if (n > 0 && n < 8 && (p[n - 1] & 0x80)) u |= ~uint64_t{0} << (8 * n);  // sign-extend
        push(static_cast<int64_t>(u));
        break;
      }
      case PickleOp::BinFloat: {
        uint64_t bits;
        std::memcpy(&bits, readBytes(8), 8);
        push(std::bit_cast<double>(__builtin_bswap64(bits)));  // pickle floats are big-endian
        break;
      }
      case PickleOp::ShortBinUnicode:
      case PickleOp::ShortBinBytes:
      case PickleOp::BinUnicode:
      case PickleOp::BinBytes:
      case PickleOp::BinUnicode8:
      case PickleOp::BinBytes8: {
        uint64_t n = 0;
        if (op == PickleOp::ShortBinUnicode || op == PickleOp::ShortBinBytes) n = readByte();
        else if (op == PickleOp::BinUnicode || op == PickleOp::BinBytes) {
          uint32_t n32;
          std::memcpy(&n32, readBytes(4), 4);
          n = n32;
        } else {
          std::memcpy(&n, readBytes(8), 8);
        }
        const uint8_t* p = readBytes(n);
        push(std::string(reinterpret_cast<const char*>(p), n));
        break;
      }
      case PickleOp::EmptyList: push(track(makeList())); break;
      case PickleOp::EmptyDict: push(track(makeDict())); break;
      case PickleOp::EmptyTuple: push(track(makeTuple({}))); break;
      case PickleOp::List: push(track(makeList(popToMark()))); break;
      case PickleOp::Tuple: push(track(makeTuple(popToMark()))); break;
      case PickleOp::Tuple1:
      case PickleOp::Tuple2:
      case PickleOp::Tuple3: {
        size_t n = static_cast<uint8_t>(op) - static_cast<uint8_t>(PickleOp::Tuple1) + 1;
        if (stack_.size() < markBase() + n) fail("stack underflow");
        std::vector<IValue> items(std::make_move_iterator(stack_.end() - n),
                                  std::make_move_iterator(stack_.end()));
        stack_.resize(stack_.size() - n);
        push(track(makeTuple(std::move(items))));
        break;
      }
      case PickleOp::Dict: {
        std::vector<IValue> kv = popToMark();
        if (kv.size() % 2) fail("DICT with an odd number of items");
        IValue d = track(makeDict());
        for (size_t i = 0; i < kv.size(); i += 2) setItem(d, std::move(kv[i]), std::move(kv[i + 1]));
        push(std::move(d));
        break;
      }
      case PickleOp::Append: {
        IValue v = pop();
        IValue& l = top();
        if (!l.isList()) fail(fmt::format("APPEND to a {}", l.tagName()));
        l.listRef().elements.push_back(std::move(v));
        break;
      }
      case PickleOp::Appends: {
        std::vector<IValue> items = popToMark();
        IValue& l = top();
        if (!l.isList()) fail(fmt::format("APPENDS to a {}", l.tagName()));
        auto& el = l.listRef().elements;
        el.insert(el.end(), std::make_move_iterator(items.begin()), std::make_move_iterator(items.end()));
        break;
      }
      case PickleOp::SetItem: {
        IValue v = pop();
        IValue k = pop();
        setItem(top(), std::move(k), std::move(v));
        break;
      }
      case PickleOp::SetItems: {
        std::vector<IValue> kv = popToMark();
        if (kv.size() % 2) fail("SETITEMS with an odd number of items");
        const IValue& d = top();
        for (size_t i = 0; i < kv.size(); i += 2) setItem(d, std::move(kv[i]), std::move(kv[i + 1]));
        break;
      }
      case PickleOp::BinPut:
      case PickleOp::LongBinPut:
      case PickleOp::Memoize: {
        uint32_t idx;
        if (op == PickleOp::BinPut) idx = readByte();
        else if (op == PickleOp::LongBinPut) std::memcpy(&idx, readBytes(4), 4);
        else idx = static_cast<uint32_t>(memo_.size());
        memo_[idx] = top();
        break;
      }
      case PickleOp::BinGet:
      case PickleOp::LongBinGet: {
        uint32_t idx;
        if (op == PickleOp::BinGet) idx = readByte();
        else std::memcpy(&idx, readBytes(4), 4);
        auto it = memo_.find(idx);
        if (it == memo_.end()) fail(fmt::format("memo index {} was never stored", idx));
        push(it->second);
        break;
      }
      case PickleOp::Global: {
        std::string module = readLine();
        std::string name = readLine();
        push(resolveGlobal(module, name));
        break;
      }
      case PickleOp::StackGlobal: {
        IValue name = pop();
        IValue module = pop();
        if (!name.isString() || !module.isString()) fail("STACK_GLOBAL needs two strings");
        push(resolveGlobal(module.toStringRef(), name.toStringRef()));
        break;
      }
      case PickleOp::Reduce:
      case PickleOp::NewObj: {
        IValue args = pop();
        IValue callable = pop();
        push(reduce(callable, args, op == PickleOp::NewObj));
        break;
      }
      case PickleOp::Build: {
        IValue state = pop();
        build(top(), std::move(state));
        break;
      }
      case PickleOp::BinPersId: push(persistentLoad(pop())); break;
      default: fail(fmt::format("unknown or unsupported opcode 0x{:02x}", static_cast<unsigned>(op)));
    }
  }
}

// Depth-first over containers; a node seen again while still on the path is
// a cycle. Recursion is bounded by maxDepth. Globals and storages are fine in
// the memo (persistent ids hold them) but not in the result.
void Unpickler::validate(const IValue& root, bool allowOpaque) {
  std::unordered_set<const RefCounted*> onPath;
  auto visit = [&](auto& self, const IValue& v, size_t level) -> size_t {
    if (v.isBlob()) {
      if (allowOpaque) return 0;
      if (auto* g = dynamic_cast<const GlobalRef*>(v.blobPtr()))
        fail(fmt::format("global '{}' used as a value", g->name));
      fail("a storage used as a value (only tensors viewing storages are supported)");
    }
    if (!v.isList() && !v.isTuple() && !v.isDict() && !v.isObject()) return 0;
    const RefCounted* p = v.rawPtr();
    // depth_ holds a container's height: 1 + the height of its deepest
    // child container.
    if (auto it = depth_.find(p); it != depth_.end()) {
      if (level + it->second > opts_.maxDepth)
        fail(fmt::format("values nested deeper than {} levels", opts_.maxDepth));
      return it->second;
    }
    if (level >= opts_.maxDepth) fail(fmt::format("values nested deeper than {} levels", opts_.maxDepth));
    if (!onPath.insert(p).second) fail("cyclic value (a container contains itself)");
    size_t d = 0;
    auto child = [&](const IValue& c) { d = std::max(d, self(self, c, level + 1)); };
    if (v.isList()) for (const IValue& c : v.listRef().elements) child(c);
    else if (v.isTuple()) for (const IValue& c : v.tupleRef().elements) child(c);
    else if (v.isDict()) v.dictRef().forEach([&](const IValue& k, const IValue& x) { child(k), child(x); });
    else for (const IValue& c : v.objectRef().slots) child(c);
    onPath.erase(p);
    depth_[p] = d + 1;
    return d + 1;
  };
  visit(visit, root, 0);
}

// Moves every element out of the tracked containers (all, or those the
// result cannot reach) before any is destroyed, so destruction never
// recurses and cycles are broken.
void Unpickler::dismantle(bool all) {
  std::vector<IValue> graveyard;
  for (IValue& v : created_) {
    if (!all && depth_.count(v.rawPtr())) continue;
    auto take = [&](std::vector<IValue>& el) {
      for (IValue& e : el) graveyard.push_back(std::move(e));
      el.clear();
    };
    if (v.isList()) take(v.listRef().elements);
    else if (v.isTuple()) take(v.tupleRef().elements);
    else if (v.isObject()) take(v.objectRef().slots);
    else if (v.isDict()) {
      for (IValue& k : v.dictRef().keys()) graveyard.push_back(std::move(k));
      for (IValue& x : v.dictRef().values()) graveyard.push_back(std::move(x));
      v.dictRef().clear();
    }
  }
  created_.clear();
  graveyard.clear();
}

IValue Unpickler::run() {
  try {
    IValue result = loop();
    validate(result, false);
    // Memoized values the result does not hold are still checked: they are
    // destroyed with the unpickler and must not be deep either.
    for (auto& [idx, v] : memo_) validate(v, true);
    stack_.clear();
    memo_.clear();
    dismantle(false);
    return result;
  } catch (...) {
    stack_.clear();
    memo_.clear();
    dismantle(true);
    throw;
  }
}

}  // namespace detail

IValue unpickle(std::span<const uint8_t> data, const UnpickleOptions& options) {
  detail::Unpickler u(data, options);
  return u.run();
}

}  // namespace wick::serialize
