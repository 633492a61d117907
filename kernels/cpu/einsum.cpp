// einsum as a sequence of views and bmm calls: each operand first loses its
// repeated subscripts (diagonal views) and the subscripts nobody else needs
// (sums); then operands contract pairwise, left to right, each pair
// permuted and reshaped to [batch, M, K] x [batch, K, N] for the GEMM.
#include "kernels/cpu/einsum.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>

#include "core/check.h"
#include "kernels/cpu/linalg.h"
#include "kernels/cpu/reduction.h"
#include "kernels/cpu/shape.h"
#include "kernels/cpu/shape_extra.h"

namespace wick::kernels {
namespace {

// Subscripts are labels 0..51 (A-Z then a-z, PyTorch's order); the
// ellipsis dims get labels from kEllipsis on, aligned right.
constexpr int kLetters = 52;
constexpr int kEllipsis = kLetters;

int labelOf(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  return -1;
}

char letterOf(int l) { return static_cast<char>(l < 26 ? 'A' + l : 'a' + (l - 26)); }

// One side of the equation as written: labels, with -1 where "..." stands.
struct Term {
  std::vector<int> labels;
  bool ellipsis = false;
};

struct Operand {
  Tensor t;
  std::vector<int> labels;  // one per dim of t
};

class Einsum {
 public:
  explicit Einsum(std::string_view equation) : eq_(equation) {}

  Tensor run(const std::vector<Tensor>& tensors);

 private:
  template <typename... A>
  [[noreturn]] void fail(fmt::format_string<A...> f, A&&... args) const {
    WICK_FAIL("aten::einsum: {} (equation '{}')", fmt::format(f, std::forward<A>(args)...), eq_);
  }
  Term parseTerm(std::string_view s, size_t base);
  Operand prepare(const Tensor& t, const Term& term, int ellipsisDims, size_t index);
  Operand contract(Operand a, Operand b, const std::vector<int>& needed);
  Operand sumOut(Operand op, const std::vector<int>& keep);

  std::string eq_;
};

Term Einsum::parseTerm(std::string_view s, size_t base) {
  Term term;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '.') {
      if (term.ellipsis || s.substr(i, 3) != "...")
        fail("invalid ellipsis at index {}: each term may hold one '...'", base + i);
      term.ellipsis = true;
      term.labels.push_back(-1);
      i += 2;
      continue;
    }
    int l = labelOf(c);
    if (l < 0) fail("invalid subscript '{}' at index {}, subscripts must be in [a-zA-Z]", c, base + i);
    term.labels.push_back(l);
  }
  return term;
}

Operand Einsum::prepare(const Tensor& t, const Term& term, int ellipsisDims, size_t index) {
  const int64_t letters = static_cast<int64_t>(term.labels.size()) - (term.ellipsis ? 1 : 0);
  if (term.ellipsis) {
    if (t.dim() < letters)
      fail("operand {} has {} dims, fewer than its {} subscripts", index, t.dim(), letters);
  } else if (t.dim() != letters) {
    fail("the number of subscripts ({}) does not match the number of dimensions ({}) for operand {} and no "
         "ellipsis was given",
         letters, t.dim(), index);
  }
  Operand op{t, {}};
  const int64_t ell = t.dim() - letters;
  for (int l : term.labels) {
    if (l >= 0) {
      op.labels.push_back(l);
      continue;
    }
    for (int64_t k = 0; k < ell; ++k) op.labels.push_back(kEllipsis + ellipsisDims - static_cast<int>(ell) + static_cast<int>(k));
  }
  // Repeated labels: the diagonal, which moves to the last dim.
  for (size_t i = 0; i < op.labels.size(); ++i) {
    for (size_t j = i + 1; j < op.labels.size(); ++j) {
      if (op.labels[i] != op.labels[j]) continue;
      int l = op.labels[i];
      if (op.t.size(static_cast<int64_t>(i)) != op.t.size(static_cast<int64_t>(j)))
        fail("subscript {} is repeated for operand {} but the sizes don't match, {} != {}", letterOf(l), index,
             op.t.size(static_cast<int64_t>(i)), op.t.size(static_cast<int64_t>(j)));
      op.t = diagonal(op.t, 0, static_cast<int64_t>(i), static_cast<int64_t>(j));
      op.labels.erase(op.labels.begin() + static_cast<std::ptrdiff_t>(j));
      op.labels.erase(op.labels.begin() + static_cast<std::ptrdiff_t>(i));
      op.labels.push_back(l);
      i = static_cast<size_t>(-1);  // rescan
      break;
    }
  }
  return op;
}

