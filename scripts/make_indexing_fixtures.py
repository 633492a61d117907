#!/usr/bin/python3
"""Writes tests/data/indexing/indexing.txt: inputs and PyTorch 1.13's outputs
for the indexing ops (index, index_put, index_select, gather, scatter,
masked_select, nonzero, where, embedding, embedding_bag, one_hot), read by
tests/kernels/indexing_test.cpp. Run with /usr/bin/python3 (torch 1.13).
Same format as kernel_fixture_format.py, plus two conventions the test
knows: in cases named none_*, a float64 tensor of shape [0] in a tensor
list stands for None; cases named bag_* check only embedding_bag's first
output."""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kernel_fixture_format as kff  # noqa: E402
from kernel_fixture_format import BOOL, F16, F32, F64, I32, I64, U8, BF16, T, Writer, rnd, tol  # noqa: E402

kff.ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "indexing")
NONE = torch.empty(0, dtype=F64)


def nones(lst):
    return [None if (isinstance(e, torch.Tensor) and e.dtype == F64 and e.numel() == 0) else e for e in lst]


def L(*v):
    return torch.tensor(v, dtype=I64)


def index_cases(w):
    x = rnd(4, 5, 6)
    w.case("idx_1d", "aten::index.Tensor", lambda s, i: s[i], [x, [L(0, 3, -1, 2)]])
    w.case("idx_adjacent", "aten::index.Tensor", lambda s, i: torch.ops.aten.index(s, i),
           [x, [L(1, 0).reshape(2, 1), L(4, -2, 0)]])
    w.case("idx_all_three", "aten::index.Tensor", lambda s, i: torch.ops.aten.index(s, i),
           [x, [L(1, 3), L(0, 4), L(5, -6)]])
    w.case("idx_transposed", "aten::index.Tensor", lambda s, i: torch.ops.aten.index(s, i),
           [T(rnd(3, 4), "t"), [L(2, 0, 1, 1)]])
    w.case("idx_strided", "aten::index.Tensor", lambda s, i: torch.ops.aten.index(s, i),
           [T(rnd(3, 4, dtype=I32), "s"), [L(1), L(0, 3)]])
    w.case("idx_mask_full", "aten::index.Tensor", lambda s, i: torch.ops.aten.index(s, i),
           [rnd(3, 4), [rnd(3, 4, dtype=BOOL)]])
    w.case("idx_mask_first", "aten::index.Tensor", lambda s, i: torch.ops.aten.index(s, i),
           [rnd(4, 3), [torch.tensor([True, False, True, True])]])
    w.case("idx_byte_mask", "aten::index.Tensor", lambda s, i: torch.ops.aten.index(s, i),
           [rnd(4, 3), [torch.tensor([1, 0, 0, 1], dtype=U8)]])
    w.case("idx_empty", "aten::index.Tensor", lambda s, i: torch.ops.aten.index(s, i),
           [rnd(4, 3), [torch.empty(0, dtype=I64)]])
    w.case("idx_empty_self", "aten::index.Tensor", lambda s, i: torch.ops.aten.index(s, i),
           [rnd(0, 3), [torch.empty(2, 0, dtype=I64)]])
    for dt in (F16, BF16, F64, I32, I64, BOOL, U8):
        w.case("idx_dtype_" + kff.DTYPES[dt], "aten::index.Tensor", lambda s, i: torch.ops.aten.index(s, i),
               [rnd(3, 4, dtype=dt), [L(2, 0), L(-1, 1)]], *tol(dt))
    w.error("idx_oob", "aten::index.Tensor", lambda s, i: torch.ops.aten.index(s, i), [rnd(5, 2), [L(0, 7)]],
            "aten::index: index 7 is out of bounds for dimension 0 with size 5")
    w.error("idx_oob_neg", "aten::index.Tensor", lambda s, i: torch.ops.aten.index(s, i), [rnd(5, 2), [L(0), L(-3)]],
            "aten::index: index -3 is out of bounds for dimension 1 with size 2")
    w.error("idx_too_many", "aten::index.Tensor", lambda s, i: torch.ops.aten.index(s, i), [rnd(5), [L(0), L(0)]],
            "too many indices")
    w.error("idx_mask_shape", "aten::index.Tensor", lambda s, i: torch.ops.aten.index(s, i),
            [rnd(5, 2), [torch.ones(4, dtype=BOOL)]], "does not match the shape")
    w.error("idx_broadcast", "aten::index.Tensor", lambda s, i: torch.ops.aten.index(s, i),
            [rnd(5, 4), [L(0, 1), L(0, 1, 2)]], "shape mismatch")
    # None entries: a slice in between (separated) or in front (adjacent).
    f = lambda s, i: torch.ops.aten.index(s, nones(i))  # noqa: E731
    w.case("none_front", "aten::index.Tensor", f, [x, [NONE, L(2, 0, -1)]])
    w.case("none_separated", "aten::index.Tensor", f, [x, [L(1, 2), NONE, L(0, 5)]])
    w.case("none_separated_bcast", "aten::index.Tensor", f, [x, [L(1, 2).reshape(2, 1), NONE, L(0, 5, 3)]])
    w.case("none_adjacent_tail", "aten::index.Tensor", f, [x, [NONE, L(1, 2), L(0, 5)]])
    w.case("none_mask_mid", "aten::index.Tensor", f, [x, [NONE, torch.tensor([True, False, True, False, True])]])


