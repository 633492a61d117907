// FusedKernel: lowering + backend compile, guard, and run (fused_kernel.h).
#include "jit/fused_kernel.h"

#include <fmt/format.h>

#include <chrono>

#include "core/check.h"
#include "core/parallel.h"
#include "jit/kir/evaluator.h"
#include "jit/lower.h"
#include "wick/tensor.h"

namespace wick::jit {

namespace {
constexpr int64_t kParallelWork = 32768;  // elements of work before splitting over the pool
}

InputSpec InputSpec::of(const IValue& v) {
  InputSpec s;
  if (v.isTensor()) {
    Tensor t = v.toTensor();
    s.kind = Kind::Tensor;
    s.dtype = t.dtype();
    s.sizes = t.sizes().vec();
    s.strides = t.strides().vec();
    s.device = t.device();
  } else if (v.isBool()) {
    s.kind = Kind::Bool;
  } else if (v.isInt()) {
    s.kind = Kind::Int;
  } else if (v.isDouble()) {
    s.kind = Kind::Float;
  } else {
    WICK_FAIL("fusion group input: expected a tensor or a number");
  }
  return s;
}

std::vector<InputSpec> InputSpec::of(const IValue* values, size_t n) {
  std::vector<InputSpec> out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) out.push_back(of(values[i]));
  return out;
}

std::string InputSpec::str() const {
  switch (kind) {
    case Kind::Int: return intValue ? fmt::format("int={}", *intValue) : "int";
    case Kind::Float: return floatValue ? fmt::format("float={}", *floatValue) : "float";
    case Kind::Bool: return intValue ? fmt::format("bool={}", *intValue) : "bool";
    case Kind::Tensor: break;
  }
  return fmt::format("{}({}, strides=[{}], device={})", dtypeName(dtype), fmt::join(sizes, ", "),
                     fmt::join(strides, ", "), device.str());
}

struct FusedKernel::Impl {
  std::vector<InputSpec> specs;
  bool dynamic = false;
  LoweredGroup lowered;
  std::shared_ptr<CompiledKernel> ck;
  double compileMs = 0;
  size_t numInts = 0, numFloats = 0;
};

FusedKernel::FusedKernel() : impl_(std::make_unique<Impl>()) {}
FusedKernel::~FusedKernel() = default;

std::shared_ptr<FusedKernel> FusedKernel::compile(const ir::Graph& group, const std::vector<InputSpec>& specs,
                                                  bool dynamicShapes, Backend& backend,
                                                  const CompileOptions& options) {
  auto t0 = std::chrono::steady_clock::now();
  std::shared_ptr<FusedKernel> fk(new FusedKernel());
  Impl& d = *fk->impl_;
  d.specs = specs;
  d.dynamic = dynamicShapes;
  d.lowered = lowerGroup(group, specs, dynamicShapes);
  if (!dynamicShapes && d.lowered.needsNonEmptyReduction) {
    bool empty = false;
    for (int dd : d.lowered.reducedDomainDims) empty |= d.lowered.domainSizes[dd] == 0;
    WICK_CHECK(!empty, "fusion: amax/amin over an empty dim");
  }
  d.ck = backend.compile(*d.lowered.kernel, options);
  d.numInts = d.lowered.kernel->intParams.size();
  d.numFloats = d.lowered.kernel->floatParams.size();
  d.compileMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  return fk;
}

bool FusedKernel::guard(const IValue* inputs, size_t n) const {
  const Impl& d = *impl_;
  if (n != d.specs.size()) return false;
  for (size_t i = 0; i < n; ++i) {
    const InputSpec& s = d.specs[i];
    const IValue& v = inputs[i];
    switch (s.kind) {
      case InputSpec::Kind::Int:
        if (!v.isInt() || (s.intValue && v.toInt() != *s.intValue)) return false;
        continue;
      case InputSpec::Kind::Float:
        if (!v.isDouble() || (s.floatValue && v.toDouble() != *s.floatValue)) return false;
        continue;
      case InputSpec::Kind::Bool:
        if (!v.isBool() || (s.intValue && v.toBool() != (*s.intValue != 0))) return false;
        continue;
      case InputSpec::Kind::Tensor: break;
    }
    if (!v.isTensor()) return false;
    const TensorImpl* t = v.toTensor().impl();
    if (t->dtype() != s.dtype || t->storage()->device() != s.device) return false;
    const auto& sz = t->sizes();
    const auto& st = t->strides();
    if (sz.size() != s.sizes.size()) return false;
    for (size_t k = 0; k < sz.size(); ++k) {
      if ((sz[k] == 1) != (s.sizes[k] == 1)) return false;
      if (!d.dynamic && (sz[k] != s.sizes[k] || (sz[k] != 1 && st[k] != s.strides[k]))) return false;
    }
  }
  if (d.dynamic) {
    // Sizes must broadcast the way the kernel iterates them.
    const LoweredGroup& L = d.lowered;
    SmallVector<int64_t, 8> dom(L.domainRank, 1);
    for (int dd = 0; dd < L.domainRank; ++dd) {
      int64_t size = -1;
      for (size_t i = 0; i < n; ++i) {
        int b = L.inputBuffer[i];
        if (b < 0 || L.bufferDimOfDomain[b][dd] < 0) continue;
        int64_t s = inputs[i].toTensor().impl()->sizes()[L.bufferDimOfDomain[b][dd]];
        if (size >= 0 && s != size) return false;
        size = s;
      }
      if (size == 0 && L.needsNonEmptyReduction &&
          std::find(L.reducedDomainDims.begin(), L.reducedDomainDims.end(), dd) != L.reducedDomainDims.end())
        return false;
      if (size >= 0) dom[dd] = size;
    }
    // An output broadcast along an empty domain dim would never be stored.
    int64_t domNumel = 1;
    for (int64_t s : dom) domNumel *= s;
    if (domNumel == 0)
      for (const auto& o : L.outputs) {
        int64_t on = 1;
        for (int od : o.dims) on *= od >= 0 ? dom[od] : 1;
        if (on != 0) return false;
      }
  }
  return true;
}

