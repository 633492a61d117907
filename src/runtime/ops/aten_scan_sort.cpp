// Registers aten:: cumsum and cumprod (with out= and in-place forms), sort,
// argsort and topk, binding kernels/cpu/reduction.h.
#include "kernels/cpu/reduction.h"
#include "runtime/operator.h"
#include "runtime/ops/aten_args.h"

namespace wick {
namespace {

using namespace atenargs;
namespace k = kernels;

using ScanFn = Tensor (*)(const Tensor&, int64_t, std::optional<DType>, const Tensor&);

template <ScanFn Fn>
void addScan(OperatorRegistry& r, const std::string& n) {
  r.add("aten::" + n + "(Tensor self, int dim, *, ScalarType? dtype=None) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, Fn(a[0].toTensor(), a[1].toInt(), optDType(a[2]), {}));
  });
  r.add("aten::" + n + ".out(Tensor self, int dim, *, ScalarType? dtype=None, Tensor(a!) out) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 4);
          ret(s, 4, Fn(a[0].toTensor(), a[1].toInt(), optDType(a[2]), a[3].toTensor()));
        });
  r.add("aten::" + n + "_(Tensor(a!) self, int dim, *, ScalarType? dtype=None) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 3);
    Tensor self = a[0].toTensor();
    std::optional<DType> dt = optDType(a[2]);
    const char* name = Fn == &k::cumsum ? "aten::cumsum_" : "aten::cumprod_";
    WICK_CHECK(!dt || *dt == self.dtype(), "{}: dtype {} does not match self's dtype {}", name, dtypeName(*dt),
               dtypeName(self.dtype()));
    self.copyFrom(Fn(self, a[1].toInt(), self.dtype(), {}));
    ret(s, 3, self);
  });
}

void pushPair(Stack& s, size_t n, std::pair<Tensor, Tensor> p) {
  ret(s, n, std::move(p.first));
  s.emplace_back(std::move(p.second));
}

// The (values, indices) out= forms: results resized into and copied to the
// given tensors, which are returned.
void pushPairInto(Stack& s, size_t n, std::pair<Tensor, Tensor> p, Tensor values, Tensor indices) {
  pushPair(s, n, {k::copyToOut(p.first, values), k::copyToOut(p.second, indices)});
}

}  // namespace

void registerScanSortOps(OperatorRegistry& r) {
  addScan<&k::cumsum>(r, "cumsum");
  addScan<&k::cumprod>(r, "cumprod");
  r.add("aten::sort(Tensor self, int dim=-1, bool descending=False) -> (Tensor values, Tensor indices)", [](Stack& s) {
    IValue* a = args(s, 3);
    pushPair(s, 3, k::sort(a[0].toTensor(), a[1].toInt(), a[2].toBool()));
  });
  // Wick's sort is always stable.
  r.add("aten::sort.stable(Tensor self, *, bool? stable, int dim=-1, bool descending=False) -> (Tensor values, Tensor indices)",
        [](Stack& s) {
          IValue* a = args(s, 4);
          pushPair(s, 4, k::sort(a[0].toTensor(), a[2].toInt(), a[3].toBool()));
        });
  r.add("aten::sort.values(Tensor self, int dim=-1, bool descending=False, *, Tensor(a!) values, Tensor(b!) indices) -> (Tensor(a!) values, Tensor(b!) indices)",
        [](Stack& s) {
          IValue* a = args(s, 5);
          pushPairInto(s, 5, k::sort(a[0].toTensor(), a[1].toInt(), a[2].toBool()), a[3].toTensor(), a[4].toTensor());
        });
  r.add("aten::sort.values_stable(Tensor self, *, bool? stable, int dim=-1, bool descending=False, Tensor(a!) values, Tensor(b!) indices) -> (Tensor(a!) values, Tensor(b!) indices)",
        [](Stack& s) {
          IValue* a = args(s, 6);
          pushPairInto(s, 6, k::sort(a[0].toTensor(), a[2].toInt(), a[3].toBool()), a[4].toTensor(), a[5].toTensor());
        });
  r.add("aten::argsort(Tensor self, int dim=-1, bool descending=False) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::sort(a[0].toTensor(), a[1].toInt(), a[2].toBool()).second);
  });
  r.add("aten::argsort.stable(Tensor self, *, bool stable, int dim=-1, bool descending=False) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 4);
    ret(s, 4, k::sort(a[0].toTensor(), a[2].toInt(), a[3].toBool()).second);
  });
  r.add("aten::argsort.stable_out(Tensor self, *, bool stable, int dim=-1, bool descending=False, Tensor(a!) out) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 5);
          Tensor out = a[4].toTensor();
          ret(s, 5, k::copyToOut(k::sort(a[0].toTensor(), a[2].toInt(), a[3].toBool()).second, out));
        });
  r.add("aten::topk(Tensor self, int k, int dim=-1, bool largest=True, bool sorted=True) -> (Tensor values, Tensor indices)",
        [](Stack& s) {
          IValue* a = args(s, 5);
          pushPair(s, 5, k::topk(a[0].toTensor(), a[1].toInt(), a[2].toInt(), a[3].toBool(), a[4].toBool()));
        });
  r.add("aten::topk.values(Tensor self, int k, int dim=-1, bool largest=True, bool sorted=True, *, Tensor(a!) values, Tensor(b!) indices) -> (Tensor(a!) values, Tensor(b!) indices)",
        [](Stack& s) {
          IValue* a = args(s, 7);
          pushPairInto(s, 7, k::topk(a[0].toTensor(), a[1].toInt(), a[2].toInt(), a[3].toBool(), a[4].toBool()),
                       a[5].toTensor(), a[6].toTensor());
        });
}

}  // namespace wick
