#!/usr/bin/python3
"""Writes tests/data/kernels/*.txt: inputs and PyTorch 1.13's outputs for the
elementwise, reduction, linalg, shape and creation ops of kernels/cpu, and
the type promotion table. Run with /usr/bin/python3 (torch 1.13). The file
format is described in kernel_fixture_format.py.

usage: /usr/bin/python3 scripts/make_kernel_fixtures.py [FILE.txt...]  (default: every file)"""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kernel_fixture_cases import compare_logical, elementwise, math_ops, reductions_more, scans_sorts  # noqa: E402
from kernel_fixture_shape_cases import resample_extra, shape_extra  # noqa: E402
from kernel_fixture_format import (BOOL, DTYPES, F16, F32, F64, I8, I16, I32, I64, ROOT, U8,  # noqa: E402
                                   BF16, T, Writer, rnd, tol)


def reductions(w):
    x = rnd(2, 3, 4)
    w.case("sum_all", "aten::sum", lambda a, d: torch.sum(a, dtype=d), [x, None], 1e-5, 1e-5)
    w.case("sum_all_dtype", "aten::sum", lambda a, d: torch.sum(a, dtype=d), [x, F64], 1e-12, 1e-12)
    for dims, keep in [([1], False), ([0, 2], True), ([-1], False), ([], False), ([0, 1, 2], True), ([2, 0], False)]:
        tag = "_".join(str(d).replace("-", "m") for d in dims) or "none"
        w.case("sum_dims_%s_%d" % (tag, keep), "aten::sum.dim_IntList",
               lambda a, d, k, dt: torch.sum(a, d, keepdim=k, dtype=dt), [x, dims, keep, None], 1e-5, 1e-5)
        w.case("mean_dims_%s_%d" % (tag, keep), "aten::mean.dim",
               lambda a, d, k, dt: torch.mean(a, d, keepdim=k, dtype=dt), [x, dims, keep, None], 1e-5, 1e-5)
        w.case("amax_dims_%s_%d" % (tag, keep), "aten::amax", lambda a, d, k: torch.amax(a, d, k), [x, dims, keep])
        w.case("amin_dims_%s_%d" % (tag, keep), "aten::amin", lambda a, d, k: torch.amin(a, d, k), [x, dims, keep])
    w.case("sum_dim_none", "aten::sum.dim_IntList", lambda a, d, k, dt: torch.sum(a, dtype=dt), [x, None, False, None], 1e-5, 1e-5)
    w.case("sum_transposed", "aten::sum.dim_IntList", lambda a, d, k, dt: torch.sum(a, d, keepdim=k, dtype=dt),
           [T(rnd(4, 5), "t"), [0], False, None], 1e-5, 1e-5)
    w.case("sum_sliced", "aten::sum.dim_IntList", lambda a, d, k, dt: torch.sum(a, d, keepdim=k, dtype=dt),
           [T(rnd(3, 6), "s"), [1], True, None], 1e-5, 1e-5)
    for dt in [I32, BOOL, U8, I64, F64, F16]:
        r, t = tol(dt)
        w.case("sum_%s" % DTYPES[dt], "aten::sum.dim_IntList", lambda a, d, k, dd: torch.sum(a, d, keepdim=k, dtype=dd),
               [rnd(3, 4, dtype=dt), [1], False, None], r * 10, t * 10)
        w.case("amax_%s" % DTYPES[dt], "aten::amax", lambda a, d, k: torch.amax(a, d, k), [rnd(3, 4, dtype=dt), [0], False])
        w.case("argmax_%s" % DTYPES[dt], "aten::argmax", torch.argmax, [rnd(3, 4, dtype=dt), 1, False])
    w.case("sum_int_dtype_f32", "aten::sum.dim_IntList", lambda a, d, k, dt: torch.sum(a, d, keepdim=k, dtype=dt),
           [rnd(3, 4, dtype=I32), [0], False, F32])
    w.case("sum_empty", "aten::sum.dim_IntList", lambda a, d, k, dt: torch.sum(a, d, keepdim=k, dtype=dt),
           [rnd(0, 3), [0], False, None])
    w.case("sum_zerodim", "aten::sum", lambda a, d: torch.sum(a, dtype=d), [torch.tensor(2.5), None])
    w.case("sum_out", "aten::sum.IntList_out", lambda a, d, k, dt, o: torch.sum(a, d, keepdim=k, dtype=dt),
           [x, [1], False, None, torch.zeros(0)], 1e-5, 1e-5)
    w.case("mean_all", "aten::mean", lambda a, d: torch.mean(a, dtype=d), [x, None], 1e-5, 1e-5)
    w.case("mean_f64", "aten::mean.dim", lambda a, d, k, dt: torch.mean(a, d, keepdim=k, dtype=dt),
           [rnd(3, 5, dtype=F64), [1], True, None], 1e-12, 1e-12)
    w.case("mean_empty", "aten::mean.dim", lambda a, d, k, dt: torch.mean(a, d, keepdim=k, dtype=dt),
           [rnd(0, 3), [0], False, None])
    w.case("mean_int_dtype", "aten::mean.dim", lambda a, d, k, dt: torch.mean(a, d, keepdim=k, dtype=dt),
           [rnd(3, 4, dtype=I64), [1], False, F32])
    w.error("mean_int", "aten::mean.dim", lambda a, d, k, dt: torch.mean(a, d, keepdim=k, dtype=dt),
            [rnd(3, dtype=I64), [0], False, None], "could not infer output dtype")
    nanx = torch.tensor([[1.0, float("nan"), 3.0], [4.0, 5.0, -6.0]])
    w.case("amax_nan", "aten::amax", lambda a, d, k: torch.amax(a, d, k), [nanx, [1], False])
    w.case("amin_nan", "aten::amin", lambda a, d, k: torch.amin(a, d, k), [nanx, [0], True])
    w.case("amax_bool_dim1", "aten::amax", lambda a, d, k: torch.amax(a, d, k), [rnd(3, 4, dtype=BOOL), [1], False])
    w.error("amax_empty", "aten::amax", lambda a, d, k: torch.amax(a, d, k), [rnd(0, 3), [0], False], "non-zero size")
    w.error("sum_dup_dims", "aten::sum.dim_IntList", lambda a, d, k, dt: torch.sum(a, d, keepdim=k, dtype=dt),
            [x, [1, 1], False, None], "appears multiple times")
    w.error("sum_bad_dim", "aten::sum.dim_IntList", lambda a, d, k, dt: torch.sum(a, d, keepdim=k, dtype=dt),
            [x, [3], False, None], "out of range")
    ties = torch.tensor([[1.0, 3.0, 3.0, 0.0], [float("nan"), 2.0, float("nan"), 9.0], [-1.0, -1.0, -2.0, -5.0]])
    w.case("argmax_none", "aten::argmax", torch.argmax, [x, None, False])
    w.case("argmax_none_keepdim", "aten::argmax", lambda a, d, k: torch.argmax(a, d, k), [x, None, True])
    w.case("argmax_dim", "aten::argmax", torch.argmax, [x, 1, True])
    w.case("argmax_ties_nan", "aten::argmax", torch.argmax, [ties, 1, False])
    w.case("argmax_ties_dim0", "aten::argmax", torch.argmax, [ties, 0, False])
    w.case("argmax_transposed", "aten::argmax", torch.argmax, [T(rnd(4, 6), "t"), -1, False])
    w.error("argmax_empty", "aten::argmax", torch.argmax, [rnd(0), None, False], "numel() == 0")
    for nm, fn in [("max", torch.max), ("min", torch.min)]:
        w.case(nm + "_all", "aten::" + nm, fn, [x])
        w.case(nm + "_dim", "aten::%s.dim" % nm, lambda a, d, k, fn=fn: tuple(fn(a, d, k)), [x, 1, False])
        w.case(nm + "_dim_keep_ties", "aten::%s.dim" % nm, lambda a, d, k, fn=fn: tuple(fn(a, d, k)), [ties, 1, True])
        w.case(nm + "_dim_int", "aten::%s.dim" % nm, lambda a, d, k, fn=fn: tuple(fn(a, d, k)),
               [rnd(3, 4, dtype=I32), 0, False])
        w.case(nm + "_dim_bool", "aten::%s.dim" % nm, lambda a, d, k, fn=fn: tuple(fn(a, d, k)),
               [rnd(3, 4, dtype=BOOL), -1, False])
        w.case(nm + "_other", "aten::%s.other" % nm, fn, [rnd(2, 3), rnd(3)])
        w.error(nm + "_empty", "aten::" + nm, fn, [rnd(0)], "numel() == 0")
    w.case("all_all", "aten::all", torch.all, [rnd(2, 3, dtype=I64, lo=1, hi=3)])
    w.case("all_float", "aten::all", torch.all, [torch.tensor([1.0, float("nan"), 0.0])])
    w.case("all_dim", "aten::all.dim", torch.all, [rnd(3, 4, dtype=BOOL), 1, False])
    w.case("all_dim_keep", "aten::all.dim", torch.all, [rnd(3, 4, dtype=I32, lo=0, hi=3), 0, True])
    w.case("all_uint8", "aten::all.dim", torch.all, [rnd(3, 4, dtype=U8), 1, False])
    w.case("all_empty", "aten::all", torch.all, [rnd(0, 2)])


