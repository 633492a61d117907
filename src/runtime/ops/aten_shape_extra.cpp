// Registers the aten:: data-movement ops beyond plain views (repeat, tile,
// repeat_interleave, flip, roll, triu/tril, bernoulli_), the views movedim,
// unflatten, diagonal and swapaxes, and einsum; binding
// kernels/cpu/shape_extra.h and kernels/cpu/einsum.h.
#include <fmt/format.h>

#include "kernels/cpu/einsum.h"
#include "kernels/cpu/shape.h"
#include "kernels/cpu/shape_extra.h"
#include "runtime/operator.h"
#include "runtime/ops/aten_args.h"
#include "runtime/ops/ops.h"

namespace wick {
namespace {

using namespace atenargs;
namespace k = kernels;

void checkNoGenerator(const char* op, const IValue& g) {
  WICK_CHECK(g.isNone(), "{}: explicit generator arguments are not supported; the default generator is used", op);
}

void registerRepeats(OperatorRegistry& r) {
  r.add("aten::repeat(Tensor self, int[] repeats) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::repeat(a[0].toTensor(), intList(a[1])));
  });
  r.add("aten::tile(Tensor self, int[] dims) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::tile(a[0].toTensor(), intList(a[1])));
  });
  r.add("aten::repeat_interleave.Tensor(Tensor repeats, *, int? output_size=None) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::repeatInterleaveIndices(a[0].toTensor(), optInt(a[1])));
  });
  r.add("aten::repeat_interleave.self_Tensor(Tensor self, Tensor repeats, int? dim=None, *, int? output_size=None) -> Tensor",
        [](Stack& s) {
          IValue* a = args(s, 4);
          ret(s, 4, k::repeatInterleave(a[0].toTensor(), a[1].toTensor(), optInt(a[2]), optInt(a[3])));
        });
  r.add("aten::repeat_interleave.self_int(Tensor self, int repeats, int? dim=None, *, int? output_size=None) -> Tensor",
        [](Stack& s) {
          IValue* a = args(s, 4);
          ret(s, 4, k::repeatInterleave(a[0].toTensor(), a[1].toInt(), optInt(a[2]), optInt(a[3])));
        });
}

void registerReorders(OperatorRegistry& r) {
  r.add("aten::flip(Tensor self, int[] dims) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::flip(a[0].toTensor(), intList(a[1])));
  });
  r.add("aten::fliplr(Tensor self) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 1);
    Tensor self = a[0].toTensor();
    WICK_CHECK(self.dim() >= 2, "aten::fliplr: input must be >= 2-d, got {}-d", self.dim());
    ret(s, 1, k::flip(self, {1}));
  });
  r.add("aten::flipud(Tensor self) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 1);
    Tensor self = a[0].toTensor();
    WICK_CHECK(self.dim() >= 1, "aten::flipud: input must be >= 1-d, got {}-d", self.dim());
    ret(s, 1, k::flip(self, {0}));
  });
  r.add("aten::roll(Tensor self, int[1] shifts, int[1] dims=[]) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::roll(a[0].toTensor(), intList(a[1]), intList(a[2])));
  });
  r.add("aten::triu(Tensor self, int diagonal=0) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::triu(a[0].toTensor(), a[1].toInt()));
  });
  r.add("aten::tril(Tensor self, int diagonal=0) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::tril(a[0].toTensor(), a[1].toInt()));
  });
  r.add("aten::triu_(Tensor(a!) self, int diagonal=0) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 2);
    Tensor self = a[0].toTensor();
    self.copyFrom(k::triu(self, a[1].toInt()));
    ret(s, 2, self);
  });
  r.add("aten::tril_(Tensor(a!) self, int diagonal=0) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 2);
    Tensor self = a[0].toTensor();
    self.copyFrom(k::tril(self, a[1].toInt()));
    ret(s, 2, self);
  });
  r.add("aten::einsum(str equation, Tensor[] tensors, *, int[]? path=None) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::einsum(a[0].toStringRef(), tensorList(a[1])));
  });
}

void registerMoreViews(OperatorRegistry& r) {
  for (const char* name : {"movedim", "moveaxis"}) {
    r.add(fmt::format("aten::{}.intlist(Tensor(a) self, int[] source, int[] destination) -> Tensor(a)", name),
          [](Stack& s) {
            IValue* a = args(s, 3);
            ret(s, 3, k::movedim(a[0].toTensor(), intList(a[1]), intList(a[2])));
          });
    r.add(fmt::format("aten::{}.int(Tensor(a) self, int source, int destination) -> Tensor(a)", name), [](Stack& s) {
      IValue* a = args(s, 3);
      int64_t src = a[1].toInt(), dst = a[2].toInt();
      ret(s, 3, k::movedim(a[0].toTensor(), {src}, {dst}));
    });
  }
  for (const char* name : {"swapaxes", "swapdims"}) {
    r.add(fmt::format("aten::{}(Tensor(a) self, int dim0, int dim1) -> Tensor(a)", name), [](Stack& s) {
      IValue* a = args(s, 3);
      ret(s, 3, k::transpose(a[0].toTensor(), a[1].toInt(), a[2].toInt()));
    });
  }
  r.add("aten::unflatten.int(Tensor(a) self, int dim, int[] sizes) -> Tensor(a)", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::unflatten(a[0].toTensor(), a[1].toInt(), intList(a[2])));
  });
  r.add("aten::diagonal(Tensor(a) self, int offset=0, int dim1=0, int dim2=1) -> Tensor(a)", [](Stack& s) {
    IValue* a = args(s, 4);
    ret(s, 4, k::diagonal(a[0].toTensor(), a[1].toInt(), a[2].toInt(), a[3].toInt()));
  });
  r.add("aten::ravel(Tensor(a) self) -> Tensor(a)", [](Stack& s) {
    IValue* a = args(s, 1);
    ret(s, 1, k::reshape(a[0].toTensor(), {-1}));
  });
}

void registerRandomFills(OperatorRegistry& r) {
  r.add("aten::bernoulli_.float(Tensor(a!) self, float p=0.5, *, Generator? generator=None) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 3);
          checkNoGenerator("aten::bernoulli_", a[2]);
          ret(s, 3, k::bernoulli_(a[0].toTensor(), a[1].toDouble()));
        });
  r.add("aten::bernoulli_.Tensor(Tensor(a!) self, Tensor p, *, Generator? generator=None) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 3);
          checkNoGenerator("aten::bernoulli_", a[2]);
          ret(s, 3, k::bernoulli_(a[0].toTensor(), a[1].toTensor()));
        });
  r.add("aten::bernoulli(Tensor self, *, Generator? generator=None) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    checkNoGenerator("aten::bernoulli", a[1]);
    Tensor self = a[0].toTensor();
    ret(s, 2, k::bernoulli_(Tensor::empty(self.sizes(), self.dtype()), self));
  });
  r.add("aten::bernoulli.p(Tensor self, float p, *, Generator? generator=None) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 3);
    checkNoGenerator("aten::bernoulli", a[2]);
    Tensor self = a[0].toTensor();
    ret(s, 3, k::bernoulli_(Tensor::empty(self.sizes(), self.dtype()), a[1].toDouble()));
  });
}

}  // namespace

void registerShapeExtraOps(OperatorRegistry& r) {
  registerRepeats(r);
  registerReorders(r);
  registerMoreViews(r);
  registerRandomFills(r);
}

}  // namespace wick
