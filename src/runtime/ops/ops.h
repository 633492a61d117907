// The op families. registerAllOperators() (register_ops.cpp) calls each of
// these once; each lives in its own file under src/runtime/ops/.
#pragma once

namespace wick {

class OperatorRegistry;

// prim:: ops the interpreter does not execute inline (tuple/list helpers,
// RaiseException, NumToTensor, casts, isinstance, ...).
void registerPrimOps(OperatorRegistry& r);
// aten:: ops on int/float/bool/str scalars (arithmetic, comparisons, math).
void registerScalarOps(OperatorRegistry& r);
// aten:: ops on lists, tuples, dicts and strings (len, append, __getitem__).
void registerContainerOps(OperatorRegistry& r);

// Tensor ops, binding kernels/cpu.
void registerElementwiseOps(OperatorRegistry& r);
void registerReductionOps(OperatorRegistry& r);
void registerLinalgOps(OperatorRegistry& r);
void registerShapeOps(OperatorRegistry& r);
// repeat/tile/repeat_interleave, flip/roll, triu/tril, movedim/unflatten/
// diagonal, einsum, bernoulli (aten_shape_extra.cpp).
void registerShapeExtraOps(OperatorRegistry& r);
// nearest(-exact) 1-3D, linear1d, trilinear3d, bicubic2d, antialiased
// upsampling, adaptive_avg_pool3d (aten_resample_extra.cpp).
void registerResampleExtraOps(OperatorRegistry& r);
void registerCreationOps(OperatorRegistry& r);

// CNN ops: convolution, normalization, pooling/resampling, activations.
void registerConvolutionOps(OperatorRegistry& r);
void registerNormalizationOps(OperatorRegistry& r);
void registerPoolingOps(OperatorRegistry& r);
void registerActivationOps(OperatorRegistry& r);
// wick::conv_fused, wick::linear_fused: convolution or linear + residual add + activation, the JIT's
// fuse_epilogues pass puts it in (conv_epilogue.cpp).
void registerEpilogueOps(OperatorRegistry& r);

// Recurrent ops: lstm, gru, rnn_tanh/rnn_relu and their cells.
void registerRecurrentOps(OperatorRegistry& r);

// Indexing: index/index_put, gather/scatter, nonzero, embedding(_bag).
void registerIndexingOps(OperatorRegistry& r);

// Attention: scaled_dot_product_attention, the fused multi-head attention
// and transformer encoder layer, baddbmm, and their fast-path predicates.
void registerAttentionOps(OperatorRegistry& r);

// torch.tensor / as_tensor of numbers and lists, Tensor.item().
void registerTensorDataOps(OperatorRegistry& r);

}  // namespace wick