def linalg(w):
    w.case("mm_f32", "aten::mm", torch.mm, [rnd(3, 4), rnd(4, 5)], 1e-5, 1e-5)
    w.case("mm_f64", "aten::mm", torch.mm, [rnd(3, 4, dtype=F64), rnd(4, 2, dtype=F64)], 1e-12, 1e-12)
    w.case("mm_transposed", "aten::mm", torch.mm, [T(rnd(3, 4), "t"), T(rnd(4, 5), "t")], 1e-5, 1e-5)
    w.case("mm_sliced", "aten::mm", torch.mm, [T(rnd(3, 4), "s"), rnd(4, 2)], 1e-5, 1e-5)
    w.case("mm_int", "aten::mm", torch.mm, [rnd(3, 4, dtype=I64), rnd(4, 5, dtype=I64)])
    w.case("mm_int32_transposed", "aten::mm", torch.mm, [rnd(2, 3, dtype=I32), T(rnd(3, 2, dtype=I32), "t")])
    w.case("mm_empty_k", "aten::mm", torch.mm, [rnd(2, 0), rnd(0, 3)])
    w.case("mm_out", "aten::mm.out", lambda a, b, o: torch.mm(a, b, out=o), [rnd(2, 3), rnd(3, 2), torch.zeros(0)], 1e-5, 1e-5)
    w.error("mm_mismatch", "aten::mm", torch.mm, [rnd(2, 3), rnd(4, 5)], "mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)")
    w.error("mm_dtype", "aten::mm", torch.mm, [rnd(2, 3), rnd(3, 2, dtype=F64)], "same dtype")
    w.error("mm_1d", "aten::mm", torch.mm, [rnd(3), rnd(3, 2)], "must be a matrix")
    w.case("bmm", "aten::bmm", torch.bmm, [rnd(2, 3, 4), rnd(2, 4, 5)], 1e-5, 1e-5)
    w.case("bmm_transposed", "aten::bmm", torch.bmm, [T(rnd(2, 3, 4), "t"), rnd(2, 4, 2)], 1e-5, 1e-5)
    w.error("bmm_mismatch", "aten::bmm", torch.bmm, [rnd(2, 3, 4), rnd(3, 4, 5)], "aten::bmm")
    combos = [((4,), (4,)), ((3, 4), (4,)), ((4,), (4, 5)), ((3, 4), (4, 5)), ((2, 3, 4), (4, 5)),
              ((2, 3, 4), (4,)), ((4,), (2, 4, 5)), ((3, 4), (2, 4, 5)), ((2, 1, 3, 4), (5, 4, 2)),
              ((2, 3, 4), (2, 4, 5)), ((1, 3, 4), (6, 4, 2))]
    for sa, sb in combos:
        name = "matmul_%s_%s" % ("x".join(map(str, sa)), "x".join(map(str, sb)))
        w.case(name, "aten::matmul", torch.matmul, [rnd(*sa), rnd(*sb)], 1e-5, 1e-5)
    w.case("matmul_int", "aten::matmul", torch.matmul, [rnd(2, 3, 4, dtype=I64), rnd(4, 2, dtype=I64)])
    w.case("matmul_transposed_batch", "aten::matmul", torch.matmul, [T(rnd(2, 3, 4), "t"), rnd(4, 2)], 1e-5, 1e-5)
    w.error("matmul_0d", "aten::matmul", torch.matmul, [torch.tensor(1.0), rnd(2, 2)], "at least 1D")
    w.error("matmul_mismatch", "aten::matmul", torch.matmul, [rnd(2, 3, 4), rnd(2, 5, 2)], "aten::matmul")
    w.error("matmul_batch", "aten::matmul", torch.matmul, [rnd(2, 3, 4), rnd(3, 4, 2)], "do not broadcast")
    w.case("addmm", "aten::addmm", lambda s, a, b, be, al: torch.addmm(s, a, b, beta=be, alpha=al),
           [rnd(5), rnd(3, 4), rnd(4, 5), 1, 1], 1e-5, 1e-5)
    w.case("addmm_beta_alpha", "aten::addmm", lambda s, a, b, be, al: torch.addmm(s, a, b, beta=be, alpha=al),
           [rnd(3, 5), rnd(3, 4), T(rnd(4, 5), "t"), 0.5, 2.0], 1e-5, 1e-5)
    w.case("addmm_beta0_nan", "aten::addmm", lambda s, a, b, be, al: torch.addmm(s, a, b, beta=be, alpha=al),
           [torch.full((3, 2), float("nan")), rnd(3, 4), rnd(4, 2), 0, 1], 1e-5, 1e-5)
    w.case("addmm_int", "aten::addmm", lambda s, a, b, be, al: torch.addmm(s, a, b, beta=be, alpha=al),
           [rnd(2, 1, dtype=I64), rnd(2, 3, dtype=I64), rnd(3, 4, dtype=I64), 2, 3])
    w.error("addmm_bad_self", "aten::addmm", lambda s, a, b, be, al: torch.addmm(s, a, b, beta=be, alpha=al),
            [rnd(4), rnd(3, 4), rnd(4, 5), 1, 1], "aten::addmm")
    lin = torch.nn.functional.linear
    w.case("linear_bias", "aten::linear", lin, [rnd(3, 4), rnd(5, 4), rnd(5)], 1e-5, 1e-5)
    w.case("linear_nobias", "aten::linear", lin, [rnd(3, 4), rnd(5, 4), None], 1e-5, 1e-5)
    w.case("linear_3d", "aten::linear", lin, [rnd(2, 3, 4), rnd(5, 4), rnd(5)], 1e-5, 1e-5)
    w.case("linear_1d", "aten::linear", lin, [rnd(4), rnd(5, 4), rnd(5)], 1e-5, 1e-5)
    w.case("linear_f64", "aten::linear", lin, [rnd(2, 4, dtype=F64), rnd(3, 4, dtype=F64), rnd(3, dtype=F64)], 1e-12, 1e-12)
    w.error("linear_mismatch", "aten::linear", lin, [rnd(3, 4), rnd(5, 3), None], "cannot be multiplied")


