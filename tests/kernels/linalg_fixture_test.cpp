// linalg ops through the registry against PyTorch 1.13's results
// (tests/data/kernels/linalg.txt, made by scripts/make_kernel_fixtures.py).
#include <gtest/gtest.h>

#include "tests/kernels/kernel_fixture_util.h"

namespace wick::testing {
namespace {

class LinalgFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(LinalgFixture, MatchesPyTorch) { runFixtureCase(fixtureCase("linalg.txt", GetParam())); }

INSTANTIATE_TEST_SUITE_P(PyTorch, LinalgFixture, ::testing::ValuesIn(fixtureCaseNames("linalg.txt")),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace wick::testing
