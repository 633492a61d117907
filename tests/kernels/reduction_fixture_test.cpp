// reduction ops through the registry against PyTorch 1.13's results
// (tests/data/kernels/reduction.txt, made by scripts/make_kernel_fixtures.py).
#include <gtest/gtest.h>

#include "tests/kernels/kernel_fixture_util.h"

namespace wick::testing {
namespace {

class ReductionFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(ReductionFixture, MatchesPyTorch) { runFixtureCase(fixtureCase("reduction.txt", GetParam())); }

INSTANTIATE_TEST_SUITE_P(PyTorch, ReductionFixture, ::testing::ValuesIn(fixtureCaseNames("reduction.txt")),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace wick::testing