def shapes(w):
    x = rnd(2, 3, 4)
    w.case("view", "aten::view", lambda a, s: a.view(s), [x, [4, 6]])
    w.case("view_infer", "aten::view", lambda a, s: a.view(s), [x, [-1, 2]])
    w.case("view_scalar", "aten::view", lambda a, s: a.view(s), [torch.tensor(3.0), [1, 1]])
    w.case("view_sliced_ok", "aten::view", lambda a, s: a.view(s), [T(rnd(3, 4), "s"), [3, 4, 1]])
    w.error("view_transposed", "aten::view", lambda a, s: a.view(s), [T(rnd(3, 4), "t"), [12]], "view size is not compatible")
    w.error("view_bad_numel", "aten::view", lambda a, s: a.view(s), [x, [5, 5]], "is invalid for input of size 24")
    w.error("view_two_infer", "aten::view", lambda a, s: a.view(s), [x, [-1, -1]], "only one dimension can be inferred")
    w.case("reshape_transposed", "aten::reshape", torch.reshape, [T(rnd(3, 4), "t"), [12]])
    w.case("reshape_infer", "aten::reshape", torch.reshape, [x, [3, -1]])
    w.case("flatten", "aten::flatten.using_ints", torch.flatten, [x, 1, -1])
    w.case("flatten_all", "aten::flatten.using_ints", torch.flatten, [T(rnd(3, 4), "t"), 0, -1])
    w.case("flatten_zerodim", "aten::flatten.using_ints", torch.flatten, [torch.tensor(2.0), 0, -1])
    w.case("permute", "aten::permute", torch.permute, [x, [2, 0, 1]])
    w.case("permute_neg", "aten::permute", torch.permute, [x, [-1, -3, -2]])
    w.error("permute_bad", "aten::permute", torch.permute, [x, [0, 1]], "number of dims don't match")
    w.error("permute_repeat", "aten::permute", torch.permute, [x, [0, 1, 1]], "repeated dim")
    w.case("transpose", "aten::transpose.int", torch.transpose, [x, 0, 2])
    w.case("transpose_neg", "aten::transpose.int", torch.transpose, [x, -1, -2])
    w.error("transpose_bad", "aten::transpose.int", torch.transpose, [x, 0, 3], "out of range")
    w.case("t_2d", "aten::t", torch.t, [rnd(2, 3)])
    w.case("t_1d", "aten::t", torch.t, [rnd(3)])
    w.error("t_3d", "aten::t", torch.t, [x], "<= 2 dimensions")
    for d in [0, 1, 3, -1, -4]:
        w.case("unsqueeze_%s" % str(d).replace("-", "m"), "aten::unsqueeze", torch.unsqueeze, [x, d])
    w.error("unsqueeze_bad", "aten::unsqueeze", torch.unsqueeze, [x, 4], "out of range")
    y = rnd(1, 3, 1, 2)
    w.case("squeeze_all", "aten::squeeze", torch.squeeze, [y])
    w.case("squeeze_dim", "aten::squeeze.dim", torch.squeeze, [y, 2])
    w.case("squeeze_dim_noop", "aten::squeeze.dim", torch.squeeze, [y, 1])
    w.case("squeeze_dim_neg", "aten::squeeze.dim", torch.squeeze, [y, -4])
    w.case("expand", "aten::expand", lambda a, s, i: a.expand(s), [rnd(3, 1), [2, 3, 4], False])
    w.case("expand_keep", "aten::expand", lambda a, s, i: a.expand(s), [rnd(3, 1), [-1, 5], False])
    w.case("expand_as", "aten::expand_as", lambda a, b: a.expand_as(b), [rnd(1, 4), rnd(3, 4)])
    w.error("expand_bad", "aten::expand", lambda a, s, i: a.expand(s), [rnd(3), [2, 4], False], "must match the existing size")
    for name, args in [("slice_basic", [x, 1, 1, 3, 1]), ("slice_step", [x, 2, 0, None, 2]),
                       ("slice_neg", [x, -1, -3, -1, 1]), ("slice_big_end", [x, 0, 1, 100, 1]),
                       ("slice_none", [x, 1, None, None, 1]), ("slice_empty", [x, 1, 2, 1, 1]),
                       ("slice_transposed", [T(rnd(4, 6), "t"), 0, 1, 5, 3])]:
        w.case(name, "aten::slice.Tensor", lambda a, d, s, e, st: a[(slice(None),) * (d % a.dim()) + (slice(s, e, st),)], args)
    w.error("slice_step0", "aten::slice.Tensor", lambda a, d, s, e, st: a[(slice(None),) * d + (slice(s, e, st),)],
            [x, 0, 0, 2, 0], "step must be positive")
    w.case("select", "aten::select.int", torch.select, [x, 1, 2])
    w.case("select_neg", "aten::select.int", torch.select, [x, -1, -1])
    w.case("select_transposed", "aten::select.int", torch.select, [T(rnd(3, 5), "t"), 1, 4])
    w.error("select_oob", "aten::select.int", torch.select, [x, 1, 3], "out of range")
    w.case("narrow", "aten::narrow", torch.narrow, [x, 2, 1, 2])
    w.case("cat0", "aten::cat", torch.cat, [[rnd(2, 3), rnd(1, 3)], 0])
    w.case("cat1", "aten::cat", torch.cat, [[rnd(2, 3), T(rnd(2, 4), "t"), rnd(2, 1)], 1])
    w.case("cat_neg", "aten::cat", torch.cat, [[rnd(2, 3), rnd(2, 2)], -1])
    w.case("cat_promote", "aten::cat", torch.cat, [[rnd(2, 3), rnd(2, 3, dtype=I64), rnd(1, 3, dtype=F64)], 0], 1e-12, 1e-12)
    w.case("cat_skip_empty", "aten::cat", torch.cat, [[rnd(2, 3), torch.zeros(0), rnd(1, 3)], 0])
    w.case("cat_out", "aten::cat.out", lambda t, d, o: torch.cat(t, d, out=o), [[rnd(2), rnd(3)], 0, torch.zeros(0)])
    w.error("cat_mismatch", "aten::cat", torch.cat, [[rnd(2, 3), rnd(2, 4)], 0], "sizes of tensors must match except in dimension 0")
    w.error("cat_rank", "aten::cat", torch.cat, [[rnd(2, 3), rnd(2, 3, 1)], 0], "same number of dimensions")
    w.case("stack0", "aten::stack", torch.stack, [[rnd(2, 3), rnd(2, 3)], 0])
    w.case("stack_last", "aten::stack", torch.stack, [[rnd(2, 3), T(rnd(2, 3), "t"), rnd(2, 3)], -1])
    w.error("stack_mismatch", "aten::stack", torch.stack, [[rnd(2, 3), rnd(3, 2)], 0], "equal size")
    w.case("split", "aten::split.Tensor", torch.split, [rnd(5, 3), 2, 0])
    w.case("split_dim1", "aten::split.Tensor", torch.split, [T(rnd(3, 7), "t"), 3, -1])
    w.case("split_sizes", "aten::split.sizes", lambda a, s, d: torch.split(a, s, d), [rnd(5, 3), [1, 4], 0])
    w.case("split_with_sizes", "aten::split_with_sizes", lambda a, s, d: torch.split(a, s, d), [rnd(2, 6), [3, 0, 3], 1])
    w.error("split_with_sizes_bad", "aten::split_with_sizes", lambda a, s, d: torch.split(a, s, d),
            [rnd(5), [2, 2], 0], "must sum exactly to 5")
    w.case("chunk", "aten::chunk", torch.chunk, [rnd(7, 2), 3, 0])
    w.case("chunk_more_than_size", "aten::chunk", torch.chunk, [rnd(2, 3), 5, 1])
    w.error("chunk_zero", "aten::chunk", torch.chunk, [rnd(3), 0, 0], "greater than 0")
    w.case("unbind", "aten::unbind.int", torch.unbind, [rnd(3, 2), 1])
    w.case("contiguous", "aten::contiguous", lambda a, m: a.contiguous(), [T(rnd(3, 4), "t"), 0])
    w.case("clone", "aten::clone", lambda a, m: a.clone(), [T(rnd(3, 4), "s"), None])
    w.case("size_int", "aten::size.int", lambda a, d: a.size(d), [x, -1])
    w.case("size", "aten::size", lambda a: list(a.size()), [x])
    w.case("dim", "aten::dim", lambda a: a.dim(), [x])
    w.case("numel", "aten::numel", lambda a: a.numel(), [x])
    w.case("to_dtype", "aten::to.dtype", lambda a, d, nb, c, m: a.to(d), [rnd(2, 3, lo=-3, hi=3), I32, False, False, None])
    w.case("to_dtype_bool", "aten::to.dtype", lambda a, d, nb, c, m: a.to(d), [torch.tensor([0.0, 0.5, -1.0, float("nan")]), BOOL, False, False, None])
    w.case("to_prim_dtype", "aten::to.prim_dtype", lambda a, d, nb, c: a.to(d), [rnd(2, 3, dtype=I64), F16, False, False])
    w.case("to_other", "aten::to.other", lambda a, o, nb, c, m: a.to(o), [rnd(4), rnd(1, dtype=F64), False, False, None], 1e-12, 1e-12)
    w.case("type_as", "aten::type_as", lambda a, b: a.type_as(b), [rnd(2, 2, lo=0, hi=300), rnd(1, dtype=U8)])


