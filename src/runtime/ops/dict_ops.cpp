// Dict ops (indexing, assignment, keys/values/items, get, pop, ...) with
// PyTorch 1.13's schemas, one overload per key type.
#include <fmt/format.h>

#include <string>

#include "core/check.h"
#include "runtime/ops/ops_internal.h"

namespace wick::ops {

namespace {

DictObj& dictOf(const IValue& v) { return v.dictRef(); }

[[noreturn]] void keyError(const IValue& key) { WICK_FAIL("KeyError: {}", key.repr()); }

void dictLen(Stack& s) { s.back() = IValue(int64_t(dictOf(s.back()).size())); }

void dictGetItem(Stack& s) {
  IValue key = pop(s);
  const IValue* v = dictOf(s.back()).find(key);
  if (!v) keyError(key);
  s.back() = *v;
}

void dictSetItem(Stack& s) {
  IValue value = pop(s);
  IValue key = pop(s);
  dictOf(pop(s)).insert(std::move(key), std::move(value));
}

void dictContains(Stack& s) {
  IValue key = pop(s);
  s.back() = IValue(dictOf(s.back()).find(key) != nullptr);
}

void dictKeys(Stack& s) { s.back() = IValue(makeList(dictOf(s.back()).keys())); }
void dictValues(Stack& s) { s.back() = IValue(makeList(dictOf(s.back()).values())); }

void dictItems(Stack& s) {
  std::vector<IValue> out;
  dictOf(s.back()).forEach([&](const IValue& k, const IValue& v) { out.emplace_back(makeTuple({k, v})); });
  s.back() = IValue(makeList(std::move(out)));
}

void dictGet(Stack& s) {
  IValue key = pop(s);
  const IValue* v = dictOf(s.back()).find(key);
  s.back() = v ? *v : IValue();
}

void dictGetDefault(Stack& s) {
  IValue dflt = pop(s);
  IValue key = pop(s);
  const IValue* v = dictOf(s.back()).find(key);
  s.back() = v ? *v : std::move(dflt);
}

void dictPop(Stack& s) {
  IValue key = pop(s);
  DictObj& d = dictOf(s.back());
  IValue* v = d.find(key);
  if (!v) keyError(key);
  IValue out = *v;
  d.erase(key);
  s.back() = std::move(out);
}

void dictPopDefault(Stack& s) {
  IValue dflt = pop(s);
  IValue key = pop(s);
  DictObj& d = dictOf(s.back());
  IValue* v = d.find(key);
  IValue out = v ? *v : std::move(dflt);
  if (v) d.erase(key);
  s.back() = std::move(out);
}

void dictSetDefault(Stack& s) {
  IValue dflt = pop(s);
  IValue key = pop(s);
  DictObj& d = dictOf(s.back());
  if (IValue* v = d.find(key)) {
    s.back() = *v;
    return;
  }
  d.insert(std::move(key), dflt);
  s.back() = std::move(dflt);
}

void dictClear(Stack& s) { dictOf(pop(s)).clear(); }

Ref<DictObj> copyDict(const DictObj& src) {
  Ref<DictObj> out = makeDict();
  src.forEach([&](const IValue& k, const IValue& v) { out->insert(k, v); });
  return out;
}

void dictCopy(Stack& s) { s.back() = IValue(copyDict(dictOf(s.back()))); }

void dictUpdate(Stack& s) {
  IValue other = pop(s);
  IValue self = pop(s);  // holds the dict: it may be its last reference
  DictObj& d = dictOf(self);
  dictOf(other).forEach([&](const IValue& k, const IValue& v) { d.insert(k, v); });
}

// dict(list of (key, value) tuples).
void dictFromItems(Stack& s) {
  Ref<DictObj> out = makeDict();
  for (const auto& item : s.back().listRef().elements) {
    const auto& kv = item.tupleRef().elements;
    out->insert(kv[0], kv[1]);
  }
  s.back() = IValue(std::move(out));
}

}  // namespace

void registerDictOps(OperatorRegistry& r) {
  for (const char* k : {"str", "int", "bool", "float", "Tensor"}) {
    auto add = [&](const char* pattern, OpFn fn) { r.add(fmt::format(fmt::runtime(pattern), k), fn); };
    add("aten::len.Dict_{0}(Dict({0}, t) self) -> int", &dictLen);
    add("aten::__getitem__.Dict_{0}(Dict({0}, t) self, {0} key) -> t(*)", &dictGetItem);
    add("aten::_set_item.{0}(Dict({0}, t)(a!) l, {0}(b -> *) idx, t(c -> *) v) -> ()", &dictSetItem);
    add("aten::__contains__.{0}(Dict({0}, t) dict, {0} key) -> bool", &dictContains);
    add("aten::keys.{0}(Dict({0}, t) self) -> {0}[](*)", &dictKeys);
    add("aten::values.{0}(Dict({0}, t) self) -> t[](*)", &dictValues);
    add("aten::items.{0}(Dict({0}, t) self) -> (({0}, t)[])", &dictItems);
    add("aten::get.{0}(Dict({0}, t) self, {0} key) -> t(*)?", &dictGet);
    add("aten::get.default_{0}(Dict({0}, t) self, {0} key, t default_value) -> t(*)", &dictGetDefault);
    add("aten::pop.Dict_{0}(Dict({0}, t)(a!) self, {0} key) -> t(*)", &dictPop);
    add("aten::pop.Dict_default_{0}(Dict({0}, t)(a!) self, {0} key, t default_value) -> t(*)", &dictPopDefault);
    add("aten::setdefault.{0}(Dict({0}, t)(a!) self, {0}(b -> *) key, t(c -> *) default_value) -> t(*)",
        &dictSetDefault);
    add("aten::clear.{0}(Dict({0}, t)(a!) self) -> ()", &dictClear);
    add("aten::copy.Dict_{0}(Dict({0}, t)(a) self) -> Dict({0}, t)", &dictCopy);
    add("aten::update.{0}(Dict({0}, t)(a!) self, Dict({0}, t)(a!) to_add) -> ()", &dictUpdate);
    add("aten::dict.{0}(({0}, tVal)[] inputs) -> Dict({0}, tVal)", &dictFromItems);
    add("aten::dict.Dict_{0}(Dict({0}, t)(a) self) -> Dict({0}, t)", &dictCopy);
  }
  r.add("aten::dict() -> Dict(str, Tensor)", +[](Stack& s) { s.emplace_back(makeDict()); });
}

}  // namespace wick::ops