// Sums every dim whose label is not in `keep`.
Operand Einsum::sumOut(Operand op, const std::vector<int>& keep) {
  DimVector dims;
  std::vector<int> labels;
  for (size_t i = 0; i < op.labels.size(); ++i) {
    if (std::find(keep.begin(), keep.end(), op.labels[i]) == keep.end()) dims.push_back(static_cast<int64_t>(i));
    else labels.push_back(op.labels[i]);
  }
  if (dims.empty()) return op;
  return {sum(op.t, dims, false, op.t.dtype()), labels};
}

Operand Einsum::contract(Operand a, Operand b, const std::vector<int>& needed) {
  auto has = [](const std::vector<int>& v, int l) { return std::find(v.begin(), v.end(), l) != v.end(); };
  auto pos = [](const std::vector<int>& v, int l) {
    return static_cast<int64_t>(std::find(v.begin(), v.end(), l) - v.begin());
  };
  // Labels of one side only that nobody needs any more are summed first.
  std::vector<int> keepA = needed, keepB = needed;
  keepA.insert(keepA.end(), b.labels.begin(), b.labels.end());
  keepB.insert(keepB.end(), a.labels.begin(), a.labels.end());
  a = sumOut(std::move(a), keepA);
  b = sumOut(std::move(b), keepB);
  std::vector<int> batch, contracted, aOnly, bOnly;
  for (int l : a.labels) {
    if (!has(b.labels, l)) aOnly.push_back(l);
    else if (has(needed, l)) batch.push_back(l);
    else contracted.push_back(l);
  }
  for (int l : b.labels)
    if (!has(a.labels, l)) bOnly.push_back(l);
  // Shared labels broadcast (size 1 against n).
  DimVector aSizes(a.t.sizes()), bSizes(b.t.sizes());
  bool expandA = false, expandB = false;
  for (int l : a.labels) {
    if (!has(b.labels, l)) continue;
    int64_t sa = aSizes[pos(a.labels, l)], sb = bSizes[pos(b.labels, l)];
    if (sa == sb) continue;
    if (sa == 1) {
      aSizes[pos(a.labels, l)] = sb;
      expandA = true;
    } else if (sb == 1) {
      bSizes[pos(b.labels, l)] = sa;
      expandB = true;
    } else {
      if (l >= kEllipsis) fail("operands do not broadcast: ellipsis dims of sizes {} and {}", sa, sb);
      fail("operands do not broadcast: subscript {} has sizes {} and {}", letterOf(l), sa, sb);
    }
  }
  if (expandA) a.t = expand(a.t, aSizes);
  if (expandB) b.t = expand(b.t, bSizes);
  auto sizeOf = [&](const Operand& o, int l) { return o.t.size(pos(o.labels, l)); };
  DimVector permA, permB, outShape;
  int64_t nb = 1, m = 1, k = 1, n = 1;
  for (int l : batch) {
    permA.push_back(pos(a.labels, l));
    permB.push_back(pos(b.labels, l));
    nb *= sizeOf(a, l);
    outShape.push_back(sizeOf(a, l));
  }
  for (int l : aOnly) {
    permA.push_back(pos(a.labels, l));
    m *= sizeOf(a, l);
    outShape.push_back(sizeOf(a, l));
  }
  for (int l : contracted) {
    permA.push_back(pos(a.labels, l));
    permB.push_back(pos(b.labels, l));
    k *= sizeOf(a, l);
  }
  for (int l : bOnly) {
    permB.push_back(pos(b.labels, l));
    n *= sizeOf(b, l);
    outShape.push_back(sizeOf(b, l));
  }
  Tensor am = reshape(permute(a.t, permA), {nb, m, k});
  Tensor bm = reshape(permute(b.t, permB), {nb, k, n});
  Tensor r = reshape(bmm(am, bm), outShape);
  std::vector<int> labels = batch;
  labels.insert(labels.end(), aOnly.begin(), aOnly.end());
  labels.insert(labels.end(), bOnly.begin(), bOnly.end());
  return {r, labels};
}

