// Operator schemas: real ATen schemas parse and print back as PyTorch 1.13
// prints them; fields, defaults and errors.
#include "ir/schema.h"

#include <gtest/gtest.h>

#include <cmath>

namespace wick::ir {
namespace {

// str(schema) from PyTorch 1.13, with SymInt spelled int (Wick has no
// symbolic ints).
const char* kAtenSchemas[] = {
    "aten::add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor",
    "aten::add_.Tensor(Tensor(a!) self, Tensor other, *, Scalar alpha=1) -> Tensor(a!)",
    "aten::add.out(Tensor self, Tensor other, *, Scalar alpha=1, Tensor(a!) out) -> Tensor(a!)",
    "aten::conv2d(Tensor input, Tensor weight, Tensor? bias=None, int[2] stride=1, int[2] padding=0, int[2] "
    "dilation=1, int groups=1) -> Tensor",
    "aten::max_pool2d(Tensor self, int[2] kernel_size, int[2] stride=[], int[2] padding=0, int[2] "
    "dilation=1, bool ceil_mode=False) -> Tensor",
    "aten::layer_norm(Tensor input, int[] normalized_shape, Tensor? weight=None, Tensor? bias=None, float "
    "eps=1.0000000000000001e-05, bool cudnn_enable=True) -> Tensor",
    "aten::append.t(t[](a!) self, t(c -> *) el) -> t[](a!)",
    "aten::split.Tensor(Tensor(a -> *) self, int split_size, int dim=0) -> Tensor(a)[]",
    "aten::max.dim(Tensor self, int dim, bool keepdim=False) -> (Tensor values, Tensor indices)",
    "aten::sum.dim_IntList(Tensor self, int[1]? dim, bool keepdim=False, *, ScalarType? dtype=None) -> "
    "Tensor",
    "aten::to.dtype(Tensor(a) self, ScalarType dtype, bool non_blocking=False, bool copy=False, "
    "MemoryFormat? memory_format=None) -> Tensor(a)",
    "aten::zeros(int[] size, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? "
    "pin_memory=None) -> Tensor",
    "aten::contiguous(Tensor(a) self, *, MemoryFormat memory_format=0) -> Tensor(a)",
    "aten::binary_cross_entropy(Tensor self, Tensor target, Tensor? weight=None, int reduction=1) -> Tensor",
    "aten::__getitem__.Dict_str(Dict(str, t) self, str key) -> t(*)",
    "aten::items.str(Dict(str, t) self) -> ((str, t)[])",
    "aten::index.Tensor(Tensor self, Tensor?[] indices) -> Tensor",
    "aten::cat(Tensor[] tensors, int dim=0) -> Tensor",
    "aten::gelu(Tensor self, *, str approximate=\"none\") -> Tensor",
    "aten::copy_(Tensor(a!) self, Tensor src, bool non_blocking=False) -> Tensor(a!)",
    "aten::format(str self, ...) -> str",
    "aten::_set_item.t(t[](a!) l, int idx, t(b -> *) el) -> t[](a!)",
    "aten::embedding(Tensor weight, Tensor indices, int padding_idx=-1, bool scale_grad_by_freq=False, bool "
    "sparse=False) -> Tensor",
    "aten::batch_norm(Tensor input, Tensor? weight, Tensor? bias, Tensor? running_mean, Tensor? running_var, "
    "bool training, float momentum, float eps, bool cudnn_enabled) -> Tensor",
    "aten::upsample_nearest2d.vec(Tensor input, int[]? output_size, float[]? scale_factors) -> Tensor",
    "aten::slice.Tensor(Tensor(a) self, int dim=0, int? start=None, int? end=None, int step=1) -> Tensor(a)",
    "aten::var_mean.correction(Tensor self, int[1]? dim, *, int? correction, bool keepdim=False) -> (Tensor, "
    "Tensor)",
    "aten::topk(Tensor self, int k, int dim=-1, bool largest=True, bool sorted=True) -> (Tensor values, "
    "Tensor indices)",
    "aten::arange.start(Scalar start, Scalar end, *, ScalarType? dtype=None, Layout? layout=None, Device? "
    "device=None, bool? pin_memory=None) -> Tensor",
    "aten::dict.str((str, tVal)[] inputs) -> Dict(str, tVal)",
    "aten::lstm.input(Tensor input, Tensor[] hx, Tensor[] params, bool has_biases, int num_layers, float "
    "dropout, bool train, bool bidirectional, bool batch_first) -> (Tensor, Tensor, Tensor)",
    "aten::randint.low(int low, int high, int[] size, *, ScalarType? dtype=4, Layout? layout=None, Device? "
    "device=None, bool? pin_memory=None) -> Tensor",
    "aten::__is__(t1 self, t2 obj) -> bool",
    "aten::keys.str(Dict(str, t) self) -> str[](*)",
    "aten::warn(str message, int stacklevel=2) -> ()",
    "aten::clamp(Tensor self, Scalar? min=None, Scalar? max=None) -> Tensor",
};

TEST(SchemaTest, AtenSchemasRoundTrip) {
  for (const char* text : kAtenSchemas) {
    SCOPED_TRACE(text);
    FunctionSchema s = parseSchema(text);
    EXPECT_EQ(s.str(), text);
    EXPECT_EQ(parseSchema(s.str()).str(), text);
  }
}

TEST(SchemaTest, Fields) {
  FunctionSchema s =
      parseSchema("aten::add_.Tensor(Tensor(a!) self, Tensor other, *, Scalar alpha=1) -> Tensor(a!)");
  EXPECT_EQ(s.name, "aten::add_");
  EXPECT_EQ(s.overload, "Tensor");
  EXPECT_EQ(s.qualifiedOverloadName(), "aten::add_.Tensor");
  ASSERT_EQ(s.arguments.size(), 3u);
  EXPECT_TRUE(s.isMutable());
  ASSERT_TRUE(s.arguments[0].alias.has_value());
  EXPECT_EQ(s.arguments[0].alias->set, "a");
  EXPECT_TRUE(s.arguments[0].alias->isWrite);
  EXPECT_FALSE(s.arguments[1].kwargOnly);
  EXPECT_TRUE(s.arguments[2].kwargOnly);
  EXPECT_EQ(s.arguments[2].type->kind(), TypeKind::Number);
  EXPECT_EQ(s.arguments[2].defaultValue->toInt(), 1);
  EXPECT_FALSE(parseSchema("aten::relu(Tensor self) -> Tensor").isMutable());

  FunctionSchema split =
      parseSchema("aten::split.Tensor(Tensor(a -> *) self, int split_size, int dim=0) -> Tensor(a)[]");
  EXPECT_EQ(split.arguments[0].alias->afterSet, "*");
  EXPECT_FALSE(split.returns[0].alias.has_value());
  EXPECT_EQ(split.returns[0].elementAlias->set, "a");
  EXPECT_EQ(split.returns[0].type->str(), "Tensor[]");

  FunctionSchema fmt = parseSchema("aten::format(str self, ...) -> str");
  EXPECT_TRUE(fmt.isVararg);
  EXPECT_FALSE(fmt.isVarret);
  EXPECT_TRUE(parseSchema("prim::PythonOp(...) -> ...").isVarret);
}

TEST(SchemaTest, NativeFunctionsDefaults) {
  FunctionSchema s = parseSchema(
      "aten::f(int[2] stride=[0,1], int[2] pad=1, float eps=1e-05, float alpha=1, str r='mean', "
      "MemoryFormat m=contiguous_format, int reduction=Mean, ScalarType dtype=long, bool b=True, "
      "float lo=-inf, int[] e=[]) -> Tensor");
  const auto& a = s.arguments;
  EXPECT_EQ(a[0].fixedLength, 2);
  EXPECT_EQ(a[0].defaultValue->repr(), "[0, 1]");
  EXPECT_EQ(a[1].defaultValue->repr(), "[1, 1]");
  EXPECT_DOUBLE_EQ(a[2].defaultValue->toDouble(), 1e-5);
  EXPECT_TRUE(a[3].defaultValue->isDouble());
  EXPECT_EQ(a[4].defaultValue->toStringRef(), "mean");
  EXPECT_EQ(a[5].defaultValue->toInt(), 0);
  EXPECT_EQ(a[6].defaultValue->toInt(), 1);
  EXPECT_EQ(a[7].defaultValue->toInt(), 4);
  EXPECT_TRUE(a[8].defaultValue->toBool());
  EXPECT_TRUE(std::isinf(a[9].defaultValue->toDouble()));
  EXPECT_TRUE(a[10].defaultValue->listRef().elements.empty());
  EXPECT_EQ(
      s.str(),
      "aten::f(int[2] stride=[0, 1], int[2] pad=1, float eps=1.0000000000000001e-05, float alpha=1., "
      "str r=\"mean\", MemoryFormat m=0, int reduction=1, ScalarType dtype=4, bool b=True, float lo=-inf, "
      "int[] e=[]) -> Tensor");
  EXPECT_EQ(parseSchema(s.str()).str(), s.str());
}

void expectSchemaError(const std::string& text, const std::string& fragment) {
  try {
    parseSchema(text);
    FAIL() << "no error for " << text;
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("<schema>:1:"), std::string::npos) << e.what();
  }
}

TEST(SchemaTest, Errors) {
  expectSchemaError("add(Tensor self) -> Tensor", "expected '::'");
  expectSchemaError("aten::add(Tensor self -> Tensor", "expected ','");
  expectSchemaError("aten::add(Tensor self)", "expected '->'");
  expectSchemaError("aten::add(Tensor self, ..., int x) -> Tensor", "'...' must be the last");
  expectSchemaError("aten::add(Tensor self=bogus) -> Tensor", "unknown default value 'bogus'");
  expectSchemaError("aten::add(Tensor(a! self) -> Tensor", "expected ')'");
  expectSchemaError("aten::add(Tensor self) -> Tensor junk junk", "unexpected");
  expectSchemaError("aten::add(str s=\"abc) -> Tensor", "unterminated string");
  expectSchemaError("aten::add(List[int) -> Tensor", "expected");
}

}  // namespace
}  // namespace wick::ir
