"""Data-movement cases for make_kernel_fixtures.py (tests/data/kernels/shape_extra.txt):
repeat/tile/repeat_interleave, flip/roll, movedim/unflatten/diagonal,
triu/tril, einsum, and the split/narrow/to/clone/copy_/fill_/masked_fill
overloads on views and dtypes."""
import torch

from kernel_fixture_format import BOOL, DTYPES, F16, F32, F64, GEN, I32, I64, U8, T, rnd


def shape_extra(w):
    # Independent of the cases written before: the same values whether
    # this file is written alone or with the others.
    GEN.manual_seed(4242)
    x = rnd(2, 3, 4)

    # repeat / tile
    w.case("repeat", "aten::repeat", lambda a, r: a.repeat(r), [rnd(2, 3), [2, 1, 3]])
    w.case("repeat_same_rank", "aten::repeat", lambda a, r: a.repeat(r), [x, [1, 2, 2]])
    w.case("repeat_transposed", "aten::repeat", lambda a, r: a.repeat(r), [T(rnd(3, 4), "t"), [2, 2]])
    w.case("repeat_sliced", "aten::repeat", lambda a, r: a.repeat(r), [T(rnd(2, 3), "s"), [3, 1]])
    w.case("repeat_zero", "aten::repeat", lambda a, r: a.repeat(r), [rnd(2, 3), [0, 2]])
    w.case("repeat_scalar", "aten::repeat", lambda a, r: a.repeat(r), [torch.tensor(1.5), [2, 3]])
    for dt in [I64, BOOL, F16, U8, F64]:
        w.case("repeat_%s" % DTYPES[dt], "aten::repeat", lambda a, r: a.repeat(r), [rnd(2, 2, dtype=dt), [2, 3]])
    w.error("repeat_too_few", "aten::repeat", lambda a, r: a.repeat(r), [x, [2, 2]],
            "can not be smaller than number of dimensions")
    w.error("repeat_negative", "aten::repeat", lambda a, r: a.repeat(r), [rnd(2), [-1]], "negative")
    w.case("tile_fewer", "aten::tile", torch.tile, [rnd(2, 3), [2]])
    w.case("tile_more", "aten::tile", torch.tile, [rnd(3), [2, 2]])
    w.case("tile_transposed", "aten::tile", torch.tile, [T(rnd(2, 3, dtype=I32), "t"), [1, 2, 2]])

    # repeat_interleave
    ri = torch.repeat_interleave
    w.case("repeat_interleave_int_flat", "aten::repeat_interleave.self_int",
           lambda a, r, d, o: ri(a, r, d, output_size=o), [rnd(2, 3), 2, None, None])
    w.case("repeat_interleave_int_dim", "aten::repeat_interleave.self_int",
           lambda a, r, d, o: ri(a, r, d, output_size=o), [rnd(2, 3), 3, 1, None])
    w.case("repeat_interleave_int_neg_dim", "aten::repeat_interleave.self_int",
           lambda a, r, d, o: ri(a, r, d, output_size=o), [T(rnd(3, 4, dtype=I64), "t"), 2, -2, None])
    w.case("repeat_interleave_tensor", "aten::repeat_interleave.self_Tensor",
           lambda a, r, d, o: ri(a, r, d, output_size=o), [rnd(3, 2), torch.tensor([1, 0, 2]), 0, None])
    w.case("repeat_interleave_tensor_one", "aten::repeat_interleave.self_Tensor",
           lambda a, r, d, o: ri(a, r, d, output_size=o), [rnd(2, 3, dtype=BOOL), torch.tensor([2]), 1, 6])
    w.case("repeat_interleave_tensor_flat", "aten::repeat_interleave.self_Tensor",
           lambda a, r, d, o: ri(a, r, d, output_size=o), [rnd(2, 2), torch.tensor([1, 2, 0, 3], dtype=I32), None, None])
    w.case("repeat_interleave_counts", "aten::repeat_interleave.Tensor", lambda r, o: ri(r, output_size=o),
           [torch.tensor([2, 0, 3, 1]), None])
    w.error("repeat_interleave_negative", "aten::repeat_interleave.self_Tensor",
            lambda a, r, d, o: ri(a, r, d, output_size=o), [rnd(3), torch.tensor([1, -1, 2]), 0, None], "negative")
    w.error("repeat_interleave_size", "aten::repeat_interleave.self_Tensor",
            lambda a, r, d, o: ri(a, r, d, output_size=o), [rnd(3), torch.tensor([1, 2]), 0, None],
            "same size as input along dim")
    w.error("repeat_interleave_float", "aten::repeat_interleave.self_Tensor",
            lambda a, r, d, o: ri(a, r, d, output_size=o), [rnd(3), torch.tensor([1.0, 2.0, 1.0]), 0, None],
            "Long or Int")
    w.error("repeat_interleave_dim", "aten::repeat_interleave.self_int",
            lambda a, r, d, o: ri(a, r, d, output_size=o), [rnd(3), 2, 1, None], "out of range")

    # flip / roll
    for tag, dims in [("0", [0]), ("0_2", [0, 2]), ("m1", [-1]), ("all", [0, 1, 2]), ("none", [])]:
        w.case("flip_" + tag, "aten::flip", torch.flip, [x, dims])
    w.case("flip_transposed", "aten::flip", torch.flip, [T(rnd(3, 5), "t"), [1]])
    w.case("flip_sliced", "aten::flip", torch.flip, [T(rnd(3, 4, dtype=I32), "s"), [0, 1]])
    for dt in [BOOL, F16, I64, U8]:
        w.case("flip_%s" % DTYPES[dt], "aten::flip", torch.flip, [rnd(3, 4, dtype=dt), [0]])
    w.case("flip_empty", "aten::flip", torch.flip, [rnd(0, 3), [1]])
    w.case("flip_scalar", "aten::flip", torch.flip, [torch.tensor(2.0), [0]])
    w.error("flip_repeat", "aten::flip", torch.flip, [x, [0, 0]], "multiple times")
    w.error("flip_bad_dim", "aten::flip", torch.flip, [x, [3]], "out of range")
    w.case("fliplr", "aten::fliplr", torch.fliplr, [rnd(3, 4)])
    w.case("flipud", "aten::flipud", torch.flipud, [T(rnd(3, 4), "t")])
    w.case("roll_one", "aten::roll", torch.roll, [x, [1], [0]])
    w.case("roll_two", "aten::roll", torch.roll, [x, [-2, 5], [2, 0]])
    w.case("roll_flat", "aten::roll", torch.roll, [x, [3], []])
    w.case("roll_transposed", "aten::roll", torch.roll, [T(rnd(3, 5, dtype=I64), "t"), [2], [1]])
    w.case("roll_zero", "aten::roll", torch.roll, [rnd(4), [4], [0]])
    w.case("roll_empty", "aten::roll", torch.roll, [rnd(0, 2), [1], [0]])
    w.error("roll_align", "aten::roll", torch.roll, [x, [1, 2], [0]], "must align")

    # movedim / moveaxis / swapaxes / unflatten / diagonal (views)
    w.case("movedim_int", "aten::movedim.int", torch.movedim, [x, 0, 2])
    w.case("movedim_int_neg", "aten::movedim.int", torch.movedim, [x, -1, 0])
    w.case("movedim_list", "aten::movedim.intlist", torch.movedim, [rnd(2, 3, 4, 5), [0, 1], [3, 1]])
    w.case("movedim_list_transposed", "aten::movedim.intlist", torch.movedim, [T(rnd(2, 3, 4), "t"), [2], [0]])
    w.case("moveaxis_list", "aten::moveaxis.intlist", torch.moveaxis, [x, [2, 0], [0, 1]])
    w.error("movedim_repeat", "aten::movedim.intlist", torch.movedim, [x, [0, 0], [1, 2]], "repeated dim")
    w.error("movedim_len", "aten::movedim.intlist", torch.movedim, [x, [0, 1], [1]], "same number of dims")
    w.error("movedim_range", "aten::movedim.int", torch.movedim, [x, 3, 0], "out of range")
    w.case("swapaxes", "aten::swapaxes", torch.swapaxes, [x, 0, -1])
    w.case("swapdims", "aten::swapdims", torch.swapdims, [x, 1, 2])
    w.case("unflatten", "aten::unflatten.int", torch.unflatten, [rnd(2, 6, 3), 1, [2, 3]])
    w.case("unflatten_infer", "aten::unflatten.int", torch.unflatten, [rnd(2, 6, 3), -2, [-1, 2]])
    w.case("unflatten_sliced", "aten::unflatten.int", torch.unflatten, [T(rnd(2, 6), "s"), 0, [1, 2]])
    w.error("unflatten_bad", "aten::unflatten.int", torch.unflatten, [rnd(2, 6), 1, [4, 2]], "multiply up")
    w.error("unflatten_dim", "aten::unflatten.int", torch.unflatten, [rnd(2, 6), 2, [2, 1]], "out of range")
    w.case("diagonal", "aten::diagonal", torch.diagonal, [rnd(3, 4), 0, 0, 1])
    w.case("diagonal_offset", "aten::diagonal", torch.diagonal, [rnd(3, 4), 1, 0, 1])
    w.case("diagonal_neg_offset", "aten::diagonal", torch.diagonal, [rnd(2, 4, 3), -1, 2, 0])
    w.case("diagonal_empty", "aten::diagonal", torch.diagonal, [rnd(3, 4), 5, 0, 1])
    w.error("diagonal_same", "aten::diagonal", torch.diagonal, [rnd(3, 4), 0, 1, 1], "cannot be identical")
    w.case("ravel_transposed", "aten::ravel", torch.ravel, [T(rnd(3, 4), "t")])

    # triu / tril
    for d in [0, 1, -1, 3, -4]:
        tag = str(d).replace("-", "m")
        w.case("triu_%s" % tag, "aten::triu", torch.triu, [rnd(4, 5), d])
        w.case("tril_%s" % tag, "aten::tril", torch.tril, [rnd(5, 4), d])
    w.case("triu_batched", "aten::triu", torch.triu, [rnd(2, 3, 3), 0])
    w.case("tril_transposed", "aten::tril", torch.tril, [T(rnd(4, 4), "t"), 0])
    for dt in [BOOL, I64, F16]:
        w.case("tril_%s" % DTYPES[dt], "aten::tril", torch.tril, [rnd(3, 3, dtype=dt), 0])
    w.case("triu_empty", "aten::triu", torch.triu, [rnd(0, 3), 0])
    w.case("triu_inplace", "aten::triu_", lambda a, d: a.triu_(d), [T(rnd(3, 4), "s"), 1], inplace=True)
    w.case("tril_inplace", "aten::tril_", lambda a, d: a.tril_(d), [T(rnd(4, 4), "t"), -1], inplace=True)
    w.error("triu_1d", "aten::triu", torch.triu, [rnd(3), 0], "at least 2 dimensions")

    # einsum
    es = [
        ("mm", "ij,jk->ik", [rnd(3, 4), rnd(4, 5)]),
        ("mm_implicit", "ij,jk", [rnd(3, 4), rnd(4, 2)]),
        ("bmm", "bij,bjk->bik", [rnd(2, 3, 4), rnd(2, 4, 5)]),
        ("attention", "bhqd,bhkd->bhqk", [rnd(2, 2, 3, 4), rnd(2, 2, 5, 4)]),
        ("trace", "ii", [rnd(4, 4)]),
        ("diag", "ii->i", [rnd(3, 3)]),
        ("diag_batch", "bii->bi", [rnd(2, 3, 3)]),
        ("transpose", "ij->ji", [rnd(2, 3)]),
        ("sum_all", "ij->", [rnd(2, 3)]),
        ("sum_rows", "ij->i", [T(rnd(3, 4), "t")]),
        ("dot", "i,i->", [rnd(5), rnd(5)]),
        ("outer", "i,j->ij", [rnd(3), rnd(4)]),
        ("hadamard", "ij,ij->ij", [rnd(2, 3), T(rnd(2, 3), "t")]),
        ("three", "bn,anm,bm->ba", [rnd(2, 3), rnd(4, 3, 5), rnd(2, 5)]),
        ("ellipsis_bmm", "...ij,...jk->...ik", [rnd(2, 3, 4), rnd(4, 2)]),
        ("ellipsis_bcast", "...i,...i->...", [rnd(2, 1, 3), rnd(4, 3)]),
        ("ellipsis_mid", "b...d,d->b...", [rnd(2, 3, 2, 4), rnd(4)]),
        ("ellipsis_implicit", "...ij", [rnd(2, 3, 4)]),
        ("implicit_order", "ba,Ab", [rnd(3, 2), rnd(4, 3)]),
        ("sum_unshared", "ij,kl->il", [rnd(2, 3), rnd(4, 5)]),
        ("repeated_pair", "iij,jk->ik", [rnd(3, 3, 4), rnd(4, 2)]),
        ("bcast_one", "ij,ij->i", [rnd(3, 1), rnd(3, 4)]),
        ("spaces", "ij, jk -> ik", [rnd(2, 3), rnd(3, 2)]),
        ("f64", "ij,jk->ik", [rnd(3, 4, dtype=F64), rnd(4, 2, dtype=F64)]),
        ("int64", "ij,jk->ki", [rnd(3, 4, dtype=I64), rnd(4, 2, dtype=I64)]),
        ("empty", "ij,jk->ik", [rnd(0, 3), rnd(3, 2)]),
    ]
    for name, eq, ops in es:
        r, t = (1e-12, 1e-12) if name == "f64" else (1e-5, 1e-5)
        if " " in eq:
            continue  # the fixture format splits on spaces; tested in C++
        w.case("einsum_" + name, "aten::einsum", lambda e, o, p: torch.einsum(e, o), [eq, ops, None], r, t)
    ein = lambda e, o, p: torch.einsum(e, o)
    # Random equations: 1-3 operands of rank 0-4 over 5 labels, repeated
    # labels, size-1 broadcasting, explicit and implicit outputs, ellipses.
    rng = torch.Generator().manual_seed(77)
    ri = lambda n: int(torch.randint(0, n, (1,), generator=rng))
    sizes = {c: 2 + ri(3) for c in "abcde"}
    for k in range(40):
        terms, ops, used = [], [], []
        ell = ri(4) == 0
        ell_shape = [1 + ri(3) for _ in range(ri(3))]
        for _ in range(1 + ri(3)):
            labels = [("abcde")[ri(5)] for _ in range(ri(4) + (0 if ell else 1))]
            shape = [sizes[c] if ri(6) else 1 for c in labels]
            # A repeated label needs equal sizes on its dims.
            for i, c in enumerate(labels):
                shape[i] = shape[labels.index(c)]
            term = "".join(labels)
            if ell:
                cut = ri(len(labels) + 1)
                term = term[:cut] + "..." + term[cut:]
                e = ell_shape[ri(len(ell_shape) + 1):] if ell_shape else []
                e = [d if ri(3) else 1 for d in e]
                shape = shape[:cut] + e + shape[cut:]
            terms.append(term)
            ops.append(rnd(*shape, lo=-2, hi=2))
            used += labels
        eq = ",".join(terms)
        if ri(2):
            uniq = sorted(set(used))
            out = [c for c in uniq if ri(2)]
            eq += "->" + ("..." if ell else "") + "".join(out[::-1])
        w.case("einsum_random_%d" % k, "aten::einsum", ein, [eq, ops, None], 1e-5, 1e-5)
    w.error("einsum_operands", "aten::einsum", ein, ["ij,jk->ik", [rnd(2, 3)], None], "ij,jk->ik")
    w.error("einsum_bad_char", "aten::einsum", ein, ["i$", [rnd(2, 3)], None], "'i$'")
    w.error("einsum_out_label", "aten::einsum", ein, ["ij->k", [rnd(2, 3)], None], "does not appear")
    w.error("einsum_rank", "aten::einsum", ein, ["ij", [rnd(2, 3, 4)], None], "does not match the number of dimensions")
    w.error("einsum_diag_size", "aten::einsum", ein, ["ii", [rnd(2, 3)], None], "repeated")
    w.error("einsum_bcast", "aten::einsum", ein, ["ij,ij->ij", [rnd(2, 3), rnd(2, 4)], None], "broadcast")
    w.error("einsum_two_ellipses", "aten::einsum", ein, ["......i", [rnd(2, 3)], None], "ellipsis")

    # contiguous / clone memory formats, to overloads
    w.case("contiguous_channels_last", "aten::contiguous", lambda a, m: a.contiguous(memory_format=torch.channels_last),
           [rnd(2, 3, 2, 2), 2])
    w.case("contiguous_transposed", "aten::contiguous", lambda a, m: a.contiguous(), [T(rnd(2, 3, 4), "t"), 0])
    w.case("clone_preserve", "aten::clone", lambda a, m: a.clone(), [T(rnd(3, 4), "t"), 1])
    w.case("clone_channels_last", "aten::clone", lambda a, m: a.clone(memory_format=torch.channels_last),
           [rnd(1, 2, 3, 2), 2])
    w.case("clone_int", "aten::clone", lambda a, m: a.clone(), [T(rnd(3, 4, dtype=I32), "s"), None])
    w.error("contiguous_channels_last_3d", "aten::contiguous",
            lambda a, m: a.contiguous(memory_format=torch.channels_last), [rnd(2, 3, 4), 2], "rank 4")
    w.case("to_dtype_copy", "aten::to.dtype", lambda a, d, nb, c, m: a.to(d, copy=c), [rnd(2, 3), F32, False, True, None])
    w.case("to_dtype_f64_i8", "aten::to.dtype", lambda a, d, nb, c, m: a.to(d), [rnd(2, 3, dtype=F64, lo=-100, hi=100), torch.int8, False, False, None])
    w.case("to_dtype_channels_last", "aten::to.dtype", lambda a, d, nb, c, m: a.to(d, memory_format=torch.channels_last),
           [rnd(1, 2, 2, 3), F64, False, False, 2], 1e-12, 1e-12)
    w.case("to_dtype_layout", "aten::to.dtype_layout", lambda a, d, l, dev, pm, nb, c, m: a.to(dtype=d),
           [T(rnd(2, 3), "t"), F16, None, None, None, False, False, None], 1e-3, 1e-3)
    w.case("to_dtype_layout_none", "aten::to.dtype_layout", lambda a, d, l, dev, pm, nb, c, m: a.to(copy=c),
           [rnd(2, 3, dtype=I64), None, None, None, None, False, True, None])
    w.case("to_device", "aten::to.device", lambda a, dev, d, nb, c, m: a.to(dev, d),
           [rnd(3), "cpu", I64, False, False, None])
    w.case("to_prim_device", "aten::to.prim_Device", lambda a, dev, d, nb, c: a.to(dev),
           [rnd(3, dtype=BOOL), "cpu", None, False, False])
    w.case("to_prim_other", "aten::to.prim_other", lambda a, nb, c: a.to(copy=c), [T(rnd(2, 3), "t"), False, True])
    w.case("to_other_int", "aten::to.other", lambda a, o, nb, c, m: a.to(o), [rnd(2, 3, lo=-5, hi=5), rnd(1, dtype=I32), False, False, None])
    w.error("to_device_cuda", "aten::to.device", lambda a, dev, d, nb, c, m: a.to(dev, d),
            [rnd(3), "cuda", F32, False, False, None], "not supported")

    # copy_ / fill_ / zero_ / masked_fill
    w.case("copy_bcast", "aten::copy_", lambda a, b, nb: a.copy_(b), [rnd(2, 3), rnd(3), False], inplace=True)
    w.case("copy_f64_to_i32", "aten::copy_", lambda a, b, nb: a.copy_(b),
           [rnd(2, 3, dtype=I32), rnd(2, 3, dtype=F64, lo=-9, hi=9), False], inplace=True)
    w.case("copy_into_transposed", "aten::copy_", lambda a, b, nb: a.copy_(b), [T(rnd(3, 4), "t"), rnd(3, 4), False], inplace=True)
    w.case("copy_from_sliced", "aten::copy_", lambda a, b, nb: a.copy_(b), [rnd(2, 3), T(rnd(2, 3), "s"), False], inplace=True)
    w.case("copy_bool_to_f16", "aten::copy_", lambda a, b, nb: a.copy_(b), [rnd(2, 2, dtype=F16), rnd(2, 1, dtype=BOOL), False], inplace=True)
    w.case("copy_scalar_src", "aten::copy_", lambda a, b, nb: a.copy_(b), [rnd(2, 2, dtype=I64), torch.tensor(3.7), False], inplace=True)
    w.error("copy_no_bcast", "aten::copy_", lambda a, b, nb: a.copy_(b), [rnd(2, 3), rnd(2), False], "broadcast")
    w.case("fill_sliced", "aten::fill_.Scalar", lambda a, v: a.fill_(v), [T(rnd(2, 3), "s"), -1.25], inplace=True)
    w.case("fill_bool", "aten::fill_.Scalar", lambda a, v: a.fill_(v), [rnd(2, 3, dtype=BOOL), True], inplace=True)
    w.case("fill_int_f16", "aten::fill_.Scalar", lambda a, v: a.fill_(v), [rnd(3, dtype=F16), 7], inplace=True)
    w.case("fill_tensor_int", "aten::fill_.Tensor", lambda a, v: a.fill_(v), [T(rnd(2, 3, dtype=I64), "t"), torch.tensor(2.9)], inplace=True)
    w.error("fill_tensor_dims", "aten::fill_.Tensor", lambda a, v: a.fill_(v), [rnd(3), rnd(1)], "0-dimension")
    w.case("zero_transposed", "aten::zero_", lambda a: a.zero_(), [T(rnd(3, 4, dtype=F64), "t")], inplace=True)
    w.case("zero_bool", "aten::zero_", lambda a: a.zero_(), [rnd(3, dtype=BOOL)], inplace=True)
    mask = rnd(3, 4, dtype=BOOL)
    w.case("masked_fill_transposed", "aten::masked_fill.Scalar", torch.masked_fill, [T(rnd(3, 4), "t"), mask, 2.5])
    w.case("masked_fill_bool", "aten::masked_fill.Scalar", torch.masked_fill, [rnd(3, 4, dtype=BOOL), mask, True])
    w.case("masked_fill_mask_bcast", "aten::masked_fill.Scalar", torch.masked_fill, [rnd(2, 3, 4), rnd(1, 4, dtype=BOOL), -1])
    w.case("masked_fill_f16", "aten::masked_fill.Tensor", torch.masked_fill, [rnd(3, 4, dtype=F16), mask, torch.tensor(1.5)])
    w.case("masked_fill_inplace_sliced", "aten::masked_fill_.Scalar", lambda a, m, v: a.masked_fill_(m, v),
           [T(rnd(3, 4), "s"), mask, 0.0], inplace=True)
    w.error("masked_fill_inplace_bcast_self", "aten::masked_fill_.Scalar", lambda a, m, v: a.masked_fill_(m, v),
            [rnd(4), mask, 0.0], "broadcast shape")

    # split family, narrow, expand_as
    w.case("chunk_uneven", "aten::chunk", torch.chunk, [rnd(2, 7), 3, -1])
    w.case("chunk_transposed", "aten::chunk", torch.chunk, [T(rnd(5, 4, dtype=I64), "t"), 2, 0])
    w.case("chunk_empty", "aten::chunk", torch.chunk, [rnd(0, 4), 2, 1])
    w.case("split_int_larger", "aten::split.Tensor", torch.split, [rnd(3, 2), 5, 0])
    w.case("split_int_sliced", "aten::split.Tensor", torch.split, [T(rnd(2, 5), "s"), 2, 1])
    w.case("split_sizes_neg_dim", "aten::split.sizes", lambda a, s, d: torch.split(a, s, d), [x, [1, 3], -1])
    w.case("split_list_overload", "aten::split", lambda a, s, d: torch.split(a, s, d), [rnd(4, 2, dtype=BOOL), [2, 2], 0])
    w.error("split_sizes_bad", "aten::split.sizes", lambda a, s, d: torch.split(a, s, d), [rnd(4), [1, 1], 0], "sum exactly")
    w.case("split_with_sizes_transposed", "aten::split_with_sizes", lambda a, s, d: torch.split(a, s, d),
           [T(rnd(3, 4), "t"), [1, 3], 1])
    w.case("unbind_neg", "aten::unbind.int", torch.unbind, [x, -1])
    w.case("unbind_transposed", "aten::unbind.int", torch.unbind, [T(rnd(3, 2, dtype=I32), "t"), 0])
    w.error("unbind_bad_dim", "aten::unbind.int", torch.unbind, [rnd(3, 2), 2], "out of range")
    w.case("narrow_neg_start", "aten::narrow", torch.narrow, [x, 1, -2, 2])
    w.case("narrow_transposed", "aten::narrow", torch.narrow, [T(rnd(4, 5), "t"), 0, 1, 3])
    w.case("narrow_empty", "aten::narrow", torch.narrow, [x, 2, 4, 0])
    w.error("narrow_too_long", "aten::narrow", torch.narrow, [x, 2, 2, 3], "exceeds dimension size")
    w.error("narrow_dim", "aten::narrow", torch.narrow, [x, 3, 0, 1], "out of range")
    w.case("expand_as_new_dims", "aten::expand_as", lambda a, b: a.expand_as(b), [rnd(3, 1), rnd(2, 3, 4)])
    w.case("expand_as_int", "aten::expand_as", lambda a, b: a.expand_as(b), [rnd(1, dtype=I64), rnd(2, 2)])
    w.error("expand_as_bad", "aten::expand_as", lambda a, b: a.expand_as(b), [rnd(3), rnd(2, 4)], "must match")


