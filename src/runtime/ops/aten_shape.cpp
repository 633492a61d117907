// Registers the aten:: shape ops (views, joins, size queries) and the
// dtype conversions to/type_as/contiguous/clone, binding
// kernels/cpu/shape.h.
#include "kernels/cpu/shape.h"
#include "kernels/cpu/shape_extra.h"
#include "runtime/operator.h"
#include "runtime/ops/aten_args.h"
#include "runtime/ops/ops.h"

namespace wick {
namespace {

using namespace atenargs;
namespace k = kernels;

void registerViews(OperatorRegistry& r) {
  r.add("aten::view(Tensor(a) self, int[] size) -> Tensor(a)", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::view(a[0].toTensor(), intList(a[1])));
  });
  r.add("aten::view_as(Tensor(a) self, Tensor other) -> Tensor(a)", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::view(a[0].toTensor(), a[1].toTensor().sizes()));
  });
  r.add("aten::reshape(Tensor(a) self, int[] shape) -> Tensor(a)", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::reshape(a[0].toTensor(), intList(a[1])));
  });
  r.add("aten::reshape_as(Tensor(a) self, Tensor other) -> Tensor(a)", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::reshape(a[0].toTensor(), a[1].toTensor().sizes()));
  });
  r.add("aten::flatten.using_ints(Tensor(a) self, int start_dim=0, int end_dim=-1) -> Tensor(a)", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::flatten(a[0].toTensor(), a[1].toInt(), a[2].toInt()));
  });
  r.add("aten::permute(Tensor(a) self, int[] dims) -> Tensor(a)", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::permute(a[0].toTensor(), intList(a[1])));
  });
  r.add("aten::transpose.int(Tensor(a) self, int dim0, int dim1) -> Tensor(a)", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::transpose(a[0].toTensor(), a[1].toInt(), a[2].toInt()));
  });
  r.add("aten::t(Tensor(a) self) -> Tensor(a)", [](Stack& s) {
    IValue* a = args(s, 1);
    ret(s, 1, k::t(a[0].toTensor()));
  });
  r.add("aten::unsqueeze(Tensor(a) self, int dim) -> Tensor(a)", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::unsqueeze(a[0].toTensor(), a[1].toInt()));
  });
  r.add("aten::squeeze(Tensor(a) self) -> Tensor(a)", [](Stack& s) {
    IValue* a = args(s, 1);
    ret(s, 1, k::squeeze(a[0].toTensor()));
  });
  r.add("aten::squeeze.dim(Tensor(a) self, int dim) -> Tensor(a)", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::squeeze(a[0].toTensor(), a[1].toInt()));
  });
  r.add("aten::expand(Tensor(a) self, int[] size, *, bool implicit=False) -> Tensor(a)", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::expand(a[0].toTensor(), intList(a[1])));
  });
  r.add("aten::expand_as(Tensor(a) self, Tensor other) -> Tensor(a)", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::expand(a[0].toTensor(), a[1].toTensor().sizes()));
  });
  r.add("aten::slice.Tensor(Tensor(a) self, int dim=0, int? start=None, int? end=None, int step=1) -> Tensor(a)",
        [](Stack& s) {
          IValue* a = args(s, 5);
          ret(s, 5, k::slice(a[0].toTensor(), a[1].toInt(), optInt(a[2]), optInt(a[3]), a[4].toInt()));
        });
  r.add("aten::narrow(Tensor(a) self, int dim, int start, int length) -> Tensor(a)", [](Stack& s) {
    IValue* a = args(s, 4);
    Tensor self = a[0].toTensor();
    int64_t dim = a[1].toInt(), start = a[2].toInt(), length = a[3].toInt();
    WICK_CHECK(self.dim() > 0, "aten::narrow: cannot be applied to a 0-dim tensor");
    int64_t n = self.size(dim);
    if (start < 0) start += n;
    WICK_CHECK(start >= 0 && length >= 0 && start + length <= n,
               "aten::narrow: start ({}) + length ({}) exceeds dimension size ({})", start, length, n);
    ret(s, 4, k::slice(self, dim, start, start + length, 1));
  });
  r.add("aten::select.int(Tensor(a) self, int dim, int index) -> Tensor(a)", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::select(a[0].toTensor(), a[1].toInt(), a[2].toInt()));
  });
  r.add("aten::unbind.int(Tensor(a -> *) self, int dim=0) -> Tensor(a)[]", [](Stack& s) {
    IValue* a = args(s, 2);
    Tensor self = a[0].toTensor();
    int64_t dim = a[1].toInt();
    std::vector<IValue> parts;
    for (int64_t i = 0; i < self.size(dim); ++i) parts.emplace_back(k::select(self, dim, i));
    ret(s, 2, makeList(std::move(parts)));
  });
  r.add("aten::detach(Tensor(a) self) -> Tensor(a)", [](Stack& s) {
    IValue* a = args(s, 1);
    Tensor self = a[0].toTensor();
    ret(s, 1, self.asStrided(self.sizes(), self.strides(), self.storageOffset()));
  });
}

