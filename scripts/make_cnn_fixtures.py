#!/usr/bin/python3
"""Writes tests/data/cnn/{conv,norm,pool,act}.bin: deterministic inputs for
the CNN ops and PyTorch 1.13's outputs, read by tests/kernels/cnn_fixture_util.

Run with the Python that has torch: /usr/bin/python3 scripts/make_cnn_fixtures.py

File format (little endian): b"WCNN1\\n", u32 case count, then per case:
  str name, str overload ("aten::conv2d.padding"), f64 rtol, f64 atol,
  u8 inplace (1: output 0 must be argument 0, modified), u32 nargs, args,
  u32 nouts, outputs (tensors).
  str: u32 length + bytes.
  arg: u8 tag then  T tensor | i i64 | f f64 | b u8 | n (None) | l int list
       (u32 n, i64...) | d float list (u32 n, f64...) | s str.
  tensor: u8 dtype (c10::ScalarType), u32 base numel, base data (contiguous),
          u32 ndim, i64 sizes, i64 strides, i64 offset (a view of the base).
"""
import os
import struct
import sys

import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "cnn")
DTYPES = {torch.float32: (6, "<f4"), torch.float64: (7, "<f8"), torch.int64: (4, "<i8"),
          torch.bool: (11, "<?")}


class Writer:
    def __init__(self):
        self.cases = []

    def add(self, name, overload, args, outs, rtol=1e-4, atol=1e-5, inplace=False):
        if isinstance(outs, torch.Tensor):
            outs = [outs]
        self.cases.append((name, overload, args, list(outs), rtol, atol, inplace))

    def save(self, fname):
        buf = bytearray(b"WCNN1\n")
        buf += struct.pack("<I", len(self.cases))
        for name, overload, args, outs, rtol, atol, inplace in self.cases:
            put_str(buf, name)
            put_str(buf, overload)
            buf += struct.pack("<ddB", rtol, atol, 1 if inplace else 0)
            buf += struct.pack("<I", len(args))
            for a in args:
                put_arg(buf, a)
            buf += struct.pack("<I", len(outs))
            for o in outs:
                put_tensor(buf, o)
        path = os.path.join(OUT, fname)
        with open(path, "wb") as f:
            f.write(buf)
        print(f"{path}: {len(self.cases)} cases, {len(buf)} bytes")


class Str(str):
    """An argument that is a TorchScript str (plain str is used for names)."""


def put_str(buf, s):
    b = s.encode()
    buf += struct.pack("<I", len(b)) + b


def put_tensor(buf, t):
    t = t.detach()
    base = t._base if t._base is not None else None
    if base is None or not base.is_contiguous():
        base, view = t.contiguous(), t.contiguous()
    else:
        view = t
    code, fmt = DTYPES[t.dtype]
    buf += struct.pack("<BI", code, base.numel())
    buf += base.contiguous().numpy().astype(fmt).tobytes()
    buf += struct.pack("<I", view.dim())
    buf += struct.pack(f"<{view.dim()}q", *view.size())
    buf += struct.pack(f"<{view.dim()}q", *view.stride())
    buf += struct.pack("<q", view.storage_offset() - base.storage_offset())


def put_arg(buf, a):
    if isinstance(a, torch.Tensor):
        buf += b"T"
        put_tensor(buf, a)
    elif a is None:
        buf += b"n"
    elif isinstance(a, bool):
        buf += b"b" + struct.pack("<B", a)
    elif isinstance(a, int):
        buf += b"i" + struct.pack("<q", a)
    elif isinstance(a, float):
        buf += b"f" + struct.pack("<d", a)
    elif isinstance(a, Str):
        buf += b"s"
        put_str(buf, a)
    elif isinstance(a, (list, tuple)) and all(isinstance(v, int) for v in a):
        buf += b"l" + struct.pack(f"<I{len(a)}q", len(a), *a)
    elif isinstance(a, (list, tuple)):
        buf += b"d" + struct.pack(f"<I{len(a)}d", len(a), *a)
    else:
        raise TypeError(a)


def rnd(*shape, dtype=torch.float32):
    return torch.randn(*shape, dtype=dtype)


def clone_args(args):
    return [a.clone() if isinstance(a, torch.Tensor) else a for a in args]


def case(w, name, overload, args, **kw):
    """Runs torch.ops.aten.<overload> on copies of args and records it."""
    op, _, ov = overload[len("aten::"):].partition(".")
    fn = getattr(getattr(torch.ops.aten, op), ov or "default")
    out = fn(*clone_args(args))
    w.add(name, overload, args, list(out) if isinstance(out, (tuple, list)) else out, **kw)


