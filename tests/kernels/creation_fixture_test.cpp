// creation ops through the registry against PyTorch 1.13's results
// (tests/data/kernels/creation.txt, made by scripts/make_kernel_fixtures.py).
#include <gtest/gtest.h>

#include "tests/kernels/kernel_fixture_util.h"

namespace wick::testing {
namespace {

class CreationFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(CreationFixture, MatchesPyTorch) { runFixtureCase(fixtureCase("creation.txt", GetParam())); }

INSTANTIATE_TEST_SUITE_P(PyTorch, CreationFixture, ::testing::ValuesIn(fixtureCaseNames("creation.txt")),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace wick::testing
