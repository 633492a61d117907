// F.interpolate modes beyond 2-D nearest/bilinear and adaptive_avg_pool3d through the registry against PyTorch 1.13's results
// (tests/data/kernels/resample_extra.txt, made by scripts/make_kernel_fixtures.py).
#include <gtest/gtest.h>

#include "tests/kernels/kernel_fixture_util.h"

namespace wick::testing {
namespace {

class ResampleExtraFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(ResampleExtraFixture, MatchesPyTorch) { runFixtureCase(fixtureCase("resample_extra.txt", GetParam())); }

INSTANTIATE_TEST_SUITE_P(PyTorch, ResampleExtraFixture, ::testing::ValuesIn(fixtureCaseNames("resample_extra.txt")),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace wick::testing