def conv_cases(w):
    x = rnd(2, 4, 9, 9)
    case(w, "conv2d_3x3_pad1_bias", "aten::conv2d", [x, rnd(6, 4, 3, 3), rnd(6), [1, 1], [1, 1], [1, 1], 1])
    case(w, "conv2d_stride2_nobias", "aten::conv2d", [x, rnd(5, 4, 3, 3), None, [2, 2], [0, 0], [1, 1], 1])
    case(w, "conv2d_dilation2", "aten::conv2d", [x, rnd(6, 4, 3, 3), rnd(6), [1, 1], [2, 2], [2, 2], 1])
    case(w, "conv2d_groups2", "aten::conv2d", [x, rnd(6, 2, 3, 3), rnd(6), [1, 1], [1, 1], [1, 1], 2])
    x8 = rnd(2, 8, 10, 10)
    case(w, "conv2d_depthwise", "aten::conv2d", [x8, rnd(8, 1, 3, 3), rnd(8), [1, 1], [1, 1], [1, 1], 8])
    case(w, "conv2d_depthwise_stride2", "aten::conv2d", [x8, rnd(8, 1, 3, 3), None, [2, 2], [1, 1], [1, 1], 8])
    case(w, "conv2d_depthwise_mult2", "aten::conv2d", [x8, rnd(16, 1, 5, 5), rnd(16), [1, 1], [2, 2], [1, 1], 8])
    case(w, "conv2d_1x1", "aten::conv2d", [x8, rnd(12, 8, 1, 1), rnd(12), [1, 1], [0, 0], [1, 1], 1])
    case(w, "conv2d_1x1_stride2", "aten::conv2d", [x8, rnd(12, 8, 1, 1), None, [2, 2], [0, 0], [1, 1], 1])
    case(w, "conv2d_stem_7x7_s2", "aten::conv2d", [rnd(1, 3, 32, 32), rnd(8, 3, 7, 7), None, [2, 2], [3, 3], [1, 1], 1])
    case(w, "conv2d_rect", "aten::conv2d", [x, rnd(3, 4, 3, 5), rnd(3), [2, 1], [1, 2], [1, 1], 1])
    case(w, "conv2d_scalar_args", "aten::conv2d", [x, rnd(3, 4, 3, 3), rnd(3), [2], [1], [1], 1])
    case(w, "conv2d_noncontig_input", "aten::conv2d", [rnd(2, 9, 9, 4).permute(0, 3, 1, 2), rnd(6, 4, 3, 3), rnd(6), [1, 1], [1, 1], [1, 1], 1])
    case(w, "conv2d_noncontig_weight", "aten::conv2d", [x, rnd(6, 3, 3, 4).permute(0, 3, 1, 2), rnd(6), [1, 1], [1, 1], [1, 1], 1])
    case(w, "conv2d_unbatched", "aten::conv2d", [rnd(4, 7, 7), rnd(6, 4, 3, 3), rnd(6), [1, 1], [1, 1], [1, 1], 1])
    case(w, "conv2d_empty_batch", "aten::conv2d", [rnd(0, 4, 7, 7), rnd(6, 4, 3, 3), rnd(6), [1, 1], [1, 1], [1, 1], 1])
    case(w, "conv2d_float64", "aten::conv2d", [rnd(2, 4, 9, 9, dtype=torch.float64), rnd(6, 2, 3, 3, dtype=torch.float64), rnd(6, dtype=torch.float64), [2, 1], [1, 1], [1, 2], 2], rtol=1e-10, atol=1e-12)
    # 64 channels x 3x3 sums 576 products: float32 summation order differs
    # between oneDNN and PyTorch by a few ulps of the largest partial sums.
    case(w, "conv2d_large_64ch", "aten::conv2d", [rnd(1, 64, 14, 14), rnd(64, 64, 3, 3), rnd(64), [1, 1], [1, 1], [1, 1], 1], rtol=1e-4, atol=1e-4)
    for pad in ("same", "valid"):
        case(w, f"conv2d_padding_{pad}", "aten::conv2d.padding", [x, rnd(6, 4, 3, 3), rnd(6), [1, 1], Str(pad), [1, 1], 1])
    case(w, "conv2d_padding_same_even_kernel", "aten::conv2d.padding", [x, rnd(6, 4, 4, 2), rnd(6), [1, 1], Str("same"), [1, 1], 1])
    case(w, "conv2d_padding_same_dilated", "aten::conv2d.padding", [x, rnd(6, 2, 3, 3), None, [1, 1], Str("same"), [2, 3], 2])
    x1 = rnd(2, 4, 17)
    case(w, "conv1d_basic", "aten::conv1d", [x1, rnd(6, 4, 3), rnd(6), [1], [1], [1], 1])
    case(w, "conv1d_stride_groups_dil", "aten::conv1d", [x1, rnd(6, 2, 5), None, [2], [2], [2], 2])
    case(w, "conv1d_unbatched", "aten::conv1d", [rnd(4, 11), rnd(3, 4, 3), rnd(3), [1], [0], [1], 1])
    case(w, "conv1d_padding_same", "aten::conv1d.padding", [x1, rnd(6, 4, 4), rnd(6), [1], Str("same"), [1], 1])
    xt = rnd(2, 6, 5, 5)
    case(w, "conv_transpose2d_k2s2", "aten::conv_transpose2d.input", [xt, rnd(6, 4, 2, 2), rnd(4), [2, 2], [0, 0], [0, 0], 1, [1, 1]])
    case(w, "conv_transpose2d_k3s2p1op1", "aten::conv_transpose2d.input", [xt, rnd(6, 3, 3, 3), rnd(3), [2, 2], [1, 1], [1, 1], 1, [1, 1]])
    case(w, "conv_transpose2d_groups_dil", "aten::conv_transpose2d.input", [xt, rnd(6, 2, 3, 3), None, [1, 2], [1, 0], [0, 1], 3, [2, 1]])
    case(w, "conv_transpose1d", "aten::conv_transpose1d", [x1, rnd(4, 3, 3), rnd(3), [2], [1], [1], 1, [1]])
    case(w, "convolution_forward", "aten::convolution", [x, rnd(6, 4, 3, 3), rnd(6), [1, 2], [1, 0], [1, 1], False, [0, 0], 1])
    case(w, "convolution_transposed", "aten::convolution", [xt, rnd(6, 2, 3, 3), rnd(4), [2, 2], [1, 1], [1, 1], True, [1, 1], 2])
    case(w, "convolution_1d", "aten::convolution", [x1, rnd(6, 4, 3), None, [1], [1], [1], False, [0], 1])
    case(w, "_convolution", "aten::_convolution", [x, rnd(6, 4, 3, 3), rnd(6), [1, 1], [1, 1], [1, 1], False, [0, 0], 1, False, False, True, True])
    case(w, "_convolution_deprecated", "aten::_convolution.deprecated", [xt, rnd(6, 3, 2, 2), None, [2, 2], [0, 0], [1, 1], True, [0, 0], 1, False, False, True])


