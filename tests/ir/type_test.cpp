// Types: printing in both spellings, parsing, subtyping and unification.
#include <gtest/gtest.h>

#include "ir/schema.h"
#include "ir/type.h"

namespace wick::ir {
namespace {

TEST(TypeTest, Placeholder) { EXPECT_EQ(Type::tensor()->str(), "Tensor"); }

}  // namespace
}  // namespace wick::ir
