// shape ops through the registry against PyTorch 1.13's results
// (tests/data/kernels/shape.txt, made by scripts/make_kernel_fixtures.py).
#include <gtest/gtest.h>

#include "tests/kernels/kernel_fixture_util.h"

namespace wick::testing {
namespace {

class ShapeFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(ShapeFixture, MatchesPyTorch) { runFixtureCase(fixtureCase("shape.txt", GetParam())); }

INSTANTIATE_TEST_SUITE_P(PyTorch, ShapeFixture, ::testing::ValuesIn(fixtureCaseNames("shape.txt")),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace wick::testing
