// elementwise ops through the registry against PyTorch 1.13's results
// (tests/data/kernels/elementwise.txt, made by scripts/make_kernel_fixtures.py).
#include <gtest/gtest.h>

#include "tests/kernels/kernel_fixture_util.h"

namespace wick::testing {
namespace {

class ElementwiseFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(ElementwiseFixture, MatchesPyTorch) { runFixtureCase(fixtureCase("elementwise.txt", GetParam())); }

INSTANTIATE_TEST_SUITE_P(PyTorch, ElementwiseFixture, ::testing::ValuesIn(fixtureCaseNames("elementwise.txt")),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace wick::testing
