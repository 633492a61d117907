// Registers the aten:: indexing ops (index, index_put(_), index_select,
// gather, scatter, masked_select, nonzero, where, embedding(_bag),
// one_hot), binding kernels/cpu/indexing.h.
#include "kernels/cpu/indexing.h"
#include "runtime/operator.h"
#include "runtime/ops/aten_args.h"
#include "runtime/ops/ops.h"

namespace wick {
namespace {

using namespace atenargs;
namespace k = kernels;

// Tensor?[]: None entries become undefined tensors (full slices).
std::vector<Tensor> optTensorList(const IValue& v) {
  std::vector<Tensor> r;
  for (const IValue& e : v.listRef().elements) r.push_back(optTensor(e));
  return r;
}

IValue tensorListValue(const std::vector<Tensor>& ts) {
  std::vector<IValue> e;
  for (const Tensor& t : ts) e.emplace_back(t);
  return IValue(makeList(std::move(e)));
}

void registerIndex(OperatorRegistry& r) {
  r.add("aten::index.Tensor(Tensor self, Tensor?[] indices) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::index(a[0].toTensor(), optTensorList(a[1])));
  });
  r.add("aten::index.Tensor_hacked_twin(Tensor self, Tensor[] indices) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::index(a[0].toTensor(), optTensorList(a[1])));
  });
  r.add("aten::index_put_(Tensor(a!) self, Tensor?[] indices, Tensor values, bool accumulate=False) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 4);
          ret(s, 4, k::indexPut_(a[0].toTensor(), optTensorList(a[1]), a[2].toTensor(), a[3].toBool()));
        });
  r.add("aten::index_put_.hacked_twin(Tensor(a!) self, Tensor[] indices, Tensor values, bool accumulate=False) -> "
        "Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 4);
          ret(s, 4, k::indexPut_(a[0].toTensor(), optTensorList(a[1]), a[2].toTensor(), a[3].toBool()));
        });
  r.add("aten::index_put(Tensor self, Tensor?[] indices, Tensor values, bool accumulate=False) -> Tensor",
        [](Stack& s) {
          IValue* a = args(s, 4);
          ret(s, 4, k::indexPut_(a[0].toTensor().clone(), optTensorList(a[1]), a[2].toTensor(), a[3].toBool()));
        });
  r.add("aten::index_put.hacked_twin(Tensor self, Tensor[] indices, Tensor values, bool accumulate=False) -> Tensor",
        [](Stack& s) {
          IValue* a = args(s, 4);
          ret(s, 4, k::indexPut_(a[0].toTensor().clone(), optTensorList(a[1]), a[2].toTensor(), a[3].toBool()));
        });
  r.add("aten::index_select(Tensor self, int dim, Tensor index) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::indexSelect(a[0].toTensor(), a[1].toInt(), a[2].toTensor()));
  });
  r.add("aten::masked_select(Tensor self, Tensor mask) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::maskedSelect(a[0].toTensor(), a[1].toTensor()));
  });
  r.add("aten::nonzero(Tensor self) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 1);
    ret(s, 1, k::nonzero(a[0].toTensor()));
  });
  r.add("aten::where(Tensor condition) -> Tensor[]", [](Stack& s) {
    IValue* a = args(s, 1);
    ret(s, 1, tensorListValue(k::whereNonzero(a[0].toTensor())));
  });
}

