// Recurrent ops (aten::lstm/gru/rnn_tanh/rnn_relu, padded and packed, and
// their cells) against tests/data/rnn/cases.txt (written by
// scripts/make_rnn_fixtures.py from PyTorch), plus the errors bad shapes and
// arguments must raise.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/kernels/kernel_fixture_util.h"
#include "runtime/operator.h"
#include "wick/tensor.h"

namespace wick::testing {
namespace {

struct RnnCase {
  std::string name, overload;
  double rtol = 0, atol = 0;
  std::vector<IValue> args;
  std::vector<Tensor> outs;
};

// "<dtype> <ndim> <sizes...> <values...>" (after the line's kind markers).
Tensor readTensor(std::istringstream& in) {
  std::string dt;
  int64_t ndim = 0;
  in >> dt >> ndim;
  DimVector sizes;
  for (int64_t d = 0; d < ndim; ++d) {
    int64_t s = 0;
    in >> s;
    sizes.push_back(s);
  }
  DType type = dt == "float32" ? DType::Float32 : dt == "float64" ? DType::Float64 : DType::Int64;
  Tensor t = Tensor::empty(sizes, type);
  for (int64_t k = 0; k < t.numel(); ++k) {
    if (type == DType::Int64) {
      in >> t.data<int64_t>()[k];
    } else {
      std::string v;
      in >> v;
      if (type == DType::Float32) t.data<float>()[k] = std::stof(v);
      else t.data<double>()[k] = std::stod(v);
    }
  }
  if (in.fail()) throw std::runtime_error("rnn fixture: truncated tensor line");
  return t;
}

std::vector<RnnCase> loadCases() {
  std::ifstream f(std::string(WICK_TEST_DATA_DIR) + "/rnn/cases.txt");
  if (!f) throw std::runtime_error("cannot open tests/data/rnn/cases.txt");
  std::vector<RnnCase> cases;
  std::string line;
  RnnCase cur;
  while (std::getline(f, line)) {
    std::istringstream in(line);
    std::string tag;
    in >> tag;
    if (tag == "case") {
      cur = RnnCase();
      in >> cur.name >> cur.overload >> cur.rtol >> cur.atol;
    } else if (tag == "arg") {
      std::string kind;
      in >> kind;
      if (kind == "T") {
        cur.args.emplace_back(readTensor(in));
      } else if (kind == "U") {
        int n = 0;
        in >> n;
        std::vector<IValue> elems;
        for (int i = 0; i < n; ++i) {
          std::getline(f, line);
          std::istringstream tin(line);
          std::string item, kind2;
          tin >> item >> kind2;
          elems.emplace_back(readTensor(tin));
        }
        cur.args.emplace_back(makeList(std::move(elems)));
      } else if (kind == "B") {
        int b = 0;
        in >> b;
        cur.args.emplace_back(b != 0);
      } else if (kind == "I") {
        int64_t i = 0;
        in >> i;
        cur.args.emplace_back(i);
      } else if (kind == "F") {
        std::string v;
        in >> v;
        cur.args.emplace_back(std::stod(v));
      } else {
        cur.args.emplace_back();
      }
    } else if (tag == "out") {
      std::string kind;
      in >> kind;
      cur.outs.push_back(readTensor(in));
    } else if (tag == "end") {
      cases.push_back(std::move(cur));
    }
  }
  return cases;
}

const std::vector<RnnCase>& allCases() {
  // Never destroyed: the allocator's per-thread cache dies before static
  // destructors run, so freeing tensors from one at exit corrupts the heap.
  static const std::vector<RnnCase>* cases = new std::vector<RnnCase>(loadCases());
  return *cases;
}

std::vector<std::string> caseNames() {
  std::vector<std::string> names;
  for (const RnnCase& c : allCases()) names.push_back(c.name);
  return names;
}

class RecurrentCases : public ::testing::TestWithParam<std::string> {};

TEST_P(RecurrentCases, MatchesPyTorch) {
  for (const RnnCase& c : allCases()) {
    if (c.name != GetParam()) continue;
    Stack out = runOp(c.overload, Stack(c.args.begin(), c.args.end()));
    ASSERT_EQ(out.size(), c.outs.size()) << c.name;
    for (size_t i = 0; i < out.size(); ++i)
      expectTensorClose(out[i].toTensor(), c.outs[i], c.rtol, c.atol, c.name + " result " + std::to_string(i));
    return;
  }
  FAIL() << "no case " << GetParam();
}

INSTANTIATE_TEST_SUITE_P(Recurrent, RecurrentCases, ::testing::ValuesIn(caseNames()),
                         [](const ::testing::TestParamInfo<std::string>& i) { return i.param; });

TEST(RecurrentFixtures, CoverEveryOverload) {
  std::set<std::string> seen;
  for (const RnnCase& c : allCases()) seen.insert(c.overload);
  for (const char* op : {"aten::lstm.input", "aten::lstm.data", "aten::gru.input", "aten::gru.data",
                         "aten::rnn_tanh.input", "aten::rnn_tanh.data", "aten::rnn_relu.input", "aten::rnn_relu.data",
                         "aten::lstm_cell", "aten::gru_cell", "aten::rnn_tanh_cell", "aten::rnn_relu_cell"}) {
    EXPECT_TRUE(seen.count(op)) << op;
    EXPECT_NE(OperatorRegistry::global().findOverload(op), nullptr) << op;
  }
}

Tensor zeros(std::initializer_list<int64_t> s, DType dt = DType::Float32) { return Tensor::zeros(DimVector(s), dt); }

IValue list(std::vector<Tensor> ts) {
  std::vector<IValue> e(ts.begin(), ts.end());
  return IValue(makeList(std::move(e)));
}

// One layer, one direction LSTM weights for input 4, hidden 6.
std::vector<Tensor> lstmParams(int64_t in = 4, int64_t hidden = 6) {
  return {zeros({4 * hidden, in}), zeros({4 * hidden, hidden}), zeros({4 * hidden}), zeros({4 * hidden})};
}

Stack lstmArgs(const Tensor& x, const Tensor& h, const Tensor& c, std::vector<Tensor> params, double dropout = 0,
               bool train = false, int64_t layers = 1) {
  return {IValue(x), list({h, c}), list(std::move(params)), IValue(true), IValue(layers), IValue(dropout),
          IValue(train), IValue(false), IValue(false)};
}

void expectError(const std::string& msg, std::initializer_list<const char*> parts) {
  ASSERT_FALSE(msg.empty()) << "no error";
  for (const char* p : parts) EXPECT_NE(msg.find(p), std::string::npos) << "'" << p << "' not in: " << msg;
}

TEST(RecurrentErrors, WrongInputRank) {
  expectError(opError("aten::lstm.input",
                      lstmArgs(zeros({1, 2, 3, 4}), zeros({1, 2, 6}), zeros({1, 2, 6}), lstmParams())),
              {"aten::lstm", "[1, 2, 3, 4]"});
  expectError(opError("aten::gru_cell", {IValue(zeros({2, 3, 4})), IValue(zeros({2, 6})), IValue(zeros({18, 4})),
                                         IValue(zeros({18, 6})), IValue(), IValue()}),
              {"aten::gru_cell", "[2, 3, 4]"});
}

TEST(RecurrentErrors, HiddenStateMismatch) {
  expectError(opError("aten::lstm.input", lstmArgs(zeros({5, 3, 4}), zeros({1, 2, 6}), zeros({1, 3, 6}), lstmParams())),
              {"aten::lstm", "[1, 2, 6]"});
  // 3-D states for unbatched input.
  expectError(opError("aten::lstm.input", lstmArgs(zeros({5, 4}), zeros({1, 1, 6}), zeros({1, 1, 6}), lstmParams())),
              {"aten::lstm", "[1, 1, 6]"});
  // Hidden size 7 against weights made for 6.
  expectError(opError("aten::lstm.input", lstmArgs(zeros({5, 3, 4}), zeros({1, 3, 7}), zeros({1, 3, 7}), lstmParams())),
              {"aten::lstm", "weight_ih_l0", "[24, 4]", "[28, 4]"});
  expectError(opError("aten::rnn_tanh_cell", {IValue(zeros({2, 4})), IValue(zeros({3, 5})), IValue(zeros({5, 4})),
                                              IValue(zeros({5, 5})), IValue(), IValue()}),
              {"aten::rnn_tanh_cell", "[2, 4]", "[3, 5]"});
  expectError(opError("aten::lstm_cell", {IValue(zeros({2, 4})), list({zeros({2, 5})}), IValue(zeros({20, 4})),
                                          IValue(zeros({20, 5})), IValue(), IValue()}),
              {"aten::lstm_cell", "two tensors"});
}

TEST(RecurrentErrors, WrongParamCount) {
  std::vector<Tensor> p = lstmParams();
  p.pop_back();
  expectError(opError("aten::lstm.input", lstmArgs(zeros({5, 3, 4}), zeros({1, 3, 6}), zeros({1, 3, 6}), p)),
              {"aten::lstm", "expected 4 params", "got 3"});
  // Two layers need eight.
  expectError(opError("aten::lstm.input",
                      lstmArgs(zeros({5, 3, 4}), zeros({2, 3, 6}), zeros({2, 3, 6}), lstmParams(), 0, false, 2)),
              {"aten::lstm", "expected 8 params"});
}

TEST(RecurrentErrors, MismatchedWeightShapes) {
  std::vector<Tensor> p = lstmParams();
  p[0] = zeros({24, 5});
  expectError(opError("aten::lstm.input", lstmArgs(zeros({5, 3, 4}), zeros({1, 3, 6}), zeros({1, 3, 6}), p)),
              {"aten::lstm", "weight_ih_l0", "[24, 5]", "[24, 4]"});
  p = lstmParams();
  p[3] = zeros({23});
  expectError(opError("aten::lstm.input", lstmArgs(zeros({5, 3, 4}), zeros({1, 3, 6}), zeros({1, 3, 6}), p)),
              {"bias_hh_l0", "[23]"});
  p = lstmParams();
  p[1] = zeros({24, 6}, DType::Float64);
  expectError(opError("aten::lstm.input", lstmArgs(zeros({5, 3, 4}), zeros({1, 3, 6}), zeros({1, 3, 6}), p)),
              {"weight_hh_l0", "float64"});
  expectError(opError("aten::gru_cell", {IValue(zeros({2, 4})), IValue(zeros({2, 6})), IValue(zeros({18, 4})),
                                         IValue(zeros({18, 5})), IValue(), IValue()}),
              {"aten::gru_cell", "w_hh", "[18, 5]", "[18, 6]"});
}

TEST(RecurrentErrors, TrainingDropoutIsRejected) {
  const std::vector<Tensor> two = [] {
    std::vector<Tensor> a = lstmParams(), b = lstmParams(6);
    a.insert(a.end(), b.begin(), b.end());
    return a;
  }();
  expectError(opError("aten::lstm.input",
                      lstmArgs(zeros({5, 3, 4}), zeros({2, 3, 6}), zeros({2, 3, 6}), two, 0.5, true, 2)),
              {"aten::lstm", "inference"});
  // Dropout is only a training-time op: eval mode runs.
  Stack out = runOp("aten::lstm.input", lstmArgs(zeros({5, 3, 4}), zeros({2, 3, 6}), zeros({2, 3, 6}), two, 0.5,
                                                  false, 2));
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].toTensor().sizes().vec(), (std::vector<int64_t>{5, 3, 6}));
}

TEST(RecurrentErrors, BadBatchSizes) {
  Tensor bs = Tensor::fromVector<int64_t>({1, 2});
  Stack a{IValue(zeros({3, 4})), IValue(bs), list({zeros({1, 1, 6}), zeros({1, 1, 6})}), list(lstmParams()),
          IValue(true), IValue(int64_t{1}), IValue(0.0), IValue(false), IValue(false)};
  expectError(opError("aten::lstm.data", a), {"aten::lstm", "non-increasing"});
  Tensor bs2 = Tensor::fromVector<int64_t>({2, 2});
  Stack b{IValue(zeros({3, 4})), IValue(bs2), list({zeros({1, 2, 6}), zeros({1, 2, 6})}), list(lstmParams()),
          IValue(true), IValue(int64_t{1}), IValue(0.0), IValue(false), IValue(false)};
  expectError(opError("aten::lstm.data", b), {"aten::lstm", "sum to 4", "[3, 4]"});
}

}  // namespace
}  // namespace wick::testing
