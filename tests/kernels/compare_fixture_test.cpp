// compare ops through the registry against PyTorch 1.13's results
// (tests/data/kernels/compare.txt, made by scripts/make_kernel_fixtures.py).
#include <gtest/gtest.h>

#include "tests/kernels/kernel_fixture_util.h"

namespace wick::testing {
namespace {

class CompareFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(CompareFixture, MatchesPyTorch) { runFixtureCase(fixtureCase("compare.txt", GetParam())); }

INSTANTIATE_TEST_SUITE_P(PyTorch, CompareFixture, ::testing::ValuesIn(fixtureCaseNames("compare.txt")),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace wick::testing