void registerGatherScatter(OperatorRegistry& r) {
  r.add("aten::gather(Tensor self, int dim, Tensor index, *, bool sparse_grad=False) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 4);
    ret(s, 4, k::gather(a[0].toTensor(), a[1].toInt(), a[2].toTensor()));
  });
  // Out-of-place forms scatter into a copy of self.
  r.add("aten::scatter.src(Tensor self, int dim, Tensor index, Tensor src) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 4);
    ret(s, 4, k::scatter_(a[0].toTensor().clone(), a[1].toInt(), a[2].toTensor(), a[3].toTensor(), {}, "",
                          "aten::scatter"));
  });
  r.add("aten::scatter.value(Tensor self, int dim, Tensor index, Scalar value) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 4);
    ret(s, 4, k::scatter_(a[0].toTensor().clone(), a[1].toInt(), a[2].toTensor(), Tensor(), a[3].toScalar(), "",
                          "aten::scatter"));
  });
  r.add("aten::scatter.reduce(Tensor self, int dim, Tensor index, Tensor src, *, str reduce) -> Tensor",
        [](Stack& s) {
          IValue* a = args(s, 5);
          ret(s, 5, k::scatter_(a[0].toTensor().clone(), a[1].toInt(), a[2].toTensor(), a[3].toTensor(), {},
                                a[4].toStringRef(), "aten::scatter"));
        });
  r.add("aten::scatter.value_reduce(Tensor self, int dim, Tensor index, Scalar value, *, str reduce) -> Tensor",
        [](Stack& s) {
          IValue* a = args(s, 5);
          ret(s, 5, k::scatter_(a[0].toTensor().clone(), a[1].toInt(), a[2].toTensor(), Tensor(), a[3].toScalar(),
                                a[4].toStringRef(), "aten::scatter"));
        });
  r.add("aten::scatter_.src(Tensor(a!) self, int dim, Tensor index, Tensor src) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 4);
    ret(s, 4, k::scatter_(a[0].toTensor(), a[1].toInt(), a[2].toTensor(), a[3].toTensor(), {}, "", "aten::scatter_"));
  });
  r.add("aten::scatter_.value(Tensor(a!) self, int dim, Tensor index, Scalar value) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 4);
    ret(s, 4, k::scatter_(a[0].toTensor(), a[1].toInt(), a[2].toTensor(), Tensor(), a[3].toScalar(), "",
                          "aten::scatter_"));
  });
  r.add("aten::scatter_.reduce(Tensor(a!) self, int dim, Tensor index, Tensor src, *, str reduce) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 5);
          ret(s, 5, k::scatter_(a[0].toTensor(), a[1].toInt(), a[2].toTensor(), a[3].toTensor(), {},
                                a[4].toStringRef(), "aten::scatter_"));
        });
  r.add("aten::scatter_.value_reduce(Tensor(a!) self, int dim, Tensor index, Scalar value, *, str reduce) -> "
        "Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 5);
          ret(s, 5, k::scatter_(a[0].toTensor(), a[1].toInt(), a[2].toTensor(), Tensor(), a[3].toScalar(),
                                a[4].toStringRef(), "aten::scatter_"));
        });
  r.add("aten::scatter_add(Tensor self, int dim, Tensor index, Tensor src) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 4);
    ret(s, 4, k::scatter_(a[0].toTensor().clone(), a[1].toInt(), a[2].toTensor(), a[3].toTensor(), {}, "add",
                          "aten::scatter_add"));
  });
  r.add("aten::scatter_add_(Tensor(a!) self, int dim, Tensor index, Tensor src) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 4);
    ret(s, 4, k::scatter_(a[0].toTensor(), a[1].toInt(), a[2].toTensor(), a[3].toTensor(), {}, "add",
                          "aten::scatter_add_"));
  });
}

void pushBag(Stack& s, size_t n, const k::EmbeddingBagResult& b) {
  drop(s, n);
  s.emplace_back(b.output);
  s.emplace_back(b.offset2bag);
  s.emplace_back(b.bagSize);
  s.emplace_back(b.maxIndices);
}

void registerEmbedding(OperatorRegistry& r) {
  r.add("aten::embedding(Tensor weight, Tensor indices, int padding_idx=-1, bool scale_grad_by_freq=False, bool "
        "sparse=False) -> Tensor",
        [](Stack& s) {
          IValue* a = args(s, 5);
          ret(s, 5, k::embedding(a[0].toTensor(), a[1].toTensor()));
        });
  r.add("aten::embedding_bag(Tensor weight, Tensor indices, Tensor offsets, bool scale_grad_by_freq=False, int "
        "mode=0, bool sparse=False, Tensor? per_sample_weights=None, bool include_last_offset=False) -> (Tensor, "
        "Tensor, Tensor, Tensor)",
        [](Stack& s) {
          IValue* a = args(s, 8);
          auto b = k::embeddingBag(a[0].toTensor(), a[1].toTensor(), a[2].toTensor(), a[4].toInt(),
                                   optTensor(a[6]), a[7].toBool(), std::nullopt);
          pushBag(s, 8, b);
        });
  r.add("aten::embedding_bag.padding_idx(Tensor weight, Tensor indices, Tensor offsets, bool scale_grad_by_freq, "
        "int mode, bool sparse, Tensor? per_sample_weights, bool include_last_offset, int? padding_idx) -> (Tensor, "
        "Tensor, Tensor, Tensor)",
        [](Stack& s) {
          IValue* a = args(s, 9);
          auto b = k::embeddingBag(a[0].toTensor(), a[1].toTensor(), a[2].toTensor(), a[4].toInt(),
                                   optTensor(a[6]), a[7].toBool(), optInt(a[8]));
          pushBag(s, 9, b);
        });
  r.add("aten::one_hot(Tensor self, int num_classes=-1) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::oneHot(a[0].toTensor(), a[1].toInt()));
  });
}

}  // namespace

void registerIndexingOps(OperatorRegistry& r) {
  registerIndex(r);
  registerGatherScatter(r);
  registerEmbedding(r);
}

}  // namespace wick
