// The allow-list of globals PyTorch's picklers write, and what REDUCE,
// NEWOBJ, BUILD and persistent ids do with them: tensors over shared
// storages, OrderedDicts, TorchScript's typed lists, devices and objects of
// TorchScript classes.
#include <string_view>
#include <unordered_map>

#include "serialize/unpickler_internal.h"

namespace wick::serialize {

namespace detail {

namespace {

// Legacy typed storages ("torch.FloatStorage") name the element type.
bool storageDType(std::string_view name, DType* out) {
  static const std::unordered_map<std::string_view, DType> kTypes = {
      {"ByteStorage", DType::UInt8},     {"CharStorage", DType::Int8},
      {"ShortStorage", DType::Int16},    {"IntStorage", DType::Int32},
      {"LongStorage", DType::Int64},     {"HalfStorage", DType::Float16},
      {"FloatStorage", DType::Float32},  {"DoubleStorage", DType::Float64},
      {"BoolStorage", DType::Bool},      {"BFloat16Storage", DType::BFloat16},
      {"UntypedStorage", DType::UInt8},
  };
  auto it = kTypes.find(name);
  if (it == kTypes.end()) return false;
  *out = it->second;
  return true;
}

Ref<GlobalRef> makeGlobal(GlobalKind kind, std::string name) {
  auto g = makeRef<GlobalRef>();
  g->kind = kind;
  g->name = std::move(name);
  return g;
}

const TupleObj& argsOf(const Unpickler& u, const GlobalRef& g, const IValue& args, size_t lo, size_t hi) {
  if (!args.isTuple()) u.fail(fmt::format("{} called with a {} instead of an argument tuple", g.name, args.tagName()));
  const TupleObj& t = args.tupleRef();
  if (t.elements.size() < lo || t.elements.size() > hi)
    u.fail(fmt::format("{} called with {} arguments", g.name, t.elements.size()));
  return t;
}

std::vector<int64_t> intsOf(const Unpickler& u, const IValue& v, const char* what) {
  const std::vector<IValue>* el = nullptr;
  if (v.isTuple()) el = &v.tupleRef().elements;
  else if (v.isList()) el = &v.listRef().elements;
  else u.fail(fmt::format("tensor {} is a {}, not a tuple", what, v.tagName()));
  std::vector<int64_t> out;
  for (const IValue& e : *el) {
    if (!e.isInt()) u.fail(fmt::format("tensor {} holds a {}", what, e.tagName()));
    out.push_back(e.toInt());
  }
  return out;
}

}  // namespace

IValue Unpickler::resolveGlobal(const std::string& module, const std::string& name) {
  std::string full = module + "." + name;
  if (module == "__torch__" || module.starts_with("__torch__.")) {
    if (!opts_.resolveClass) fail(fmt::format("class '{}' found but no class resolver was given", full));
    std::shared_ptr<const ClassInfo> cls = opts_.resolveClass(full);
    if (!cls) fail(fmt::format("unknown class '{}'", full));
    Ref<GlobalRef> g = makeGlobal(GlobalKind::Class, full);
    g->cls = std::move(cls);
    return IValue::blob(g);
  }
  static const std::unordered_map<std::string_view, GlobalKind> kAllowed = {
      {"torch._utils._rebuild_tensor_v2", GlobalKind::RebuildTensorV2},
      {"torch._utils._rebuild_tensor_v3", GlobalKind::RebuildTensorV3},
      {"torch._utils._rebuild_tensor", GlobalKind::RebuildTensor},
      {"torch._utils._rebuild_parameter", GlobalKind::RebuildParameter},
      {"torch._utils._rebuild_parameter_with_state", GlobalKind::RebuildParameter},
      {"collections.OrderedDict", GlobalKind::OrderedDict},
      {"torch.jit._pickle.restore_type_tag", GlobalKind::RestoreTypeTag},
      {"torch.jit._pickle.build_intlist", GlobalKind::BuildIntList},
      {"torch.jit._pickle.build_doublelist", GlobalKind::BuildDoubleList},
      {"torch.jit._pickle.build_boollist", GlobalKind::BuildBoolList},
      {"torch.jit._pickle.build_tensorlist", GlobalKind::BuildTensorList},
      {"torch.jit._pickle.build_genericlist", GlobalKind::BuildGenericList},
      {"torch.device", GlobalKind::Device},
      {"torch.Size", GlobalKind::Size},
  };
  if (auto it = kAllowed.find(full); it != kAllowed.end()) return IValue::blob(makeGlobal(it->second, full));
  DType dt;
  if ((module == "torch" || module == "torch.storage") && storageDType(name, &dt)) {
    Ref<GlobalRef> g = makeGlobal(GlobalKind::StorageType, full);
    g->dtype = dt;
    return IValue::blob(g);
  }
  // torch.float32 and friends pickle by name; TorchScript holds dtypes as
  // their ScalarType number.
  if (module == "torch" && parseDType(name, &dt)) return static_cast<int64_t>(dt);
  if (module == "torch" && name.ends_with("Storage"))
    fail(fmt::format("storage type '{}' is not supported (complex and quantized dtypes are not)", full));
  fail(fmt::format("global '{}' is not allowed (only PyTorch's tensor, container and TorchScript "
                   "class globals are loaded, no code runs)", full));
}

IValue Unpickler::reduce(const IValue& callable, const IValue& args, bool newObj) {
  if (!callable.isBlob()) fail(fmt::format("REDUCE on a {}, not a global", callable.tagName()));
  auto* g = dynamic_cast<const GlobalRef*>(callable.blobPtr());
  if (!g) fail("REDUCE on a storage, not a global");
  switch (g->kind) {
    case GlobalKind::RebuildTensorV2: {
      // (storage, offset, size, stride, requires_grad, backward_hooks[, metadata])
      const auto& a = argsOf(*this, *g, args, 6, 7).elements;
      return rebuildTensor(a[0], a[1], a[2], a[3]);
    }
    case GlobalKind::RebuildTensorV3: {
      // PyTorch 2.x, for an untyped storage: (storage, offset, size, stride,
      // requires_grad, backward_hooks, dtype[, metadata]).
      const auto& a = argsOf(*this, *g, args, 7, 8).elements;
      if (!a[6].isInt()) fail("_rebuild_tensor_v3 needs a dtype");
      return rebuildTensor(a[0], a[1], a[2], a[3], a[6]);
    }
    case GlobalKind::RebuildTensor: {
      const auto& a = argsOf(*this, *g, args, 4, 4).elements;
      return rebuildTensor(a[0], a[1], a[2], a[3]);
    }
    case GlobalKind::RebuildParameter: {
      // (data, requires_grad, backward_hooks[, python state]): inference
      // keeps the data.
      const auto& a = argsOf(*this, *g, args, 3, 4).elements;
      if (!a[0].isTensor()) fail("_rebuild_parameter of a non-tensor");
      return a[0];
    }
    case GlobalKind::OrderedDict:
      argsOf(*this, *g, args, 0, 0);
      return track(makeDict());
    case GlobalKind::RestoreTypeTag: {
      const auto& a = argsOf(*this, *g, args, 2, 2).elements;
      if (!a[1].isString()) fail("restore_type_tag needs a type string");
      if (opts_.restoreTypeTag) opts_.restoreTypeTag(a[0], a[1].toStringRef());
      return a[0];
    }
    case GlobalKind::BuildIntList:
    case GlobalKind::BuildDoubleList:
    case GlobalKind::BuildBoolList:
    case GlobalKind::BuildTensorList:
    case GlobalKind::BuildGenericList: {
      const IValue& l = argsOf(*this, *g, args, 1, 1).elements[0];
      if (!l.isList()) fail(fmt::format("{} of a {}", g->name, l.tagName()));
      IValue::Tag want = g->kind == GlobalKind::BuildIntList      ? IValue::Tag::Int
                         : g->kind == GlobalKind::BuildDoubleList ? IValue::Tag::Double
                         : g->kind == GlobalKind::BuildBoolList   ? IValue::Tag::Bool
                                                                  : IValue::Tag::Tensor;
      if (g->kind != GlobalKind::BuildGenericList)
        for (const IValue& e : l.listRef().elements)
          if (e.tag() != want) fail(fmt::format("{} holds a {}", g->name, e.tagName()));
      return l;
    }
    case GlobalKind::Device: {
      const auto& a = argsOf(*this, *g, args, 1, 2).elements;
      if (!a[0].isString()) fail("torch.device needs a string");
      std::string s = a[0].toStringRef();
      if (a.size() == 2 && a[1].isInt()) s += ":" + std::to_string(a[1].toInt());
      return Device::parse(s);
    }
    case GlobalKind::Size: {
      const IValue& t = argsOf(*this, *g, args, 1, 1).elements[0];
      std::vector<int64_t> dims = intsOf(*this, t, "size");
      std::vector<IValue> el(dims.begin(), dims.end());
      return track(makeTuple(std::move(el)));
    }
    case GlobalKind::Class: {
      // Objects: GLOBAL, EMPTY_TUPLE, NEWOBJ, then BUILD. Enum values:
      // GLOBAL, the value itself (int, float or str, never a tuple), REDUCE.
      if (!args.isTuple() && !newObj) {
        if (!opts_.makeEnum) fail(fmt::format("enum value of '{}' found but no makeEnum was given", g->name));
        IValue v = opts_.makeEnum(g->cls, args);
        return v.isList() || v.isTuple() || v.isDict() || v.isObject() ? track(std::move(v)) : v;
      }
      argsOf(*this, *g, args, 0, 0);
      return track(makeRef<Object>(g->cls));
    }
    case GlobalKind::StorageType: break;
  }
  fail(fmt::format("{} cannot be called{}", g->name, newObj ? " by NEWOBJ" : ""));
}

IValue Unpickler::persistentLoad(const IValue& pid) {
  if (!pid.isTuple() || pid.tupleRef().elements.size() != 5)
    fail("persistent id is not ('storage', type, key, location, numel)");
  const auto& a = pid.tupleRef().elements;
  if (!a[0].isString() || a[0].toStringRef() != "storage")
    fail("persistent id is not a storage");
  auto* type = a[1].isBlob() ? dynamic_cast<const GlobalRef*>(a[1].blobPtr()) : nullptr;
  if (!type || type->kind != GlobalKind::StorageType) fail("persistent id names no storage type");
  if (!a[2].isString() && !a[2].isInt()) fail("storage key is not a string");
  std::string key = a[2].isString() ? a[2].toStringRef() : std::to_string(a[2].toInt());
  if (!a[4].isInt() || a[4].toInt() < 0) fail(fmt::format("storage '{}' has an invalid size", key));
  int64_t numel = a[4].toInt();

  if (auto it = storages_.find(key); it != storages_.end()) {
    auto* s = static_cast<const StorageRef*>(it->second.blobPtr());
    if (s->dtype != type->dtype || s->numel != numel)
      fail(fmt::format("storage '{}' is declared twice with different types or sizes", key));
    return it->second;
  }
  if (!opts_.loadStorage) fail(fmt::format("storage '{}' found but no storage loader was given", key));
  int64_t nbytes;
  if (__builtin_mul_overflow(numel, elementSize(type->dtype), &nbytes))
    fail(fmt::format("storage '{}' of {} elements is too large", key, numel));
  Storage st = opts_.loadStorage(key, type->dtype, numel);
  if (!st || st->nbytes() < nbytes)
    fail(fmt::format("storage '{}' holds fewer than the {} bytes declared", key, nbytes));
  auto ref = makeRef<StorageRef>();
  ref->storage = std::move(st);
  ref->dtype = type->dtype;
  ref->numel = numel;
  ref->key = key;
  IValue v = IValue::blob(ref);
  storages_.emplace(key, v);
  return v;
}

Tensor Unpickler::rebuildTensor(const IValue& storage, const IValue& offset, const IValue& size,
                                const IValue& stride, const IValue& dtype) {
  auto* s = storage.isBlob() ? dynamic_cast<const StorageRef*>(storage.blobPtr()) : nullptr;
  if (!s) fail(fmt::format("tensor rebuilt from a {}, not a storage", storage.tagName()));
  if (!offset.isInt() || offset.toInt() < 0) fail("tensor storage offset is not a non-negative int");
  std::vector<int64_t> sizes = intsOf(*this, size, "size");
  std::vector<int64_t> strides = intsOf(*this, stride, "stride");
  if (sizes.size() != strides.size())
    fail(fmt::format("tensor has {} sizes but {} strides", sizes.size(), strides.size()));
  DType dt = s->dtype;
  if (!dtype.isNone() && !dtypeFromInt(dtype.toInt(), &dt))
    fail(fmt::format("tensor dtype {} is not supported", dtype.toInt()));
  // Storage capacity in elements of the tensor's dtype.
  int64_t capacity = s->numel * elementSize(s->dtype) / elementSize(dt);
  // The last element viewed must lie inside the storage.
  int64_t last = offset.toInt();
  bool empty = false, overflow = false;
  for (size_t i = 0; i < sizes.size(); ++i) {
    if (sizes[i] < 0 || strides[i] < 0) fail("tensor has a negative size or stride");
    if (sizes[i] == 0) empty = true;
    int64_t span;
    overflow |= __builtin_mul_overflow(sizes[i] > 0 ? sizes[i] - 1 : 0, strides[i], &span);
    overflow |= __builtin_add_overflow(last, span, &last);
  }
  if (!empty && (overflow || last >= capacity))
    fail(fmt::format("tensor (offset {}, sizes {}, strides {}) reads past storage '{}' of {} elements",
                     offset.toInt(), fmt::join(sizes, ","), fmt::join(strides, ","), s->key, capacity));
  return Tensor(makeRef<TensorImpl>(s->storage, dt, sizes, strides, offset.toInt()));
}

void Unpickler::build(const IValue& target, IValue state) {
  if (target.isObject()) {
    Object& obj = target.objectRef();
    if (state.isDict()) {
      state.dictRef().forEach([&](const IValue& k, const IValue& v) {
        if (!k.isString()) fail("object state has a non-string attribute name");
        int64_t slot = obj.type->findAttribute(k.toStringRef());
        if (slot < 0 || static_cast<size_t>(slot) >= obj.slots.size())
          fail(fmt::format("class '{}' has no attribute '{}'", obj.type->qualifiedName(), k.toStringRef()));
        obj.slots[slot] = v;
      });
      return;
    }
    if (!opts_.setState)
      fail(fmt::format("object of class '{}' needs __setstate__ but no setState was given",
                       obj.type->qualifiedName()));
    opts_.setState(target.toObject(), std::move(state));
    return;
  }
  // An OrderedDict's attributes (a state_dict's _metadata) have no place in
  // a TorchScript dict and are dropped.
  if (target.isDict()) return;
  fail(fmt::format("BUILD on a {}", target.tagName()));
}

}  // namespace detail

}  // namespace wick::serialize