Tensor Einsum::run(const std::vector<Tensor>& tensors) {
  std::string eq;
  for (char c : eq_)
    if (c != ' ') eq.push_back(c);
  size_t arrow = eq.find("->");
  std::string_view lhs = std::string_view(eq).substr(0, arrow);
  // Terms of the left-hand side.
  std::vector<Term> terms;
  size_t start = 0;
  for (size_t i = 0; i <= lhs.size(); ++i) {
    if (i == lhs.size() || lhs[i] == ',') {
      terms.push_back(parseTerm(lhs.substr(start, i - start), start));
      start = i + 1;
    }
  }
  if (tensors.empty()) fail("must provide at least one operand");
  if (terms.size() != tensors.size())
    fail("{} operands were provided but the equation names {}", tensors.size(), terms.size());
  // Ellipsis width: the widest over the operands.
  int ellipsisDims = 0;
  for (size_t i = 0; i < terms.size(); ++i) {
    if (!terms[i].ellipsis) continue;
    int64_t letters = static_cast<int64_t>(terms[i].labels.size()) - 1;
    ellipsisDims = std::max<int>(ellipsisDims, static_cast<int>(std::max<int64_t>(tensors[i].dim() - letters, 0)));
  }
  std::vector<int> count(kLetters, 0);
  for (const Term& t : terms)
    for (int l : t.labels)
      if (l >= 0) ++count[l];
  // The output labels.
  std::vector<int> out;
  if (arrow == std::string::npos) {
    for (int k = 0; k < ellipsisDims; ++k) out.push_back(kEllipsis + k);
    for (int l = 0; l < kLetters; ++l)
      if (count[l] == 1) out.push_back(l);
  } else {
    std::string_view rhs = std::string_view(eq).substr(arrow + 2);
    if (rhs.find("->") != std::string_view::npos || rhs.find(',') != std::string_view::npos)
      fail("the output may name only subscripts and one '...'");
    Term t = parseTerm(rhs, arrow + 2);
    for (int l : t.labels) {
      if (l < 0) {
        for (int k = 0; k < ellipsisDims; ++k) out.push_back(kEllipsis + k);
        continue;
      }
      if (count[l] == 0) fail("output subscript {} does not appear in the equation for any input operand", letterOf(l));
      if (std::find(out.begin(), out.end(), l) != out.end())
        fail("output subscript {} appears more than once in the output", letterOf(l));
      out.push_back(l);
    }
  }
  std::vector<Operand> ops;
  for (size_t i = 0; i < tensors.size(); ++i) ops.push_back(prepare(tensors[i], terms[i], ellipsisDims, i));
  // Contract left to right; "needed" are the output's labels and those of
  // the operands still to come.
  Operand acc = ops[0];
  for (size_t i = 0; i <= ops.size(); ++i) {
    std::vector<int> needed = out;
    for (size_t j = i + 1; j < ops.size(); ++j) needed.insert(needed.end(), ops[j].labels.begin(), ops[j].labels.end());
    if (i == 0) {
      std::vector<int> keep = needed;
      acc = sumOut(std::move(acc), keep);
      continue;
    }
    if (i == ops.size()) break;
    acc = contract(std::move(acc), ops[i], needed);
  }
  acc = sumOut(std::move(acc), out);
  DimVector perm;
  for (int l : out) {
    auto it = std::find(acc.labels.begin(), acc.labels.end(), l);
    if (it == acc.labels.end()) {
      // An ellipsis dim no operand has (width 0 in all): cannot happen, as
      // ellipsisDims is the widest; a letter always exists (checked above).
      fail("internal: output label lost");
    }
    perm.push_back(static_cast<int64_t>(it - acc.labels.begin()));
  }
  if (perm.empty()) return acc.t;
  return permute(acc.t, perm);
}

}  // namespace

Tensor einsum(std::string_view equation, const std::vector<Tensor>& operands) {
  return Einsum(equation).run(operands);
}

}  // namespace wick::kernels