def index_put_cases(w):
    def put(s, i, v, acc):
        return torch.ops.aten.index_put_(s, nones(i), v, acc)

    def put_oop(s, i, v, acc):
        return torch.ops.aten.index_put(s, nones(i), v, acc)

    w.case("put_basic", "aten::index_put_", put, [rnd(4, 3), [L(0, 2)], rnd(2, 3), False], inplace=True)
    w.case("put_bcast", "aten::index_put_", put, [rnd(4, 3), [L(3, -4)], rnd(3), False], inplace=True)
    w.case("put_acc_dup", "aten::index_put_", put, [rnd(4, 3), [L(1, 1, 3, 1)], rnd(4, 3), True], inplace=True)
    w.case("put_acc_int", "aten::index_put_", put, [rnd(5, dtype=I32), [L(0, 0, 4)], rnd(3, dtype=I32), True],
           inplace=True)
    w.case("put_acc_bool", "aten::index_put_", put, [rnd(5, dtype=BOOL), [L(0, 0, 4)], rnd(3, dtype=BOOL), True],
           inplace=True)
    w.case("put_mask", "aten::index_put_", put, [rnd(3, 4), [rnd(3, 4, dtype=BOOL)], torch.tensor(7.5), False],
           inplace=True)
    w.case("put_two", "aten::index_put_", put, [rnd(3, 4, dtype=F64), [L(0, 2), L(3, 1)], rnd(2, dtype=F64), True],
           1e-12, 1e-12, inplace=True)
    w.case("put_transposed", "aten::index_put_", put, [T(rnd(3, 4), "t"), [L(1, 2)], rnd(2, 4), False],
           inplace=True)
    w.case("put_oop", "aten::index_put", put_oop, [rnd(4, 3), [L(1, 1)], rnd(2, 3), True])
    w.case("put_oop_half", "aten::index_put", put_oop, [rnd(4, 3, dtype=F16), [L(2)], rnd(3, dtype=F16), False],
           *tol(F16))
    w.case("none_put", "aten::index_put", put_oop, [rnd(4, 3), [NONE, L(2, 0)], rnd(4, 2), False])
    w.case("none_put_acc", "aten::index_put_", put, [rnd(2, 3, 4), [L(1, 1), NONE, L(0, 0)], rnd(2, 3), True],
           inplace=True)
    w.error("put_oob", "aten::index_put_", put, [rnd(4, 3), [L(4)], rnd(3), False],
            "aten::index_put_: index 4 is out of bounds for dimension 0 with size 4")
    w.error("put_dtype", "aten::index_put_", put, [rnd(4, 3), [L(1)], rnd(3, dtype=F64), False], "dtypes match")
    w.error("put_shape", "aten::index_put_", put, [rnd(4, 3), [L(1, 2)], rnd(3, 3), False], "shape mismatch")


