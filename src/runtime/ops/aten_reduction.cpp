// Registers the aten:: reductions (sum, mean, amax, amin, argmax, argmin,
// max, min, all, any), binding kernels/cpu/reduction.h; prod, var/std,
// norms and logsumexp are in aten_reduction_stats.cpp, scans and sorts in
// aten_scan_sort.cpp.
#include "kernels/cpu/elementwise.h"
#include "kernels/cpu/reduction.h"
#include "runtime/operator.h"
#include "runtime/ops/aten_args.h"
#include "runtime/ops/ops.h"

namespace wick {
namespace {

using namespace atenargs;
namespace k = kernels;

void registerSumMean(OperatorRegistry& r) {
  r.add("aten::sum(Tensor self, *, ScalarType? dtype=None) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::sum(a[0].toTensor(), {}, false, optDType(a[1])));
  });
  r.add("aten::sum.dim_IntList(Tensor self, int[1]? dim, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor",
        [](Stack& s) {
          IValue* a = args(s, 4);
          ret(s, 4, k::sum(a[0].toTensor(), dimsOrAll(a[1]), a[2].toBool(), optDType(a[3])));
        });
  r.add("aten::sum.IntList_out(Tensor self, int[1]? dim, bool keepdim=False, *, ScalarType? dtype=None, Tensor(a!) out) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 5);
          ret(s, 5, k::sum(a[0].toTensor(), dimsOrAll(a[1]), a[2].toBool(), optDType(a[3]), a[4].toTensor()));
        });
  r.add("aten::sum.out(Tensor self, *, ScalarType? dtype=None, Tensor(a!) out) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::sum(a[0].toTensor(), {}, false, optDType(a[1]), a[2].toTensor()));
  });
  r.add("aten::mean(Tensor self, *, ScalarType? dtype=None) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::mean(a[0].toTensor(), {}, false, optDType(a[1])));
  });
  r.add("aten::mean.dim(Tensor self, int[1]? dim, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor",
        [](Stack& s) {
          IValue* a = args(s, 4);
          ret(s, 4, k::mean(a[0].toTensor(), dimsOrAll(a[1]), a[2].toBool(), optDType(a[3])));
        });
  r.add("aten::mean.out(Tensor self, int[1]? dim, bool keepdim=False, *, ScalarType? dtype=None, Tensor(a!) out) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 5);
          ret(s, 5, k::mean(a[0].toTensor(), dimsOrAll(a[1]), a[2].toBool(), optDType(a[3]), a[4].toTensor()));
        });
}

