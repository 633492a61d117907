// One compiled Code run by many threads at once: each run has its own
// frame, so results match the single-threaded ones.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "tests/runtime/runtime_test_util.h"

namespace wick {
namespace {

TEST(InterpreterConcurrency, EightThreadsShareOneCode) {
  auto scalar = testing::compileFixture("loop_a");
  auto lists = testing::compileFixture("lists");
  auto strings = testing::compileFixture("strings");
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        int64_t n = 100 + (t * 50 + i) % 7;
        double expected = 0;
        {
          // Recompute the scalar loop in C++ as the reference.
          int64_t k = 0;
          for (int64_t j = 0; j < n; ++j) {
            k = (k * 31 + j) % 1000003;
            expected = k % 3 == 0 ? expected + double(k) * 0.5 : expected - 1.25;
          }
        }
        if (scalar->run({IValue(n)})[0].toDouble() != expected) ++failures;
        IValue l = lists->run({IValue(int64_t(5))})[0];
        if (l.listRef().elements.size() != 6 || l.listRef().elements[3].toInt() != 7) ++failures;
        if (strings->run({IValue("x"), IValue(int64_t(3))})[0].toStringRef() != "x012-4") ++failures;
        try {
          lists->run({IValue(int64_t(0))});
          ++failures;
        } catch (const Error&) {
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
}

TEST(InterpreterConcurrency, FunctionCompiledOnceAcrossThreads) {
  auto graph = testing::compileFixture("loop_a")->graph().copy();
  ir::Function fn("__torch__.loop_a", graph);
  std::vector<std::shared_ptr<const Code>> seen(8);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] { seen[t] = codeFor(fn); });
  for (auto& th : threads) th.join();
  for (const auto& c : seen) EXPECT_EQ(c.get(), seen[0].get());
  EXPECT_EQ(seen[0]->run({IValue(int64_t(1000))})[0].toDouble(), 87055753.25);  // PyTorch
}

TEST(InterpreterConcurrency, TensorLoopFromManyThreads) {
  if (!OperatorRegistry::global().findOverload("aten::mul.Scalar")) GTEST_SKIP() << "tensor ops not registered";
  auto code = testing::compileFixture("tensor_loop");
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 100; ++i) {
        Tensor x = Tensor::full({1}, Scalar(4.0), DType::Float32);
        Tensor out = code->run({x, IValue(int64_t(2))})[0].toTensor();
        if (out.item().toDouble() != 2.5) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace wick
