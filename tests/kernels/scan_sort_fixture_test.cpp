// cumsum, cumprod, sort, argsort and topk through the registry against
// PyTorch 1.13's results (tests/data/kernels/scan_sort.txt, made by
// scripts/make_kernel_fixtures.py).
#include <gtest/gtest.h>

#include "tests/kernels/kernel_fixture_util.h"

namespace wick::testing {
namespace {

class ScanSortFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(ScanSortFixture, MatchesPyTorch) { runFixtureCase(fixtureCase("scan_sort.txt", GetParam())); }

INSTANTIATE_TEST_SUITE_P(PyTorch, ScanSortFixture, ::testing::ValuesIn(fixtureCaseNames("scan_sort.txt")),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace wick::testing