def select_gather_cases(w):
    w.case("sel_dim0", "aten::index_select", torch.index_select, [rnd(5, 3), 0, L(4, 0, 0, 2)])
    w.case("sel_dim1_t", "aten::index_select", torch.index_select, [T(rnd(3, 4), "t"), 1, L(2, 1)])
    w.case("sel_neg_dim", "aten::index_select", torch.index_select, [T(rnd(2, 3, 4, dtype=I64), "s"), -1,
                                                                     torch.tensor([3, 0], dtype=I32)])
    w.case("sel_scalar_index", "aten::index_select", torch.index_select, [rnd(4, 3), 0, torch.tensor(2)])
    w.case("sel_empty", "aten::index_select", torch.index_select, [rnd(4, 3), 1, torch.empty(0, dtype=I64)])
    w.case("sel_bf16", "aten::index_select", torch.index_select, [rnd(4, 3, dtype=BF16), 0, L(3, 1)], *tol(BF16))
    w.case("sel_bool", "aten::index_select", torch.index_select, [rnd(4, 3, dtype=BOOL), 0, L(3, 1)])
    w.error("sel_oob", "aten::index_select", torch.index_select, [rnd(5, 2), 0, L(1, 7)],
            "aten::index_select: index 7 is out of bounds for dimension 0 with size 5")
    w.error("sel_neg", "aten::index_select", torch.index_select, [rnd(5, 2), 0, L(-1)],
            "aten::index_select: index -1 is out of bounds for dimension 0 with size 5")
    w.error("sel_float_index", "aten::index_select", torch.index_select, [rnd(5, 2), 0, rnd(2)], "int64")
    g = lambda s, d, i, sg: torch.gather(s, d, i, sparse_grad=sg)  # noqa: E731
    w.case("gather_dim1", "aten::gather", g, [rnd(3, 4), 1, L(0, 3, 3, 1, 2, 0).reshape(3, 2), False])
    w.case("gather_dim0_small", "aten::gather", g, [rnd(4, 5, dtype=I32), 0, L(3, 0, 1, 1).reshape(2, 2), False])
    w.case("gather_t", "aten::gather", g, [T(rnd(3, 4), "t"), -1, L(0, 2, 1, 3, 0, 0).reshape(3, 2), False])
    w.case("gather_empty", "aten::gather", g, [rnd(3, 4), 1, torch.empty(3, 0, dtype=I64), False])
    w.case("gather_f16", "aten::gather", g, [rnd(2, 3, dtype=F16), 1, L(2, 2, 0, 1).reshape(2, 2), False], *tol(F16))
    w.error("gather_oob", "aten::gather", g, [rnd(3, 4), 1, L(0, 4, 1).reshape(3, 1), False],
            "aten::gather: index 4 is out of bounds for dimension 1 with size 4")
    w.error("gather_neg", "aten::gather", g, [rnd(3, 4), 1, L(0, -1, 1).reshape(3, 1), False],
            "aten::gather: index -1 is out of bounds for dimension 1 with size 4")
    w.error("gather_rank", "aten::gather", g, [rnd(3, 4), 1, L(0, 1), False], "same number of dimensions")
    w.error("gather_int32", "aten::gather", g, [rnd(3, 4), 1, torch.zeros(3, 1, dtype=I32), False], "int64")