def creation(w):
    opts = [None, None, None, None]
    w.case("zeros", "aten::zeros", lambda s, *o: torch.zeros(s), [[2, 3]] + opts)
    w.case("zeros_int", "aten::zeros", lambda s, d, *o: torch.zeros(s, dtype=d), [[2, 3], I32, None, None, None])
    w.case("ones", "aten::ones", lambda s, *o: torch.ones(s), [[3]] + opts)
    w.case("ones_f64", "aten::ones", lambda s, d, *o: torch.ones(s, dtype=d), [[2, 2], F64, None, None, None])
    w.case("full_int", "aten::full", lambda s, v, *o: torch.full(s, v), [[2, 2], 7] + opts)
    w.case("full_float", "aten::full", lambda s, v, *o: torch.full(s, v), [[2], 1.5] + opts)
    w.case("full_bool", "aten::full", lambda s, v, *o: torch.full(s, v), [[3], True] + opts)
    w.case("full_dtype", "aten::full", lambda s, v, d, *o: torch.full(s, v, dtype=d), [[2], 2.7, I64, None, None, None])
    for name, a in [("arange_end", [5]), ("arange_float_end", [2.5])]:
        w.case(name, "aten::arange", lambda e, *o: torch.arange(e), a + opts)
    w.case("arange_end_dtype", "aten::arange", lambda e, d, *o: torch.arange(e, dtype=d), [4, F64, None, None, None])
    w.case("arange_start", "aten::arange.start", lambda s, e, *o: torch.arange(s, e), [-3, 4] + opts)
    for name, a in [("arange_step_float", [1, 4, 0.5]), ("arange_step_neg", [10, 0, -3]),
                    ("arange_tenth", [0, 1, 0.1]), ("arange_float_bounds", [-1.5, 2.25, 0.75]),
                    ("arange_int_float_step", [0, 3, 1.0])]:
        w.case(name, "aten::arange.start_step", lambda s, e, st, *o: torch.arange(s, e, st), a + opts)
    w.case("arange_step_dtype", "aten::arange.start_step", lambda s, e, st, d, *o: torch.arange(s, e, st, dtype=d),
           [0, 10, 3, I32, None, None, None])
    w.error("arange_step0", "aten::arange.start_step", lambda s, e, st, *o: torch.arange(s, e, st), [0, 3, 0] + opts, "step must be nonzero")
    w.error("arange_sign", "aten::arange.start_step", lambda s, e, st, *o: torch.arange(s, e, st), [0, 3, -1] + opts, "inconsistent with step sign")
    like = [None, None, None, None, None]
    w.case("zeros_like", "aten::zeros_like", lambda a, *o: torch.zeros_like(a), [T(rnd(2, 3, dtype=I32), "t")] + like)
    w.case("ones_like_dtype", "aten::ones_like", lambda a, d, *o: torch.ones_like(a, dtype=d), [rnd(2, 3), F64, None, None, None, None])
    w.case("full_like", "aten::full_like", lambda a, v, *o: torch.full_like(a, v), [rnd(2, dtype=I64), 3.7] + like)