def norm_cases(w):
    x = rnd(3, 4, 5, 6)
    rm, rv = rnd(4), torch.rand(4) + 0.5
    case(w, "batch_norm_eval", "aten::batch_norm", [x, rnd(4), rnd(4), rm, rv, False, 0.1, 1e-5, True])
    case(w, "batch_norm_eval_noaffine", "aten::batch_norm", [x, None, None, rm, rv, False, 0.1, 1e-3, True])
    case(w, "batch_norm_eval_2d", "aten::batch_norm", [rnd(5, 4), rnd(4), rnd(4), rm, rv, False, 0.1, 1e-5, True])
    case(w, "batch_norm_eval_1d", "aten::batch_norm", [rnd(2, 4, 7), rnd(4), None, rm, rv, False, 0.1, 1e-5, True])
    case(w, "batch_norm_eval_noncontig", "aten::batch_norm", [rnd(3, 5, 6, 4).permute(0, 3, 1, 2), rnd(4), rnd(4), rm, rv, False, 0.1, 1e-5, True])
    case(w, "batch_norm_train", "aten::batch_norm", [x, rnd(4), rnd(4), rm.clone(), rv.clone(), True, 0.1, 1e-5, True])
    case(w, "batch_norm_train_nostats", "aten::batch_norm", [x, None, None, None, None, True, 0.1, 1e-5, True])
    case(w, "batch_norm_float64", "aten::batch_norm", [x.double(), rnd(4).double(), rnd(4).double(), rm.double(), rv.double(), False, 0.1, 1e-5, True], rtol=1e-10, atol=1e-12)
    case(w, "native_batch_norm_train", "aten::native_batch_norm", [x, rnd(4), rnd(4), rm.clone(), rv.clone(), True, 0.1, 1e-5])
    case(w, "layer_norm_last", "aten::layer_norm", [x, [6], rnd(6), rnd(6), 1e-5, True])
    case(w, "layer_norm_last2_noaffine", "aten::layer_norm", [x, [5, 6], None, None, 1e-5, True])
    case(w, "layer_norm_noncontig", "aten::layer_norm", [rnd(6, 3, 4).transpose(0, 2), [6], rnd(6), None, 1e-6, True])
    case(w, "native_layer_norm", "aten::native_layer_norm", [x, [5, 6], rnd(5, 6), rnd(5, 6), 1e-5])
    case(w, "group_norm_2", "aten::group_norm", [x, 2, rnd(4), rnd(4), 1e-5, True])
    case(w, "group_norm_1_noaffine", "aten::group_norm", [x, 1, None, None, 1e-5, True])
    case(w, "group_norm_per_channel", "aten::group_norm", [rnd(2, 4, 9), 4, rnd(4), None, 1e-5, True])
    case(w, "instance_norm_input_stats", "aten::instance_norm", [x, rnd(4), rnd(4), None, None, True, 0.1, 1e-5, True])
    case(w, "instance_norm_noaffine", "aten::instance_norm", [x, None, None, None, None, True, 0.1, 1e-5, True])
    case(w, "instance_norm_running", "aten::instance_norm", [x, rnd(4), rnd(4), rm, rv, False, 0.1, 1e-5, True])


