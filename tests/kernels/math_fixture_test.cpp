// Rounding, sign, exp/log variants, isnan/isinf, fmod, atan2, lerp and
// addcmul/addcdiv through the registry against PyTorch 1.13's results
// (tests/data/kernels/math.txt, made by scripts/make_kernel_fixtures.py).
#include <gtest/gtest.h>

#include "tests/kernels/kernel_fixture_util.h"

namespace wick::testing {
namespace {

class MathFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(MathFixture, MatchesPyTorch) { runFixtureCase(fixtureCase("math.txt", GetParam())); }

INSTANTIATE_TEST_SUITE_P(PyTorch, MathFixture, ::testing::ValuesIn(fixtureCaseNames("math.txt")),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace wick::testing