def promotion():
    order = [U8, I8, I16, I32, I64, F16, F32, F64, BOOL, BF16]
    lines = []
    for a in order:
        ta = torch.ones(2, dtype=a)
        for b in order:
            lines.append("tt %s %s %s" % (DTYPES[a], DTYPES[b], DTYPES[torch.result_type(ta, torch.ones(2, dtype=b))]))
            lines.append("tz %s %s %s" % (DTYPES[a], DTYPES[b], DTYPES[torch.result_type(ta, torch.tensor(1, dtype=b))]))
            lines.append("zz %s %s %s" % (DTYPES[a], DTYPES[b], DTYPES[torch.result_type(torch.tensor(1, dtype=a), torch.tensor(1, dtype=b))]))
        lines.append("ti %s %s" % (DTYPES[a], DTYPES[torch.result_type(ta, 1)]))
        lines.append("tf %s %s" % (DTYPES[a], DTYPES[torch.result_type(ta, 1.5)]))
        lines.append("tb %s %s" % (DTYPES[a], DTYPES[torch.result_type(ta, True)]))
        lines.append("zi %s %s" % (DTYPES[a], DTYPES[torch.result_type(torch.tensor(1, dtype=a), 1)]))
        lines.append("zf %s %s" % (DTYPES[a], DTYPES[torch.result_type(torch.tensor(1, dtype=a), 1.5)]))
    path = os.path.join(ROOT, "promotion.txt")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote", path, len(lines), "entries")


def main():
    assert torch.__version__.startswith("1.13"), "run with /usr/bin/python3 (torch 1.13)"
    os.makedirs(ROOT, exist_ok=True)
    only = set(sys.argv[1:])  # file names to write; all when none
    for name, fn in [("elementwise.txt", elementwise), ("compare.txt", compare_logical),
                     ("reduction.txt", reductions), ("linalg.txt", linalg), ("shape.txt", shapes),
                     ("creation.txt", creation), ("math.txt", math_ops), ("reduction_more.txt", reductions_more),
                     ("scan_sort.txt", scans_sorts), ("shape_extra.txt", shape_extra),
                     ("resample_extra.txt", resample_extra)]:
        if only and name not in only:
            continue
        w = Writer(name)
        fn(w)
        w.save()
    if not only or "promotion.txt" in only:
        promotion()


if __name__ == "__main__":
    main()
