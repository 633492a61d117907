// Indexing kernels: advanced indexing (index/index_put_), index_select,
// gather/scatter, masked_select, nonzero, embedding(_bag) and one_hot.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "wick/scalar.h"
#include "wick/tensor.h"

namespace wick::kernels {

// self[indices]: undefined entries stand for None (a full slice); Long
// indices wrap when negative, Bool/Byte masks select like nonzero(mask).
Tensor index(const Tensor& self, const std::vector<Tensor>& indices);
// self[indices] = values (or += when accumulate); writes self and returns it.
Tensor indexPut_(const Tensor& self, const std::vector<Tensor>& indices, const Tensor& values, bool accumulate);

Tensor indexSelect(const Tensor& self, int64_t dim, const Tensor& index);
Tensor maskedSelect(const Tensor& self, const Tensor& mask);
// [count, self.dim()] Long coordinates of the non-zero elements, row-major.
Tensor nonzero(const Tensor& self);
// nonzero(self) split into one 1-D tensor per dimension.
std::vector<Tensor> whereNonzero(const Tensor& self);

Tensor gather(const Tensor& self, int64_t dim, const Tensor& index);
// reduce: "" (assign), "add" or "multiply". src undefined means scalar value.
Tensor scatter_(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src,
                const std::optional<Scalar>& value, const std::string& reduce, const char* op);

Tensor embedding(const Tensor& weight, const Tensor& indices);
struct EmbeddingBagResult {
  Tensor output, offset2bag, bagSize, maxIndices;
};
// mode: 0 sum, 1 mean, 2 max; padding rows (padding_idx >= 0) are skipped.
EmbeddingBagResult embeddingBag(const Tensor& weight, const Tensor& indices, const Tensor& offsets, int64_t mode,
                                const Tensor& perSampleWeights, bool includeLastOffset,
                                std::optional<int64_t> paddingIdx);
Tensor oneHot(const Tensor& self, int64_t numClasses);

}  // namespace wick::kernels