def pool_cases(w):
    x = rnd(2, 3, 11, 11)
    case(w, "max_pool2d_resnet", "aten::max_pool2d", [x, [3, 3], [2, 2], [1, 1], [1, 1], False])
    case(w, "max_pool2d_ceil", "aten::max_pool2d", [x, [3, 3], [2, 2], [0, 0], [1, 1], True])
    case(w, "max_pool2d_default_stride", "aten::max_pool2d", [x, [2, 2], [], [0, 0], [1, 1], False])
    case(w, "max_pool2d_dilation", "aten::max_pool2d", [x, [3, 2], [1, 2], [1, 1], [2, 3], True])
    case(w, "max_pool2d_noncontig", "aten::max_pool2d", [rnd(2, 11, 11, 3).permute(0, 3, 1, 2), [3, 3], [2, 2], [1, 1], [1, 1], False])
    case(w, "max_pool2d_unbatched", "aten::max_pool2d", [rnd(3, 8, 8), [2, 2], [2, 2], [0, 0], [1, 1], False])
    case(w, "max_pool2d_with_indices", "aten::max_pool2d_with_indices", [x, [3, 3], [2, 2], [1, 1], [1, 1], True])
    case(w, "max_pool1d", "aten::max_pool1d", [rnd(2, 3, 15), [3], [2], [1], [1], True])
    case(w, "avg_pool2d_k2s2", "aten::avg_pool2d", [x, [2, 2], [2, 2], [0, 0], False, True, None])
    case(w, "avg_pool2d_pad_exclude", "aten::avg_pool2d", [x, [3, 3], [1, 1], [1, 1], False, False, None])
    case(w, "avg_pool2d_pad_include_ceil", "aten::avg_pool2d", [x, [3, 3], [2, 2], [1, 1], True, True, None])
    case(w, "avg_pool2d_ceil_exclude", "aten::avg_pool2d", [x, [3, 2], [2, 3], [1, 0], True, False, None])
    case(w, "avg_pool2d_divisor", "aten::avg_pool2d", [x, [3, 3], [2, 2], [1, 1], False, True, 5])
    case(w, "adaptive_avg_pool2d_1x1", "aten::adaptive_avg_pool2d", [x, [1, 1]])
    case(w, "adaptive_avg_pool2d_7x5", "aten::adaptive_avg_pool2d", [rnd(2, 3, 10, 13), [7, 5]])
    case(w, "adaptive_avg_pool2d_noncontig", "aten::adaptive_avg_pool2d", [rnd(2, 10, 13, 3).permute(0, 3, 1, 2), [4, 6]])
    case(w, "adaptive_avg_pool1d", "aten::adaptive_avg_pool1d", [rnd(2, 3, 10), [4]])
    case(w, "adaptive_max_pool2d", "aten::adaptive_max_pool2d", [rnd(2, 3, 10, 13), [3, 4]])
    u = rnd(2, 3, 5, 7)
    case(w, "upsample_nearest2d_size", "aten::upsample_nearest2d", [u, [10, 11], None, None])
    case(w, "upsample_nearest2d_scales", "aten::upsample_nearest2d", [u, [12, 10], 2.5, 1.5])
    case(w, "upsample_nearest2d_vec_scale", "aten::upsample_nearest2d.vec", [u, None, [2.0, 3.0]])
    case(w, "upsample_nearest2d_vec_size", "aten::upsample_nearest2d.vec", [u, [3, 4], None])
    case(w, "upsample_bilinear2d_align", "aten::upsample_bilinear2d", [u, [9, 13], True, None, None])
    case(w, "upsample_bilinear2d_noalign", "aten::upsample_bilinear2d", [u, [9, 13], False, None, None])
    case(w, "upsample_bilinear2d_scales", "aten::upsample_bilinear2d", [u, [8, 11], False, 1.7, 1.6])
    case(w, "upsample_bilinear2d_down", "aten::upsample_bilinear2d", [u, [3, 4], False, None, None])
    case(w, "upsample_bilinear2d_vec_scale", "aten::upsample_bilinear2d.vec", [u, None, False, [2.0, 2.0]])
    case(w, "upsample_bilinear2d_vec_align", "aten::upsample_bilinear2d.vec", [u, None, True, [1.5, 2.5]])
    case(w, "upsample_bilinear2d_noncontig", "aten::upsample_bilinear2d", [rnd(2, 5, 7, 3).permute(0, 3, 1, 2), [10, 14], False, None, None])
    case(w, "pixel_shuffle", "aten::pixel_shuffle", [rnd(2, 8, 3, 4), 2])
    case(w, "channel_shuffle", "aten::channel_shuffle", [rnd(2, 6, 3, 4), 3])
    case(w, "constant_pad_nd", "aten::constant_pad_nd", [u, [1, 2, 0, 3], 0.5])
    case(w, "constant_pad_nd_negative", "aten::constant_pad_nd", [u, [-1, 2, 1, -2, 1, 0], 0])
    case(w, "reflection_pad1d", "aten::reflection_pad1d", [rnd(2, 3, 6), [2, 3]])
    case(w, "reflection_pad2d", "aten::reflection_pad2d", [u, [2, 1, 3, 4]])
    case(w, "replication_pad1d", "aten::replication_pad1d", [rnd(2, 3, 6), [3, 1]])
    case(w, "replication_pad2d", "aten::replication_pad2d", [u, [2, 5, 0, 3]])
    case(w, "pad_constant", "aten::pad", [u, [1, 1, 2, 0], Str("constant"), 2.0])
    case(w, "pad_reflect", "aten::pad", [u, [1, 2, 2, 1], Str("reflect"), None])
    case(w, "pad_replicate", "aten::pad", [rnd(2, 3, 6), [3, 2], Str("replicate"), None])
    case(w, "pad_int64", "aten::constant_pad_nd", [torch.arange(12).reshape(3, 4), [1, 1], 7])