void registerJoins(OperatorRegistry& r) {
  r.add("aten::cat(Tensor[] tensors, int dim=0) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::cat(tensorList(a[0]), a[1].toInt()));
  });
  r.add("aten::cat.out(Tensor[] tensors, int dim=0, *, Tensor(a!) out) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::cat(tensorList(a[0]), a[1].toInt(), a[2].toTensor()));
  });
  r.add("aten::stack(Tensor[] tensors, int dim=0) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::stack(tensorList(a[0]), a[1].toInt()));
  });
  r.add("aten::stack.out(Tensor[] tensors, int dim=0, *, Tensor(a!) out) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::stack(tensorList(a[0]), a[1].toInt(), a[2].toTensor()));
  });
}

IValue tensorListValue(const std::vector<Tensor>& parts) {
  std::vector<IValue> e(parts.begin(), parts.end());
  return IValue(makeList(std::move(e)));
}

void registerSplits(OperatorRegistry& r) {
  r.add("aten::split.Tensor(Tensor(a -> *) self, int split_size, int dim=0) -> Tensor(a)[]", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, tensorListValue(k::split(a[0].toTensor(), a[1].toInt(), a[2].toInt())));
  });
  r.add("aten::split.sizes(Tensor(a -> *) self, int[] split_size, int dim=0) -> Tensor(a)[]", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, tensorListValue(k::splitWithSizes(a[0].toTensor(), intList(a[1]), a[2].toInt())));
  });
  r.add("aten::split(Tensor(a -> *) self, int[] split_sizes, int dim=0) -> Tensor(a)[]", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, tensorListValue(k::splitWithSizes(a[0].toTensor(), intList(a[1]), a[2].toInt())));
  });
  r.add("aten::split_with_sizes(Tensor(a -> *) self, int[] split_sizes, int dim=0) -> Tensor(a)[]", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, tensorListValue(k::splitWithSizes(a[0].toTensor(), intList(a[1]), a[2].toInt())));
  });
  r.add("aten::chunk(Tensor(a -> *) self, int chunks, int dim=0) -> Tensor(a)[]", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, tensorListValue(k::chunk(a[0].toTensor(), a[1].toInt(), a[2].toInt())));
  });
}

void registerQueries(OperatorRegistry& r) {
  r.add("aten::size.int(Tensor self, int dim) -> int", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, a[0].toTensor().size(a[1].toInt()));
  });
  r.add("aten::size(Tensor self) -> int[]", [](Stack& s) {
    IValue* a = args(s, 1);
    ret(s, 1, intListValue(a[0].toTensor().sizes()));
  });
  r.add("aten::dim(Tensor self) -> int", [](Stack& s) {
    IValue* a = args(s, 1);
    ret(s, 1, a[0].toTensor().dim());
  });
  r.add("aten::numel(Tensor self) -> int", [](Stack& s) {
    IValue* a = args(s, 1);
    ret(s, 1, a[0].toTensor().numel());
  });
}

// to(): self when nothing changes and no copy is asked for; a memory
// format other than preserve lays the result out in it.
Tensor convert(const Tensor& self, std::optional<DType> dtype, bool copy, const IValue& memoryFormat = IValue()) {
  DType dt = dtype.value_or(self.dtype());
  auto fmt = memoryFormat.isNone() ? k::MemoryFormat::Preserve : k::memoryFormatFromInt(memoryFormat.toInt());
  if (dt == self.dtype() && !copy) return fmt == k::MemoryFormat::Preserve ? self : k::contiguous(self, fmt);
  if (dt == self.dtype()) return k::clone(self, fmt);
  Tensor converted = self.to(dt, true);
  return fmt == k::MemoryFormat::Preserve ? converted : k::contiguous(converted, fmt);
}

