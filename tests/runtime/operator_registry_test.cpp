// The operator registry: lookup, overload resolution by argument types and
// its error messages.
#include <gtest/gtest.h>

#include "ir/schema.h"
#include "runtime/operator.h"
#include "tests/runtime/runtime_test_util.h"

namespace wick {
namespace {

using ir::Type;
using ir::TypeKind;
using ir::TypePtr;

TypePtr T(TypeKind k) { return Type::get(k); }
TypePtr tensorT() { return Type::tensor(); }
TypePtr intT() { return T(TypeKind::Int); }
TypePtr floatT() { return T(TypeKind::Float); }
TypePtr boolT() { return T(TypeKind::Bool); }
TypePtr strT() { return T(TypeKind::Str); }
TypePtr noneT() { return T(TypeKind::None); }

std::string resolved(const std::string& name, const std::vector<TypePtr>& types) {
  std::string why;
  const Operator* op = OperatorRegistry::global().resolve(ir::Symbol::fromQualString(name), types, &why);
  return op ? op->schema.qualifiedOverloadName() : "none: " + why;
}

TEST(OperatorRegistry, ResolvesScalarArithmeticByExactTypes) {
  EXPECT_EQ(resolved("aten::add", {intT(), intT()}), "aten::add.int");
  EXPECT_EQ(resolved("aten::add", {floatT(), floatT()}), "aten::add.float");
  EXPECT_EQ(resolved("aten::add", {floatT(), intT()}), "aten::add.float_int");
  EXPECT_EQ(resolved("aten::add", {intT(), floatT()}), "aten::add.int_float");
  EXPECT_EQ(resolved("aten::add", {strT(), strT()}), "aten::add.str");
  EXPECT_EQ(resolved("aten::add", {Type::list(intT()), Type::list(intT())}), "aten::add.t");
  EXPECT_EQ(resolved("aten::remainder", {intT(), intT()}), "aten::remainder.int");
  EXPECT_EQ(resolved("aten::div", {intT(), intT()}), "aten::div.int");
  // No mixed overload of div: the Scalar one accepts both.
  EXPECT_EQ(resolved("aten::div", {intT(), floatT()}), "aten::div");
  EXPECT_EQ(resolved("aten::add", {T(TypeKind::Number), intT()}), "aten::add");
  EXPECT_EQ(resolved("aten::eq", {strT(), strT()}), "aten::eq.str");
  EXPECT_EQ(resolved("aten::eq", {boolT(), boolT()}), "aten::eq.bool");
  EXPECT_EQ(resolved("aten::eq", {Type::list(intT()), Type::list(intT())}), "aten::eq.int_list");
  EXPECT_EQ(resolved("prim::max", {intT(), floatT()}), "prim::max.int_float");
  EXPECT_EQ(resolved("prim::max", {Type::list(intT())}), "prim::max.self_int");
}

TEST(OperatorRegistry, ResolvesTensorOverloadsWithDefaults) {
  // The tensor families come from the kernels layer; skip when absent.
  if (!OperatorRegistry::global().findOverload("aten::add.Tensor"))
    GTEST_SKIP() << "tensor ops not registered";
  EXPECT_EQ(resolved("aten::add", {tensorT(), tensorT(), intT()}), "aten::add.Tensor");
  EXPECT_EQ(resolved("aten::add", {tensorT(), tensorT()}), "aten::add.Tensor");
  EXPECT_EQ(resolved("aten::add", {tensorT(), floatT()}), "aten::add.Scalar");
  EXPECT_EQ(resolved("aten::mul", {tensorT(), floatT()}), "aten::mul.Scalar");
}

TEST(OperatorRegistry, ResolvesContainersAndTypeVariables) {
  EXPECT_EQ(resolved("aten::len", {Type::list(tensorT())}), "aten::len.t");
  EXPECT_EQ(resolved("aten::len", {strT()}), "aten::len.str");
  EXPECT_EQ(resolved("aten::len", {Type::dict(strT(), intT())}), "aten::len.Dict_str");
  EXPECT_EQ(resolved("aten::len", {Type::dict(intT(), tensorT())}), "aten::len.Dict_int");
  EXPECT_EQ(resolved("aten::__getitem__", {Type::list(floatT()), intT()}), "aten::__getitem__.t");
  EXPECT_EQ(resolved("aten::__getitem__", {Type::dict(strT(), tensorT()), strT()}), "aten::__getitem__.Dict_str");
  EXPECT_EQ(resolved("aten::__contains__", {Type::dict(strT(), intT()), strT()}), "aten::__contains__.str");
  EXPECT_EQ(resolved("aten::__contains__", {Type::list(intT()), intT()}), "aten::__contains__.int_list");
  EXPECT_EQ(resolved("aten::_set_item", {Type::list(intT()), intT(), intT()}), "aten::_set_item.t");
  EXPECT_EQ(resolved("aten::_set_item", {Type::dict(strT(), intT()), strT(), intT()}), "aten::_set_item.str");
  EXPECT_EQ(resolved("prim::TupleIndex", {Type::tuple({intT(), strT()}), intT()}), "prim::TupleIndex");
  // Optional arguments take None or the value; defaults fill the rest.
  EXPECT_EQ(resolved("aten::slice", {Type::list(intT()), intT(), noneT(), intT()}), "aten::slice.t");
  EXPECT_EQ(resolved("aten::slice", {Type::list(intT())}), "aten::slice.t");
  EXPECT_EQ(resolved("prim::RaiseException", {strT(), strT()}), "prim::RaiseException");
  EXPECT_EQ(resolved("prim::RaiseException", {strT()}), "prim::RaiseException");
  // Vararg schemas accept any number of trailing arguments.
  EXPECT_EQ(resolved("aten::format", {strT(), intT(), floatT()}), "aten::format");
}

TEST(OperatorRegistry, ResolutionFailuresNameTheOpTypesAndCandidates) {
  std::string unknown = resolved("aten::no_such_op", {intT()});
  EXPECT_NE(unknown.find("unknown operator aten::no_such_op"), std::string::npos) << unknown;
  EXPECT_NE(unknown.find("(int)"), std::string::npos) << unknown;

  std::string noMatch = resolved("aten::floordiv", {strT(), intT()});
  EXPECT_NE(noMatch.find("aten::floordiv"), std::string::npos) << noMatch;
  EXPECT_NE(noMatch.find("(str, int)"), std::string::npos) << noMatch;
  EXPECT_NE(noMatch.find("aten::floordiv.int(int a, int b) -> int"), std::string::npos) << noMatch;
  // Too few arguments (no defaults) and too many do not match.
  EXPECT_EQ(resolved("aten::add", {intT()}).rfind("none", 0), 0u);
  EXPECT_EQ(resolved("aten::neg", {intT(), intT()}).rfind("none", 0), 0u);
}

TEST(OperatorRegistry, FindsOverloadsByQualifiedName) {
  auto& r = OperatorRegistry::global();
  const Operator* op = r.findOverload("aten::add.int");
  ASSERT_NE(op, nullptr);
  EXPECT_EQ(op->schema.name, "aten::add");
  EXPECT_EQ(op->schema.overload, "int");
  EXPECT_EQ(op->schemaText, "aten::add.int(int a, int b) -> int");
  ASSERT_NE(r.findOverload("aten::remainder"), nullptr);  // the Scalar overload has no name
  EXPECT_EQ(r.findOverload("aten::add.nonexistent"), nullptr);
  EXPECT_GE(r.overloads(ir::Symbol::fromQualString("aten::add")).size(), 7u);
  EXPECT_TRUE(r.overloads(ir::Symbol::fromQualString("aten::zzz")).empty());
  EXPECT_GT(r.all().size(), 300u);
}

TEST(OperatorRegistry, RejectsDuplicatesAndBadSchemas) {
  OperatorRegistry r;
  r.add("test::f.int(int a) -> int", +[](Stack&) {});
  EXPECT_THROW(r.add("test::f.int(int a) -> int", +[](Stack&) {}), Error);
  EXPECT_THROW(r.add("test::g(int a -> int", +[](Stack&) {}), Error);
  r.add("test::f.float(float a) -> float", +[](Stack&) {});
  std::string why;
  const Operator* op = r.resolve(ir::Symbol::fromQualString("test::f"), {floatT()}, &why);
  ASSERT_NE(op, nullptr);
  EXPECT_EQ(op->schema.overload, "float");
}

TEST(OperatorRegistry, EveryBuiltinSchemaRoundTrips) {
  // Each registered schema prints back to text that names the same overload.
  for (const Operator* op : OperatorRegistry::global().all()) {
    ir::FunctionSchema again = ir::parseSchema(op->schema.str());
    EXPECT_EQ(again.qualifiedOverloadName(), op->schema.qualifiedOverloadName()) << op->schemaText;
    EXPECT_EQ(again.arguments.size(), op->schema.arguments.size()) << op->schemaText;
  }
}

}  // namespace
}  // namespace wick
