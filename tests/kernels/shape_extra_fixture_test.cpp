// data-movement ops (repeat, flip, roll, einsum, triu, movedim, ...) through the registry against PyTorch 1.13's results
// (tests/data/kernels/shape_extra.txt, made by scripts/make_kernel_fixtures.py).
#include <gtest/gtest.h>

#include "tests/kernels/kernel_fixture_util.h"

namespace wick::testing {
namespace {

class ShapeExtraFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(ShapeExtraFixture, MatchesPyTorch) { runFixtureCase(fixtureCase("shape_extra.txt", GetParam())); }

INSTANTIATE_TEST_SUITE_P(PyTorch, ShapeExtraFixture, ::testing::ValuesIn(fixtureCaseNames("shape_extra.txt")),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace wick::testing