def scatter_cases(w):
    idx = L(0, 2, 1, 0, 1, 2).reshape(2, 3)
    w.case("scatter_src", "aten::scatter.src", torch.scatter, [rnd(3, 3), 0, idx, rnd(2, 3)])
    w.case("scatter_src_big", "aten::scatter.src", torch.scatter, [rnd(3, 5), 1, idx, T(rnd(4, 3), "t")])
    w.case("scatter_value", "aten::scatter.value", torch.scatter, [rnd(3, 4, dtype=I64), 1, idx, 9])
    w.case("scatter_value_f", "aten::scatter.value", torch.scatter, [rnd(3, 4), 1, idx, -1.5])
    w.case("scatter_add_reduce", "aten::scatter.reduce", lambda s, d, i, x, r: torch.scatter(s, d, i, x, reduce=r),
           [rnd(3, 3), 0, L(0, 0, 0, 0, 0, 0).reshape(2, 3), rnd(2, 3), "add"])
    w.case("scatter_mul_reduce", "aten::scatter.reduce", lambda s, d, i, x, r: torch.scatter(s, d, i, x, reduce=r),
           [rnd(3, 3, dtype=F64), 1, idx, rnd(2, 3, dtype=F64), "multiply"], 1e-12, 1e-12)
    w.case("scatter_value_reduce", "aten::scatter.value_reduce",
           lambda s, d, i, x, r: torch.scatter(s, d, i, x, reduce=r), [rnd(3, 3), 1, idx, 2.0, "multiply"])
    w.case("scatter_inplace", "aten::scatter_.src", lambda s, d, i, x: s.scatter_(d, i, x),
           [T(rnd(3, 3), "t"), 1, idx, rnd(2, 3)], inplace=True)
    w.case("scatter_inplace_value", "aten::scatter_.value", lambda s, d, i, x: s.scatter_(d, i, x),
           [rnd(3, 3, dtype=BOOL), 0, idx, True], inplace=True)
    w.case("scatter_add", "aten::scatter_add", torch.scatter_add, [rnd(3, 3), 0, L(2, 2, 2, 0, 2, 2).reshape(2, 3),
                                                                   rnd(2, 3)])
    w.case("scatter_add_int", "aten::scatter_add", torch.scatter_add, [rnd(4, dtype=I32), 0, L(1, 1, 3, 1),
                                                                       rnd(4, dtype=I32)])
    w.case("scatter_add_inplace", "aten::scatter_add_", lambda s, d, i, x: s.scatter_add_(d, i, x),
           [rnd(2, 4, dtype=F16), 1, L(3, 3, 0, 1).reshape(2, 2), rnd(2, 2, dtype=F16)], *tol(F16), inplace=True)
    w.case("scatter_empty", "aten::scatter.src", torch.scatter, [rnd(3, 3), 0, torch.empty(0, 3, dtype=I64),
                                                                 rnd(2, 3)])
    w.error("scatter_oob", "aten::scatter.src", torch.scatter, [rnd(3, 3), 0, L(0, 3, 1).reshape(1, 3), rnd(2, 3)],
            "aten::scatter: index 3 is out of bounds for dimension 0 with size 3")
    w.error("scatter_add_oob", "aten::scatter_add", torch.scatter_add, [rnd(3, 3), 1, L(-1).reshape(1, 1),
                                                                        rnd(2, 3)],
            "aten::scatter_add: index -1 is out of bounds for dimension 1 with size 3")
    w.error("scatter_src_small", "aten::scatter.src", torch.scatter, [rnd(3, 3), 0, idx, rnd(1, 3)], "smaller")
    w.error("scatter_dtype", "aten::scatter.src", torch.scatter, [rnd(3, 3), 0, idx, rnd(2, 3, dtype=F64)], "dtype")


def select_misc_cases(w):
    w.case("masked_select", "aten::masked_select", torch.masked_select, [rnd(3, 4), rnd(3, 4, dtype=BOOL)])
    w.case("masked_select_bcast", "aten::masked_select", torch.masked_select, [T(rnd(3, 4, dtype=I32), "t"),
                                                                               torch.tensor([True, False, True]).reshape(3, 1)])
    w.case("masked_select_bcast_self", "aten::masked_select", torch.masked_select, [rnd(4), rnd(3, 4, dtype=BOOL)])
    w.case("masked_select_empty", "aten::masked_select", torch.masked_select, [rnd(0, 4), rnd(4, dtype=BOOL)])
    w.error("masked_select_float", "aten::masked_select", torch.masked_select, [rnd(3), rnd(3)], "BoolTensor")
    for dt in (F32, I64, BOOL, F16, U8):
        w.case("nonzero_" + kff.DTYPES[dt], "aten::nonzero", torch.nonzero, [rnd(3, 4, dtype=dt, lo=-1, hi=1)])
    w.case("nonzero_nan", "aten::nonzero", torch.nonzero, [torch.tensor([0.0, float("nan"), -0.0, 2.0])])
    w.case("nonzero_strided", "aten::nonzero", torch.nonzero, [T(rnd(2, 3, 4, dtype=I32, lo=-1, hi=1), "s")])
    w.case("nonzero_0d", "aten::nonzero", torch.nonzero, [torch.tensor(3.0)])
    w.case("nonzero_empty", "aten::nonzero", torch.nonzero, [rnd(0, 3)])
    w.case("where_3d", "aten::where", lambda c: list(torch.where(c)), [rnd(2, 3, 4, dtype=BOOL)])
    w.case("where_t", "aten::where", lambda c: list(torch.where(c)), [T(rnd(3, 4, lo=-1, hi=1, dtype=I64), "t")])


