// Types: both spellings, parsing, subtyping, unification, the types of
// run-time values and class types.
#include "ir/type.h"

#include <gtest/gtest.h>

#include "ir/graph.h"
#include "ir/schema.h"

namespace wick::ir {
namespace {

TypePtr T(TypeKind k) { return Type::get(k); }

TEST(TypeTest, Spellings) {
  EXPECT_EQ(Type::tensor()->str(), "Tensor");
  EXPECT_EQ(Type::list(T(TypeKind::Int))->str(), "int[]");
  EXPECT_EQ(Type::list(T(TypeKind::Int))->annotationStr(), "List[int]");
  EXPECT_EQ(Type::optional(Type::tensor())->str(), "Tensor?");
  EXPECT_EQ(Type::optional(Type::tensor())->annotationStr(), "Optional[Tensor]");
  EXPECT_EQ(Type::list(Type::optional(Type::tensor()))->str(), "Tensor?[]");
  EXPECT_EQ(Type::tuple({Type::tensor(), T(TypeKind::Int)})->str(), "(Tensor, int)");
  EXPECT_EQ(Type::tuple({Type::tensor(), T(TypeKind::Int)})->annotationStr(), "Tuple[Tensor, int]");
  EXPECT_EQ(Type::dict(T(TypeKind::Str), Type::tensor())->str(), "Dict(str, Tensor)");
  EXPECT_EQ(Type::dict(T(TypeKind::Str), Type::tensor())->annotationStr(), "Dict[str, Tensor]");
  EXPECT_EQ(Type::unionOf({T(TypeKind::Int), T(TypeKind::Str)})->str(), "Union(int, str)");
  EXPECT_EQ(Type::future(T(TypeKind::Int))->str(), "Future[int]");
  EXPECT_EQ(T(TypeKind::None)->str(), "NoneType");
  EXPECT_EQ(T(TypeKind::Number)->str(), "Scalar");
  EXPECT_EQ(Type::namedTuple("__torch__.P", {"a", "b"}, {T(TypeKind::Int), Type::tensor()})->str(),
            "NamedTuple(a : int, b : Tensor)");
  EXPECT_EQ(Type::optional(Type::optional(T(TypeKind::Int)))->str(), "int?");
}

TEST(TypeTest, TensorSpellings) {
  TensorInfo full;
  full.dtype = DType::Float32;
  full.sizes = std::vector<std::optional<int64_t>>{2, 3};
  full.strides = std::vector<std::optional<int64_t>>{3, 1};
  full.requires_grad = false;
  full.device = kCPU;
  EXPECT_EQ(Type::tensor(full)->str(), "Float(2, 3, strides=[3, 1], requires_grad=0, device=cpu)");
  TensorInfo sym;
  sym.sizes = std::vector<std::optional<int64_t>>{std::nullopt, 4};
  EXPECT_EQ(Type::tensor(sym)->str(), "Tensor(*, 4)");
  TensorInfo dtypeOnly;
  dtypeOnly.dtype = DType::Int64;
  EXPECT_EQ(Type::tensor(dtypeOnly)->str(), "LongTensor");
  TensorInfo scalar;
  scalar.dtype = DType::Int64;
  scalar.sizes.emplace();
  scalar.device = Device(DeviceType::CUDA, 0);
  EXPECT_EQ(Type::tensor(scalar)->str(), "Long(device=cuda:0)");
  EXPECT_EQ(Type::tensor(TensorInfo{})->str(), "Tensor");
}

TEST(TypeTest, ParseRoundTrips) {
  for (const char* s : {"Tensor",
                        "int[]",
                        "Tensor?[]",
                        "int[]?",
                        "(Tensor, int)",
                        "()",
                        "Dict(str, Tensor)",
                        "Dict(int, (Tensor, float[]))",
                        "Union(int, str)",
                        "Future[int]",
                        "NoneType",
                        "Float(2, 3, strides=[3, 1], requires_grad=0, device=cpu)",
                        "Tensor(*, 4)",
                        "LongTensor",
                        "Long(requires_grad=0, device=cpu)",
                        "Long()",
                        "Double(5, strides=[1], device=cuda:1)",
                        "NamedTuple(a : int, b : Tensor)",
                        "Device",
                        "Scalar",
                        "str[][]",
                        "Any",
                        "t",
                        "Generator"}) {
    SCOPED_TRACE(s);
    EXPECT_EQ(parseType(s)->str(), s);
  }
  EXPECT_EQ(parseType("List[Optional[int]]")->str(), "int?[]");
  EXPECT_EQ(parseType("Tuple[int, str]")->str(), "(int, str)");
  EXPECT_EQ(parseType("Dict[str, List[Tensor]]")->str(), "Dict(str, Tensor[])");
  EXPECT_EQ(parseType("__torch__.Foo")->kind(), TypeKind::Any);
  auto foo = std::make_shared<ClassType>("__torch__.Foo");
  EXPECT_EQ(parseType("__torch__.Foo[]",
                      [&](const std::string& n) -> TypePtr { return n == "__torch__.Foo" ? foo : nullptr; })
                ->str(),
            "__torch__.Foo[]");
}

TEST(TypeTest, ParseErrors) {
  for (const char* s : {"", "int[", "Dict(str)", "(int, ", "Float(2, strides=[1, 1])", "Tensor(device=gpu)",
                        "Float(2, bogus=1)", "int junk", "List[int", "Tensor(requires_grad=7)"}) {
    SCOPED_TRACE(s);
    EXPECT_THROW(parseType(s), Error);
  }
  EXPECT_THROW(parseType("Foo", [](const std::string&) { return TypePtr(); }), Error);
  std::string deep(500, '(');
  EXPECT_THROW(parseType(deep), Error);
}

TEST(TypeTest, Subtyping) {
  TypePtr i = T(TypeKind::Int), f = T(TypeKind::Float), n = T(TypeKind::None), t = Type::tensor();
  EXPECT_TRUE(i->isSubtypeOf(*T(TypeKind::Number)));
  EXPECT_TRUE(f->isSubtypeOf(*T(TypeKind::Number)));
  EXPECT_FALSE(T(TypeKind::Str)->isSubtypeOf(*T(TypeKind::Number)));
  EXPECT_TRUE(i->isSubtypeOf(*Type::optional(i)));
  EXPECT_TRUE(n->isSubtypeOf(*Type::optional(t)));
  EXPECT_FALSE(Type::optional(i)->isSubtypeOf(*i));
  EXPECT_TRUE(Type::list(i)->isSubtypeOf(*T(TypeKind::Any)));
  EXPECT_TRUE(parseType("Float(2, 3)")->isSubtypeOf(*t));
  EXPECT_TRUE(parseType("Float(2, 3)")->isSubtypeOf(*parseType("FloatTensor")));
  EXPECT_FALSE(parseType("Long(2, 3)")->isSubtypeOf(*parseType("FloatTensor")));
  EXPECT_FALSE(t->isSubtypeOf(*parseType("Float(2, 3)")));
  EXPECT_TRUE(parseType("(Float(2), int)")->isSubtypeOf(*parseType("(Tensor, Scalar)")));
  EXPECT_FALSE(Type::list(i)->isSubtypeOf(*Type::list(T(TypeKind::Number))));
  EXPECT_TRUE(parseType("Float(2)[]")->isSubtypeOf(*parseType("Tensor[]")));
  EXPECT_TRUE(i->isSubtypeOf(*parseType("Union(int, str)")));
  EXPECT_TRUE(parseType("int?")->isSubtypeOf(*parseType("Union(int, str, NoneType)")));
  EXPECT_TRUE(parseType("int[]")->isSubtypeOf(*parseType("t[]")));
}

TEST(TypeTest, Unify) {
  TypePtr i = T(TypeKind::Int), n = T(TypeKind::None);
  EXPECT_EQ(unifyTypes(i, i)->str(), "int");
  EXPECT_EQ(unifyTypes(i, n)->str(), "int?");
  EXPECT_EQ(unifyTypes(n, Type::optional(i))->str(), "int?");
  EXPECT_EQ(unifyTypes(parseType("Float(2, 3)"), parseType("Float(2, 4)"))->str(), "Float(2, *)");
  EXPECT_EQ(unifyTypes(parseType("Float(2)"), parseType("Long(2, 2)"))->str(), "Tensor");
  EXPECT_EQ(unifyTypes(parseType("(int, Float(1))"), parseType("(int, Float(2))"))->str(), "(int, Float(*))");
  EXPECT_EQ(unifyTypes(i, T(TypeKind::Str)), nullptr);
  EXPECT_EQ(unifyTypes(Type::list(i), Type::list(T(TypeKind::Float))), nullptr);
}

TEST(TypeTest, ValuesAndTheirTypes) {
  EXPECT_EQ(typeOfValue(IValue(int64_t{3}))->str(), "int");
  EXPECT_EQ(typeOfValue(IValue(2.5))->str(), "float");
  EXPECT_EQ(typeOfValue(IValue())->str(), "NoneType");
  EXPECT_EQ(typeOfValue(IValue(makeList({IValue(1), IValue(2)})))->str(), "int[]");
  EXPECT_EQ(typeOfValue(IValue(makeTuple({IValue("a"), IValue(true)})))->str(), "(str, bool)");
  EXPECT_EQ(typeOfValue(IValue(Tensor::zeros({2, 3}, DType::Float32)))->str(),
            "Float(2, 3, strides=[3, 1], device=cpu)");
  auto d = makeDict();
  d->insert(IValue("k"), IValue(1.0));
  EXPECT_EQ(typeOfValue(IValue(d))->str(), "Dict(str, float)");

  EXPECT_TRUE(valueMatchesType(IValue(1), *parseType("int?")));
  EXPECT_TRUE(valueMatchesType(IValue(), *parseType("int?")));
  EXPECT_FALSE(valueMatchesType(IValue(1.5), *parseType("int")));
  EXPECT_TRUE(valueMatchesType(IValue(1.5), *parseType("Scalar")));
  EXPECT_TRUE(valueMatchesType(IValue(makeList({IValue(1)})), *parseType("int[]")));
  EXPECT_FALSE(valueMatchesType(IValue(makeList({IValue("x")})), *parseType("int[]")));
  EXPECT_TRUE(valueMatchesType(IValue(Tensor::zeros({2}, DType::Float32)), *parseType("Float(*)")));
  EXPECT_FALSE(valueMatchesType(IValue(Tensor::zeros({2}, DType::Float32)), *parseType("LongTensor")));
  EXPECT_TRUE(valueMatchesType(IValue(makeTuple({IValue(1), IValue("s")})), *parseType("(int, str)")));
}

TEST(TypeTest, ClassTypes) {
  auto cls = std::make_shared<ClassType>("__torch__.M", true);
  EXPECT_EQ(cls->addAttribute("weight", Type::tensor(), true), 0u);
  EXPECT_EQ(cls->addAttribute("count", T(TypeKind::Int)), 1u);
  EXPECT_EQ(cls->addAttribute("weight", Type::tensor()), 0u);
  EXPECT_EQ(cls->findAttribute("count"), 1);
  EXPECT_EQ(cls->findAttribute("nope"), -1);
  EXPECT_TRUE(cls->attributes()[0].isParameter);
  EXPECT_EQ(cls->str(), "__torch__.M");
  EXPECT_TRUE(cls->isSubtypeOf(*T(TypeKind::Module)));
  EXPECT_TRUE(cls->equals(ClassType("__torch__.M")));
  cls->addMethod(std::make_shared<Function>("__torch__.M.forward", std::make_shared<Graph>()));
  ASSERT_NE(cls->findMethod("forward"), nullptr);
  EXPECT_EQ(cls->findMethod("forward")->name(), "forward");
  EXPECT_EQ(cls->findMethod("other"), nullptr);
  EXPECT_THROW(cls->addMethod(std::make_shared<Function>("__torch__.M.forward", std::make_shared<Graph>())),
               Error);

  auto obj = makeRef<Object>(cls);
  EXPECT_TRUE(valueMatchesType(IValue(obj), *cls));
  EXPECT_EQ(typeOfValue(IValue(obj)).get(), cls.get());
}

}  // namespace
}  // namespace wick::ir