void registerMinMax(OperatorRegistry& r) {
  r.add("aten::amax(Tensor self, int[1] dim=[], bool keepdim=False) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::amax(a[0].toTensor(), intList(a[1]), a[2].toBool()));
  });
  r.add("aten::amax.out(Tensor self, int[1] dim=[], bool keepdim=False, *, Tensor(a!) out) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 4);
          ret(s, 4, k::amax(a[0].toTensor(), intList(a[1]), a[2].toBool(), a[3].toTensor()));
        });
  r.add("aten::amin(Tensor self, int[1] dim=[], bool keepdim=False) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::amin(a[0].toTensor(), intList(a[1]), a[2].toBool()));
  });
  r.add("aten::amin.out(Tensor self, int[1] dim=[], bool keepdim=False, *, Tensor(a!) out) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 4);
          ret(s, 4, k::amin(a[0].toTensor(), intList(a[1]), a[2].toBool(), a[3].toTensor()));
        });
  r.add("aten::argmax(Tensor self, int? dim=None, bool keepdim=False) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::argmax(a[0].toTensor(), optInt(a[1]), a[2].toBool()));
  });
  r.add("aten::argmax.out(Tensor self, int? dim=None, bool keepdim=False, *, Tensor(a!) out) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 4);
          ret(s, 4, k::argmax(a[0].toTensor(), optInt(a[1]), a[2].toBool(), a[3].toTensor()));
        });
  r.add("aten::argmin(Tensor self, int? dim=None, bool keepdim=False) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::argmin(a[0].toTensor(), optInt(a[1]), a[2].toBool()));
  });
  r.add("aten::argmin.out(Tensor self, int? dim=None, bool keepdim=False, *, Tensor(a!) out) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 4);
          ret(s, 4, k::argmin(a[0].toTensor(), optInt(a[1]), a[2].toBool(), a[3].toTensor()));
        });
  r.add("aten::max(Tensor self) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 1);
    ret(s, 1, k::maxAll(a[0].toTensor(), true));
  });
  r.add("aten::min(Tensor self) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 1);
    ret(s, 1, k::maxAll(a[0].toTensor(), false));
  });
  r.add("aten::max.dim(Tensor self, int dim, bool keepdim=False) -> (Tensor values, Tensor indices)",
        [](Stack& s) {
          IValue* a = args(s, 3);
          auto [v, i] = k::maxDim(a[0].toTensor(), a[1].toInt(), a[2].toBool(), true);
          ret(s, 3, v);
          s.emplace_back(i);
        });
  r.add("aten::min.dim(Tensor self, int dim, bool keepdim=False) -> (Tensor values, Tensor indices)",
        [](Stack& s) {
          IValue* a = args(s, 3);
          auto [v, i] = k::maxDim(a[0].toTensor(), a[1].toInt(), a[2].toBool(), false);
          ret(s, 3, v);
          s.emplace_back(i);
        });
  // max.dim_max / min.dim_min: the out= forms of max.dim / min.dim.
  r.add("aten::max.dim_max(Tensor self, int dim, bool keepdim=False, *, Tensor(a!) max, Tensor(b!) max_values) -> (Tensor(a!) values, Tensor(b!) indices)",
        [](Stack& s) {
          IValue* a = args(s, 5);
          auto [v, i] = k::maxDim(a[0].toTensor(), a[1].toInt(), a[2].toBool(), true);
          Tensor values = a[3].toTensor(), indices = a[4].toTensor();  // before ret() pops them
          ret(s, 5, k::copyToOut(v, values));
          s.emplace_back(k::copyToOut(i, indices));
        });
  r.add("aten::min.dim_min(Tensor self, int dim, bool keepdim=False, *, Tensor(a!) min, Tensor(b!) min_indices) -> (Tensor(a!) values, Tensor(b!) indices)",
        [](Stack& s) {
          IValue* a = args(s, 5);
          auto [v, i] = k::maxDim(a[0].toTensor(), a[1].toInt(), a[2].toBool(), false);
          Tensor values = a[3].toTensor(), indices = a[4].toTensor();  // before ret() pops them
          ret(s, 5, k::copyToOut(v, values));
          s.emplace_back(k::copyToOut(i, indices));
        });
  r.add("aten::max.other(Tensor self, Tensor other) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::maximum(a[0].toTensor(), a[1].toTensor(), true));
  });
  r.add("aten::max.out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::maximum(a[0].toTensor(), a[1].toTensor(), true, a[2].toTensor()));
  });
  r.add("aten::min.out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::maximum(a[0].toTensor(), a[1].toTensor(), false, a[2].toTensor()));
  });
  r.add("aten::min.other(Tensor self, Tensor other) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::maximum(a[0].toTensor(), a[1].toTensor(), false));
  });
  r.add("aten::all(Tensor self) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 1);
    ret(s, 1, k::all(a[0].toTensor()));
  });
  r.add("aten::all.dim(Tensor self, int dim, bool keepdim=False) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::all(a[0].toTensor(), a[1].toInt(), a[2].toBool()));
  });
  r.add("aten::all.out(Tensor self, int dim, bool keepdim=False, *, Tensor(a!) out) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 4);
          ret(s, 4, k::all(a[0].toTensor(), a[1].toInt(), a[2].toBool(), a[3].toTensor()));
        });
  r.add("aten::all.all_out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::all(a[0].toTensor(), std::nullopt, false, a[1].toTensor()));
  });
  r.add("aten::any(Tensor self) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 1);
    ret(s, 1, k::any(a[0].toTensor()));
  });
  r.add("aten::any.dim(Tensor self, int dim, bool keepdim=False) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::any(a[0].toTensor(), a[1].toInt(), a[2].toBool()));
  });
  r.add("aten::any.out(Tensor self, int dim, bool keepdim=False, *, Tensor(a!) out) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 4);
          ret(s, 4, k::any(a[0].toTensor(), a[1].toInt(), a[2].toBool(), a[3].toTensor()));
        });
  r.add("aten::any.all_out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::any(a[0].toTensor(), std::nullopt, false, a[1].toTensor()));
  });
}

}  // namespace

void registerReductionOps(OperatorRegistry& r) {
  registerSumMean(r);
  registerMinMax(r);
  registerReductionStatsOps(r);
  registerScanSortOps(r);
}

}  // namespace wick