def resample_extra(w):
    """F.interpolate's modes beyond 2-D nearest/bilinear, and adaptive_avg_pool3d
    (tests/data/kernels/resample_extra.txt)."""
    GEN.manual_seed(5151)
    ops = torch.ops.aten
    x1, x2, x3 = rnd(1, 2, 5), rnd(2, 2, 4, 5), rnd(1, 2, 3, 4, 5)
    for name, fn, x, size in [("nearest1d", ops.upsample_nearest1d, x1, [9]),
                              ("nearest3d", ops.upsample_nearest3d, x3, [5, 3, 8]),
                              ("nearest_exact1d", ops._upsample_nearest_exact1d, x1, [7]),
                              ("nearest_exact2d", ops._upsample_nearest_exact2d, x2, [7, 3]),
                              ("nearest_exact3d", ops._upsample_nearest_exact3d, x3, [2, 6, 9])]:
        d = len(size)
        qual = {"nearest1d": "upsample_nearest1d", "nearest3d": "upsample_nearest3d",
                "nearest_exact1d": "_upsample_nearest_exact1d", "nearest_exact2d": "_upsample_nearest_exact2d",
                "nearest_exact3d": "_upsample_nearest_exact3d"}[name]
        w.case(name + "_vec_size", "aten::%s.vec" % qual, lambda a, s, f, fn=fn: fn(a, s, f), [x, size, None])
        w.case(name + "_vec_scale", "aten::%s.vec" % qual, lambda a, s, f, fn=fn: fn(a, s, f),
               [x, None, [1.7] * d])
        w.case(name + "_sized", "aten::%s" % qual, lambda a, s, *sc, fn=fn: fn(a, s, *sc), [x, size] + [None] * d)
    w.case("nearest1d_uint8", "aten::upsample_nearest1d.vec", lambda a, s, f: ops.upsample_nearest1d(a, s, f),
           [rnd(1, 1, 4, dtype=U8), [10], None])
    weighted = [("linear1d", "upsample_linear1d", ops.upsample_linear1d, x1, [9]),
                ("trilinear3d", "upsample_trilinear3d", ops.upsample_trilinear3d, x3, [5, 2, 8]),
                ("bicubic2d", "upsample_bicubic2d", ops.upsample_bicubic2d, x2, [7, 9]),
                ("bilinear2d_aa", "_upsample_bilinear2d_aa", ops._upsample_bilinear2d_aa, x2, [7, 9]),
                ("bicubic2d_aa", "_upsample_bicubic2d_aa", ops._upsample_bicubic2d_aa, x2, [7, 9]),
                ("bilinear2d_aa_down", "_upsample_bilinear2d_aa", ops._upsample_bilinear2d_aa, rnd(1, 2, 9, 11), [4, 3]),
                ("bicubic2d_aa_down", "_upsample_bicubic2d_aa", ops._upsample_bicubic2d_aa, rnd(1, 2, 9, 11), [4, 5]),
                ("bicubic2d_down", "upsample_bicubic2d", ops.upsample_bicubic2d, rnd(1, 1, 9, 8), [4, 3])]
    for name, qual, fn, x, size in weighted:
        d = len(size)
        for align in [False, True]:
            tag = "_ac" if align else ""
            w.case(name + tag + "_vec_size", "aten::%s.vec" % qual, lambda a, s, al, f, fn=fn: fn(a, s, al, f),
                   [x, size, align, None], 1e-5, 1e-5)
            w.case(name + tag + "_vec_scale", "aten::%s.vec" % qual, lambda a, s, al, f, fn=fn: fn(a, s, al, f),
                   [x, None, align, [2.3] * d if "down" not in name else [0.45] * d], 1e-5, 1e-5)
        w.case(name + "_sized", "aten::%s" % qual, lambda a, s, al, *sc, fn=fn: fn(a, s, al, *sc),
               [x, size, False] + [None] * d, 1e-5, 1e-5)
    w.case("trilinear3d_f64", "aten::upsample_trilinear3d.vec", lambda a, s, al, f: ops.upsample_trilinear3d(a, s, al, f),
           [rnd(1, 1, 2, 3, 2, dtype=F64), [3, 5, 4], False, None], 1e-12, 1e-12)
    w.case("interpolate_bicubic_transposed", "aten::upsample_bicubic2d.vec",
           lambda a, s, al, f: ops.upsample_bicubic2d(a, s, al, f), [T(rnd(1, 2, 4, 6), "t"), [5, 8], False, None], 1e-5, 1e-5)
    w.error("linear1d_rank", "aten::upsample_linear1d.vec", lambda a, s, al, f: ops.upsample_linear1d(a, s, al, f),
            [rnd(2, 3), [4], False, None], "expected a 3-D input")
    w.error("trilinear3d_both", "aten::upsample_trilinear3d.vec",
            lambda a, s, al, f: ops.upsample_trilinear3d(a, s, al, f), [x3, [2, 2, 2], False, [2.0, 2.0, 2.0]],
            "exactly one")
    for name, x, size in [("adaptive_avg_pool3d", rnd(2, 2, 5, 7, 3), [2, 3, 3]),
                          ("adaptive_avg_pool3d_unbatched", rnd(2, 4, 4, 6), [3, 1, 4]),
                          ("adaptive_avg_pool3d_same", rnd(1, 1, 2, 3, 4), [2, 3, 4])]:
        w.case(name, "aten::adaptive_avg_pool3d", torch.nn.functional.adaptive_avg_pool3d, [x, size], 1e-5, 1e-5)