def act_cases(w):
    x = rnd(4, 5, 6) * 4
    xd = x.double()
    for op in ("hardswish", "hardsigmoid", "relu6", "selu", "mish", "log_sigmoid"):
        case(w, op, f"aten::{op}", [x])
    case(w, "hardswish_float64", "aten::hardswish", [xd], rtol=1e-10, atol=1e-12)
    case(w, "mish_float64", "aten::mish", [xd], rtol=1e-10, atol=1e-12)
    case(w, "hardtanh", "aten::hardtanh", [x, -2.0, 3.0])
    case(w, "leaky_relu", "aten::leaky_relu", [x, 0.2])
    case(w, "elu", "aten::elu", [x, 1.5, 2.0, 0.5])
    case(w, "celu", "aten::celu", [x, 0.7])
    case(w, "softplus", "aten::softplus", [x, 2.0, 3.0])
    case(w, "log_sigmoid_noncontig", "aten::log_sigmoid", [x.transpose(0, 2)])
    case(w, "hardswish_noncontig", "aten::hardswish", [x[:, 1:4, ::2]])
    for op, extra in (("hardswish_", []), ("hardsigmoid_", []), ("relu6_", []), ("hardtanh_", [0.0, 6.0]),
                      ("leaky_relu_", [0.1]), ("elu_", [1.0, 1.0, 1.0]), ("selu_", []), ("celu_", [2.0]),
                      ("mish_", [])):
        case(w, op, f"aten::{op}", [x.clone()] + extra, inplace=True)
    case(w, "hardtanh__noncontig", "aten::hardtanh_", [(rnd(6, 5) * 3).t(), -1.0, 1.0], inplace=True)
    for d in (0, 1, -1):
        case(w, f"softmax_dim{d % 3}", "aten::softmax.int", [x, d, None])
        case(w, f"log_softmax_dim{d % 3}", "aten::log_softmax.int", [x, d, None])
    big = rnd(3, 300) * 50
    case(w, "softmax_large_values", "aten::softmax.int", [big, 1, None])
    case(w, "log_softmax_large_values", "aten::log_softmax.int", [big, -1, None])
    case(w, "softmax_dtype_float64", "aten::softmax.int", [x, 2, 7], rtol=1e-10, atol=1e-12)
    case(w, "softmax_noncontig", "aten::softmax.int", [x.transpose(0, 2), 1, None])
    case(w, "_softmax", "aten::_softmax", [x, 1, False])
    case(w, "_log_softmax", "aten::_log_softmax", [x, 2, False])
    case(w, "softmax_0dim", "aten::softmax.int", [torch.tensor(1.5), 0, None])
    for op in ("dropout", "feature_dropout", "alpha_dropout", "feature_alpha_dropout"):
        case(w, op, f"aten::{op}", [x, 0.5, False])
        case(w, op + "_", f"aten::{op}_", [x.clone(), 0.5, False], inplace=True)
    # Rows holding NaN or +inf, or all -inf, come out as NaN rows in PyTorch;
    # a single -inf is an ordinary 0 (log: -inf). Long rows reach the
    # vectorized loops, the transposed ones the column (dim != last) loops.
    nan, inf = float("nan"), float("inf")
    special = torch.tensor([[1.0, nan, 2.0, 0.5], [nan, 1.0, 2.0, 3.0], [1.0, 2.0, 3.0, nan],
                            [-inf, -inf, -inf, -inf], [1.0, inf, 2.0, 0.0], [-inf, 1.0, 2.0, -inf],
                            [nan, nan, nan, nan], [inf, inf, -inf, 1.0]])
    long = rnd(6, 40)
    long[0, 0] = nan
    long[1, 37] = nan
    long[2, :] = -inf
    long[3, 17] = inf
    long[4, 5] = -inf
    for tag, t in (("special", special), ("special_long", long)):
        for dt, tols in (("", {}), ("_float64", {"rtol": 1e-10, "atol": 1e-12})):
            v = t.double() if dt else t
            case(w, f"softmax_{tag}{dt}", "aten::softmax.int", [v, 1, None], **tols)
            case(w, f"log_softmax_{tag}{dt}", "aten::log_softmax.int", [v, -1, None], **tols)
            case(w, f"softmax_{tag}_cols{dt}", "aten::softmax.int", [v.t().contiguous(), 0, None], **tols)
            case(w, f"log_softmax_{tag}_cols{dt}", "aten::log_softmax.int", [v.t().contiguous(), 0, None], **tols)

