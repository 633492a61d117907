#include "fuser_test_util.h"

#include <fmt/format.h>

#include <cmath>
#include <random>
#include <unordered_map>

#include "jit/fuser.h"
#include "runtime/interpreter.h"
#include "core/check.h"
#include "wick/error.h"
#include "wick/tensor.h"

namespace wick::jit::testing {

std::vector<IValue> interpret(const ir::Graph& graph, const std::vector<IValue>& inputs) {
  auto code = Code::compile(graph.copy());
  return code->run(inputs);
}

FusedRunner::FusedRunner(std::shared_ptr<ir::Graph> fused, Backend* backend, bool dynamicShapes)
    : g_(std::move(fused)), backend_(backend), dynamic_(dynamicShapes) {}

std::vector<IValue> FusedRunner::run(const std::vector<IValue>& inputs) {
  std::unordered_map<const ir::Value*, IValue> env;
  for (size_t i = 0; i < inputs.size(); ++i) env[g_->inputs()[i]] = inputs[i];
  for (ir::Node* n : *g_->block()) {
    std::vector<IValue> in;
    for (ir::Value* v : n->inputs()) in.push_back(env.at(v));
    std::vector<IValue> out;
    if (n->kind() == fusionGroupSymbol()) {
      ++stats.groups;
      const auto& sub = fusionSubgraph(*n);
      std::shared_ptr<FusedKernel>* slot = nullptr;
      for (auto& [node, fk] : cache_)
        if (node == n) slot = &fk;
      if (!slot) {
        std::shared_ptr<FusedKernel> fk;
        try {
          fk = FusedKernel::compile(*sub, InputSpec::of(in.data(), in.size()), dynamic_, *backend_);
        } catch (const Error&) {
          fk = nullptr;
        }
        cache_.emplace_back(n, fk);
        slot = &cache_.back().second;
      }
      bool ran = false;
      if (*slot) {
        ++stats.guardChecks;
        if ((*slot)->guard(in.data(), in.size())) {
          out = (*slot)->run(in.data(), in.size());
          ++stats.compiled;
          ran = true;
        } else {
          ++stats.guardFailures;
        }
      } else {
        ++stats.fallbacks;
      }
      if (!ran) out = interpret(*sub, in);
    } else {
      // Any other node: a one-node graph in the interpreter.
      auto one = std::make_shared<ir::Graph>();
      std::vector<ir::Value*> args;
      for (ir::Value* v : n->inputs()) args.push_back(one->addInput()->setType(v->type()));
      size_t k = 0;
      ir::Node* c = one->createClone(n, [&](ir::Value*) { return args[k++]; });
      one->block()->appendNode(c);
      for (ir::Value* o : c->outputs()) one->registerOutput(o);
      out = interpret(*one, in);
    }
    for (size_t i = 0; i < n->outputs().size(); ++i) env[n->output(i)] = out[i];
  }
  std::vector<IValue> res;
  for (ir::Value* v : g_->outputs()) res.push_back(env.at(v));
  return res;
}

std::string compareValues(const IValue& expected, const IValue& actual) {
  if (!expected.isTensor() || !actual.isTensor()) return "not tensors";
  Tensor e = expected.toTensor(), a = actual.toTensor();
  if (e.dtype() != a.dtype())
    return fmt::format("dtype {} vs {}", dtypeName(e.dtype()), dtypeName(a.dtype()));
  if (e.sizes().vec() != a.sizes().vec())
    return fmt::format("sizes [{}] vs [{}]", fmt::join(e.sizes().vec(), ","), fmt::join(a.sizes().vec(), ","));
  Tensor ec = e.contiguous(), ac = a.contiguous();
  for (int64_t i = 0; i < ec.numel(); ++i) {
    Scalar x = ec.at(i), y = ac.at(i);
    if (isFloating(e.dtype())) {
      double xv = x.toDouble(), yv = y.toDouble();
      if (std::isnan(xv) && std::isnan(yv)) continue;
      if (std::isinf(xv) || std::isinf(yv)) {
        if (xv == yv) continue;
      } else {
        // float64 results may come from float32 intermediates.
        double tol = e.dtype() == DType::Float32 ? 2e-4 : 1e-5;
        if (std::fabs(xv - yv) <= tol + tol * std::fabs(xv)) continue;
      }
      return fmt::format("element {}: {} vs {}", i, xv, yv);
    }
    if (x.toInt() != y.toInt()) return fmt::format("element {}: {} vs {}", i, x.toInt(), y.toInt());
  }
  return "";
}

Tensor randomTensor(DType dtype, const std::vector<int64_t>& sizes, bool contiguous, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<int64_t> big = sizes;
  if (!contiguous && !big.empty()) big.back() = big.back() * 2 + 1;
  Tensor t = Tensor::empty(big, dtype);
  int64_t n = t.numel();
  std::uniform_real_distribution<double> uf(-3, 3);
  std::uniform_int_distribution<int64_t> ui(-6, 6);
  for (int64_t i = 0; i < n; ++i) {
    switch (dtype) {
      case DType::Float32: t.data<float>()[i] = static_cast<float>(uf(rng)); break;
      case DType::Float64: t.data<double>()[i] = uf(rng); break;
      case DType::Int32: t.data<int32_t>()[i] = static_cast<int32_t>(ui(rng)); break;
      case DType::Int64: t.data<int64_t>()[i] = ui(rng); break;
      case DType::Bool: t.data<bool>()[i] = ui(rng) > 0; break;
      default: WICK_FAIL("randomTensor: dtype {}", dtypeName(dtype));
    }
  }
  if (contiguous || sizes.empty()) return t;
  std::vector<int64_t> strides(sizes.size());
  std::vector<int64_t> bigStrides = t.strides().vec();
  for (size_t d = 0; d < sizes.size(); ++d) strides[d] = bigStrides[d];
  strides.back() = 2;
  return t.asStrided(sizes, strides, 1 % std::max<int64_t>(n, 1) ? 1 : 0);
}

}  // namespace wick::jit::testing