def embedding_cases(w):
    wt = rnd(6, 3)
    w.case("emb_basic", "aten::embedding", torch.ops.aten.embedding, [wt, L(5, 0, 2, 2), -1, False, False])
    w.case("emb_2d", "aten::embedding", torch.ops.aten.embedding,
           [T(rnd(6, 3, dtype=F64), "t"), L(1, 5, 0, 4, 4, 3).reshape(2, 3), 1, False, False], 1e-12, 1e-12)
    w.case("emb_int32", "aten::embedding", torch.ops.aten.embedding, [wt, torch.tensor([3, 1], dtype=I32), -1,
                                                                     False, False])
    w.case("emb_empty", "aten::embedding", torch.ops.aten.embedding, [wt, torch.empty(0, 2, dtype=I64), -1, False,
                                                                     False])
    w.error("emb_oob", "aten::embedding", torch.ops.aten.embedding, [wt, L(0, 6), -1, False, False],
            "aten::embedding: index 6 is out of bounds for dimension 0 with size 6")

    def bag(weight, ind, off, sgf, mode, sparse, psw, last):
        return torch.ops.aten.embedding_bag(weight, ind, off, sgf, mode, sparse, psw, last)[0]

    def bag_pad(weight, ind, off, sgf, mode, sparse, psw, last, pad):
        return torch.ops.aten.embedding_bag(weight, ind, off, sgf, mode, sparse, psw, last, pad)[0]

    ind = L(1, 5, 0, 2, 2, 4, 3)
    off = L(0, 2, 2, 5)
    for mode in (0, 1, 2):
        w.case("bag_mode%d" % mode, "aten::embedding_bag", bag, [wt, ind, off, False, mode, False, None, False],
               1e-5, 1e-5)
        w.case("bag_last_mode%d" % mode, "aten::embedding_bag", bag,
               [wt, ind, L(0, 2, 2, 5, 7), False, mode, False, None, True], 1e-5, 1e-5)
        w.case("bag_pad_mode%d" % mode, "aten::embedding_bag.padding_idx", bag_pad,
               [wt, ind, off, False, mode, False, None, False, 2], 1e-5, 1e-5)
    w.case("bag_psw", "aten::embedding_bag", bag, [T(rnd(6, 3, dtype=F64), "t"), ind, off, False, 0, False,
                                                   rnd(7, dtype=F64), False], 1e-12, 1e-12)
    w.error("bag_oob", "aten::embedding_bag", bag, [wt, L(0, 9), L(0), False, 0, False, None, False],
            "aten::embedding_bag: index 9 is out of bounds for dimension 0 with size 6")
    oh = torch.ops.aten.one_hot
    w.case("one_hot", "aten::one_hot", oh, [L(0, 3, 1, 1).reshape(2, 2), 5])
    w.case("one_hot_infer", "aten::one_hot", oh, [L(2, 0, 1), -1])
    w.case("one_hot_empty", "aten::one_hot", oh, [torch.empty(0, dtype=I64), 3])
    w.error("one_hot_big", "aten::one_hot", oh, [L(0, 3), 3], "smaller than num_classes")
    w.error("one_hot_neg", "aten::one_hot", oh, [L(0, -1), 3], "non-negative")
    w.error("one_hot_empty_infer", "aten::one_hot", oh, [torch.empty(0, dtype=I64), -1], "empty tensor")


def main():
    os.makedirs(kff.ROOT, exist_ok=True)
    w = Writer("indexing.txt")
    index_cases(w)
    index_put_cases(w)
    select_gather_cases(w)
    scatter_cases(w)
    select_misc_cases(w)
    embedding_cases(w)
    w.save()


if __name__ == "__main__":
    main()