Device deviceArg(const IValue& v) {
  return v.isString() ? Device::parse(v.toStringRef()) : v.toDevice();
}

void checkDevice(const char* op, const IValue& v) {
  if (v.isNone()) return;
  Device d = deviceArg(v);
  WICK_CHECK(d.isCpu(), "{}: device {} is not supported in this build", op, d.str());
}

void registerConversions(OperatorRegistry& r) {
  r.add("aten::to.dtype(Tensor(a) self, ScalarType dtype, bool non_blocking=False, bool copy=False, MemoryFormat? memory_format=None) -> Tensor(a)",
        [](Stack& s) {
          IValue* a = args(s, 5);
          ret(s, 5, convert(a[0].toTensor(), dtypeArg(a[1]), a[3].toBool(), a[4]));
        });
  r.add("aten::to.dtype_layout(Tensor(a) self, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None, bool non_blocking=False, bool copy=False, MemoryFormat? memory_format=None) -> Tensor(a)",
        [](Stack& s) {
          IValue* a = args(s, 8);
          checkTensorOptions("aten::to", a[2], a[3]);
          ret(s, 8, convert(a[0].toTensor(), optDType(a[1]), a[6].toBool(), a[7]));
        });
  r.add("aten::to.device(Tensor(a) self, Device device, ScalarType dtype, bool non_blocking=False, bool copy=False, MemoryFormat? memory_format=None) -> Tensor(a)",
        [](Stack& s) {
          IValue* a = args(s, 6);
          checkDevice("aten::to", a[1]);
          ret(s, 6, convert(a[0].toTensor(), dtypeArg(a[2]), a[4].toBool(), a[5]));
        });
  r.add("aten::to.other(Tensor(a) self, Tensor other, bool non_blocking=False, bool copy=False, MemoryFormat? memory_format=None) -> Tensor(a)",
        [](Stack& s) {
          IValue* a = args(s, 5);
          ret(s, 5, convert(a[0].toTensor(), a[1].toTensor().dtype(), a[3].toBool(), a[4]));
        });
  r.add("aten::to.prim_Device(Tensor(a) self, Device? device, int? dtype=None, bool non_blocking=False, bool copy=False) -> Tensor(b|a)",
        [](Stack& s) {
          IValue* a = args(s, 5);
          checkDevice("aten::to", a[1]);
          ret(s, 5, convert(a[0].toTensor(), optDType(a[2]), a[4].toBool()));
        });
  r.add("aten::to.prim_dtype(Tensor(a) self, int? dtype=None, bool non_blocking=False, bool copy=False) -> Tensor(b|a)",
        [](Stack& s) {
          IValue* a = args(s, 4);
          ret(s, 4, convert(a[0].toTensor(), optDType(a[1]), a[3].toBool()));
        });
  r.add("aten::to.prim_other(Tensor(a) self, bool non_blocking=False, bool copy=False) -> Tensor(b|a)",
        [](Stack& s) {
          IValue* a = args(s, 3);
          ret(s, 3, convert(a[0].toTensor(), std::nullopt, a[2].toBool()));
        });
  r.add("aten::type_as(Tensor self, Tensor other) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, convert(a[0].toTensor(), a[1].toTensor().dtype(), false));
  });
  r.add("aten::contiguous(Tensor(a) self, *, MemoryFormat memory_format=0) -> Tensor(a)", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::contiguous(a[0].toTensor(), k::memoryFormatFromInt(a[1].toInt())));
  });
  r.add("aten::clone(Tensor self, *, MemoryFormat? memory_format=None) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::clone(a[0].toTensor(), a[1].isNone() ? k::MemoryFormat::Preserve : k::memoryFormatFromInt(a[1].toInt())));
  });
}

}  // namespace

void registerShapeOps(OperatorRegistry& r) {
  registerViews(r);
  registerJoins(r);
  registerSplits(r);
  registerQueries(r);
  registerConversions(r);
}

}  // namespace wick