std::vector<IValue> FusedKernel::run(const IValue* inputs, size_t n) const {
  const Impl& d = *impl_;
  const LoweredGroup& L = d.lowered;
  size_t nb = L.kernel->buffers.size();
  SmallVector<void*, 8> bufs(nb, nullptr);
  SmallVector<int64_t, 8> domain(L.domainRank, 1);
  for (size_t i = 0; i < n; ++i) {
    if (L.inputBuffer[i] < 0) continue;
    const Tensor& t = inputs[i].toTensor();
    bufs[L.inputBuffer[i]] = t.rawData();
    if (d.dynamic)
      for (int dd = 0; dd < L.domainRank; ++dd)
        if (L.bufferDimOfDomain[L.inputBuffer[i]][dd] >= 0) domain[dd] = t.sizes()[L.bufferDimOfDomain[L.inputBuffer[i]][dd]];
  }
  std::vector<IValue> outs;
  outs.reserve(L.outputs.size());
  std::vector<Tensor> outTensors;
  for (const auto& o : L.outputs) {
    Tensor t;
    if (d.dynamic) {
      DimVector shape(o.dims.size(), 1);
      for (size_t k = 0; k < o.dims.size(); ++k)
        if (o.dims[k] >= 0) shape[k] = domain[o.dims[k]];
      t = Tensor::empty(shape, o.dtype);
    } else {
      t = Tensor::empty(o.sizes, o.dtype);
    }
    bufs[o.buffer] = t.rawData();
    outTensors.push_back(t);
  }
  SmallVector<int64_t, 16> ints(d.numInts, 0);
  SmallVector<double, 4> floats(d.numFloats, 0);
  for (size_t p = 0; p < L.intParams.size(); ++p) {
    const auto& P = L.intParams[p];
    switch (P.kind) {
      case LoweredGroup::Param::ScalarInput: {
        const IValue& v = inputs[P.a];
        ints[p] = v.isBool() ? v.toBool() : v.toInt();
        break;
      }
      case LoweredGroup::Param::DomainSize: ints[p] = domain[P.a]; break;
      case LoweredGroup::Param::Stride: {
        int dim = L.bufferDimOfDomain[P.a][P.b];
        size_t nIn = 0;
        for (int b : L.inputBuffer) nIn += b >= 0;
        if (static_cast<size_t>(P.a) < nIn) {
          for (size_t i = 0; i < n; ++i)
            if (L.inputBuffer[i] == P.a) ints[p] = inputs[i].toTensor().strides()[dim];
        } else {
          const Tensor& t = outTensors[P.a - nIn];
          ints[p] = t.strides()[dim];
        }
        break;
      }
    }
  }
  for (size_t p = 0; p < L.floatParams.size(); ++p) floats[p] = inputs[L.floatParams[p].a].toDouble();
  int64_t extent = kir::evalInt(*L.kernel->outerExtent, ints.data());
  int64_t work = 1;
  if (d.dynamic) {
    for (int64_t s : domain) work *= s;
    work *= 2;
  } else {
    work = extent * L.workPerOuter;
  }
  const CompiledKernel& ck = *d.ck;
  if (extent > 0) {
    if (work >= kParallelWork && extent > 1) {
      int64_t perOuter = std::max<int64_t>(1, work / extent);
      int64_t grain = std::max<int64_t>(1, kParallelWork / 2 / perOuter);
      parallelFor(0, extent, grain, [&](int64_t b, int64_t e) {
        invokeKernel(ck, bufs.data(), ints.data(), floats.data(), b, e);
      });
    } else {
      invokeKernel(ck, bufs.data(), ints.data(), floats.data(), 0, extent);
    }
  }
  for (auto& t : outTensors) outs.emplace_back(std::move(t));
  return outs;
}

double FusedKernel::compileMs() const { return impl_->compileMs; }
bool FusedKernel::reusedCode() const { return impl_->ck && impl_->ck->reused; }
bool FusedKernel::dynamicShapes() const { return impl_->dynamic; }
const std::vector<InputSpec>& FusedKernel::specs() const { return impl_->specs; }
const kir::Kernel& FusedKernel::kernel() const { return *impl_->lowered.kernel; }
const CompiledKernel& FusedKernel::compiled() const { return *impl_->ck; }
const std::string& FusedKernel::name() const { return impl_->lowered.kernel->name; }

void invokeKernel(const CompiledKernel& ck, void* const* bufs, const int64_t* ints, const double* floats,
                  int64_t begin, int64_t end) {
  if (ck.fn) {
    ck.fn(bufs, ints, floats, begin, end);
    return;
  }
  auto* ik = dynamic_cast<const kir::InterpretedKernel*>(&ck);
  WICK_CHECK(ik != nullptr, "fused kernel '{}' has no code to run", ck.name);
  ik->run(bufs, ints, floats, begin, end);
}

}  // namespace wick::jit