def small_cnn(x, w1, b1, rm, rv, gamma, beta, w2):
    y = torch.conv2d(x, w1, b1, [1, 1], [1, 1])
    y = torch.batch_norm(y, gamma, beta, rm, rv, False, 0.1, 1e-5, True)
    y = torch._C._nn.hardtanh_(y, 0.0, 6.0)
    y = torch.max_pool2d(y, [3, 3], [2, 2], [1, 1], [1, 1], True)
    y = torch.conv2d(y, w2, None, [1, 1], "same", [1, 1], 8)
    y = torch._C._nn.hardswish(y)
    y = torch._C._nn.adaptive_avg_pool2d(y, [1, 1])
    return torch.softmax(y, 1)


def graph_cases(w):
    """A scripted CNN block: its TorchScript graph text (small_cnn.graph),
    which the interpreter runs end to end, and its inputs and output."""
    fn = torch.jit.script(small_cnn)
    text = str(fn.graph).replace(os.path.abspath(__file__), "make_cnn_fixtures.py")
    with open(os.path.join(OUT, "small_cnn.graph"), "w") as f:
        f.write(text)
    args = [rnd(2, 3, 12, 12), rnd(8, 3, 3, 3), rnd(8), rnd(8), torch.rand(8) + 0.5, rnd(8), rnd(8),
            rnd(8, 1, 4, 4)]
    w.add("small_cnn", "graph", args, fn(*clone_args(args)))


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for fname, fn in (("conv.bin", conv_cases), ("norm.bin", norm_cases),
                      ("pool.bin", pool_cases), ("act.bin", act_cases),
                      ("graph.bin", graph_cases)):
        torch.manual_seed(0)
        w = Writer()
        fn(w)
        w.save(fname)
