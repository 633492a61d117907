"""Elementwise, comparison, logical, where and clamp cases for
make_kernel_fixtures.py."""
import torch

from kernel_fixture_format import (BF16, BOOL, DTYPES, F16, F32, F64, I8, I16, I32, I64, U8, T,
                                   edge_floats, nonzero, rnd, tol)


def elementwise(w):
    A = lambda a, b, al: torch.add(a, b, alpha=al)
    pairs = [(F32, F32), (F64, F64), (I64, I64), (I32, I64), (F32, I64), (BOOL, BOOL), (U8, I8),
             (F16, F16), (BF16, F32), (I16, BOOL), (F64, F32)]
    for da, db in pairs:
        a, b = rnd(2, 3, dtype=da), rnd(3, dtype=db)
        r, t = tol(da if da.is_floating_point else db)
        w.case("add_%s_%s" % (DTYPES[da], DTYPES[db]), "aten::add.Tensor", A, [a, b, 1], r, t)
        if da != BOOL and db != BOOL:
            w.case("sub_%s_%s" % (DTYPES[da], DTYPES[db]), "aten::sub.Tensor", lambda x, y, al: torch.sub(x, y, alpha=al), [a, b, 2], r, t)
        w.case("mul_%s_%s" % (DTYPES[da], DTYPES[db]), "aten::mul.Tensor", torch.mul, [a, b], r, t)
    w.case("add_bcast_3d", "aten::add.Tensor", A, [rnd(2, 1, 4), rnd(3, 1), 1])
    w.case("add_alpha_float", "aten::add.Tensor", lambda a, b, al: torch.add(a, b, alpha=al), [rnd(2, 3), rnd(2, 3), 0.5])
    w.case("add_transposed", "aten::add.Tensor", A, [T(rnd(3, 4), "t"), T(rnd(3, 4), "c"), 1])
    w.case("add_sliced", "aten::add.Tensor", A, [T(rnd(2, 5), "s"), T(rnd(2, 5, dtype=F64), "t"), 1])
    w.case("add_zerodim_int", "aten::add.Tensor", A, [rnd(2, 3, dtype=I32), torch.tensor(7), 1])
    w.case("add_zerodim_float", "aten::add.Tensor", A, [rnd(2, 3, dtype=I32), torch.tensor(1.5, dtype=F64), 1])
    w.case("add_zerodim_both", "aten::add.Tensor", A, [torch.tensor(2, dtype=I32), torch.tensor(1.5, dtype=F64), 1], 1e-12, 1e-12)
    w.case("add_empty", "aten::add.Tensor", A, [rnd(0, 3), rnd(3), 1])
    for da, s in [(F32, 2), (I64, 2.5), (I32, 3), (BOOL, 2), (F16, 2.5), (U8, 300), (F64, 0.1), (BOOL, True)]:
        w.case("add_scalar_%s_%s" % (DTYPES[da], type(s).__name__), "aten::add.Scalar",
               lambda a, b, al: torch.add(a, b, alpha=al), [rnd(2, 3, dtype=da), s, 1], *tol(da))
    w.case("sub_scalar", "aten::sub.Scalar", lambda a, b, al: torch.sub(a, b, alpha=al), [rnd(4), 1.5, 2])
    w.case("rsub_scalar", "aten::rsub.Scalar", lambda a, b, al: torch.rsub(a, b, alpha=al), [rnd(4), 1, 1])
    w.case("rsub_tensor", "aten::rsub.Tensor", lambda a, b, al: torch.rsub(a, b, alpha=al), [rnd(2, 3), rnd(3), 2])
    w.case("mul_scalar_int", "aten::mul.Scalar", torch.mul, [rnd(2, 3, dtype=I64), 3])
    w.case("mul_scalar_float", "aten::mul.Scalar", torch.mul, [rnd(2, 3, dtype=I64), -0.5])
    out64 = torch.zeros(0, dtype=F64)
    w.case("add_out_resize", "aten::add.out", lambda a, b, al, o: torch.add(a, b, alpha=al, out=o),
           [rnd(2, 3), rnd(3), 1, out64])
    w.case("mul_out", "aten::mul.out", lambda a, b, o: torch.mul(a, b, out=o), [rnd(2, 3), rnd(2, 3), torch.zeros(2, 3)])
    w.case("add_inplace_f32_i64", "aten::add_.Tensor", lambda a, b, al: a.add_(b, alpha=al),
           [rnd(2, 3), rnd(3, dtype=I64), 2], inplace=True)
    w.case("add_inplace_scalar", "aten::add_.Scalar", lambda a, b, al: a.add_(b, alpha=al), [rnd(2, 3, dtype=I32), 5, 1], inplace=True)
    w.case("sub_inplace", "aten::sub_.Tensor", lambda a, b, al: a.sub_(b, alpha=al), [T(rnd(3, 4), "t"), rnd(4), 1], inplace=True)
    w.case("mul_inplace", "aten::mul_.Scalar", lambda a, b: a.mul_(b), [rnd(2, 3), 2.5], inplace=True)
    w.error("add_inplace_int_float", "aten::add_.Tensor", lambda a, b, al: a.add_(b, alpha=al),
            [rnd(2, 3, dtype=I64), rnd(3), 1], "can't be cast to the desired output type int64")
    w.error("add_inplace_shape", "aten::add_.Tensor", lambda a, b, al: a.add_(b, alpha=al),
            [rnd(3), rnd(2, 3), 1], "doesn't match the broadcast shape")
    w.error("add_no_broadcast", "aten::add.Tensor", A, [rnd(2, 3), rnd(4), 1], "aten::add: shapes [2, 3] and [4] do not broadcast")
    w.error("add_int_alpha_float", "aten::add.Tensor", lambda a, b, al: torch.add(a, b, alpha=al),
            [rnd(2, dtype=I64), rnd(2, dtype=I64), 0.5], "alpha must not be a floating point")
    w.error("sub_bool", "aten::sub.Tensor", lambda x, y, al: torch.sub(x, y, alpha=al), [rnd(3, dtype=BOOL), rnd(3, dtype=BOOL), 1], "bool tensors is not supported")

    # Division.
    w.case("div_int_int", "aten::div.Tensor", torch.div, [nonzero(2, 3), nonzero(3)])
    w.case("div_f32", "aten::div.Tensor", torch.div, [rnd(2, 3), rnd(2, 3)])
    w.case("div_by_zero_float", "aten::div.Tensor", torch.div,
           [torch.tensor([1.0, -1.0, 0.0, 2.0]), torch.tensor([0.0, 0.0, 0.0, -0.0])])
    w.case("div_scalar", "aten::div.Scalar", torch.div, [rnd(2, 3, dtype=I32), 4])
    for mode in ["trunc", "floor"]:
        for dt in [I64, I32, F32, F64]:
            a = rnd(3, 4, dtype=dt, lo=-9, hi=9)
            b = nonzero(4, dtype=dt)
            w.case("div_%s_%s" % (mode, DTYPES[dt]), "aten::div.Tensor_mode",
                   lambda x, y, m: torch.div(x, y, rounding_mode=m), [a, b, mode], *tol(dt))
        w.case("div_%s_scalar" % mode, "aten::div.Scalar_mode",
               lambda x, y, m: torch.div(x, y, rounding_mode=m), [rnd(5, dtype=I64, lo=-9, hi=9), -2, mode])
    w.case("div_floor_float_edges", "aten::div.Tensor_mode", lambda x, y, m: torch.div(x, y, rounding_mode=m),
           [torch.tensor([5.0, -5.0, 5.0, -5.0, 0.0, 1.0, -7.5]), torch.tensor([3.0, 3.0, -3.0, -3.0, -2.0, 0.0, 2.0]), "floor"])
    w.case("div_mode_none", "aten::div.Tensor_mode", lambda x, y, m: torch.div(x, y, rounding_mode=m),
           [nonzero(4), nonzero(4), None])
    w.case("div_inplace", "aten::div_.Tensor", lambda a, b: a.div_(b), [rnd(2, 3), nonzero(3, dtype=F32)], inplace=True)
    w.error("div_inplace_int", "aten::div_.Tensor", lambda a, b: a.div_(b), [nonzero(3), nonzero(3)], "can't be cast")
    w.error("div_int_by_zero", "aten::div.Tensor_mode", lambda x, y, m: torch.div(x, y, rounding_mode=m),
            [nonzero(3), torch.tensor([1, 0, 2]), "trunc"], "ZeroDivisionError")
    w.error("div_bad_mode", "aten::div.Tensor_mode", lambda x, y, m: torch.div(x, y, rounding_mode=m),
            [rnd(3), rnd(3), "round"], "rounding_mode")

    for dt in [I64, I32, F32, F64]:
        a, b = rnd(3, 4, dtype=dt, lo=-9, hi=9), nonzero(4, dtype=dt)
        w.case("floor_divide_%s" % DTYPES[dt], "aten::floor_divide", torch.floor_divide, [a, b], *tol(dt))
        w.case("remainder_%s" % DTYPES[dt], "aten::remainder.Tensor", torch.remainder, [a, b], *tol(dt))
    w.case("floor_divide_scalar", "aten::floor_divide.Scalar", torch.floor_divide, [rnd(6, dtype=I64, lo=-9, hi=9), 4])
    w.case("remainder_scalar_neg", "aten::remainder.Scalar", torch.remainder, [rnd(6, lo=-9, hi=9), -2.5])
    w.case("remainder_scalar_tensor", "aten::remainder.Scalar_Tensor", torch.remainder, [7, nonzero(5)])
    w.case("remainder_inplace", "aten::remainder_.Scalar", lambda a, b: a.remainder_(b), [rnd(2, 3, dtype=I32, lo=-9, hi=9), 4],
           inplace=True)
    w.error("remainder_int_zero", "aten::remainder.Tensor", torch.remainder, [nonzero(3), torch.tensor([1, 0, 2])],
            "ZeroDivisionError")

    # pow.
    w.case("pow_tt_f32", "aten::pow.Tensor_Tensor", torch.pow, [rnd(2, 3, lo=0.1, hi=3), rnd(3)])
    w.case("pow_tt_int", "aten::pow.Tensor_Tensor", torch.pow, [rnd(2, 3, dtype=I64), rnd(3, dtype=I64, lo=0, hi=4)])
    w.case("pow_tt_int_negexp", "aten::pow.Tensor_Tensor", torch.pow,
           [torch.tensor([1, -1, 2, -1, 0, 3]), torch.tensor([-2, -3, -1, -2, 2, 0])])
    for e in [2, 3, 0.5, -1, -2, 1.5, 0]:
        w.case("pow_ts_f32_%s" % str(e).replace(".", "p").replace("-", "m"), "aten::pow.Tensor_Scalar",
               torch.pow, [rnd(2, 3, lo=0.1, hi=4), e], 1e-6, 1e-6)
    w.case("pow_ts_int", "aten::pow.Tensor_Scalar", torch.pow, [rnd(2, 3, dtype=I32), 3])
    w.case("pow_ts_int_float", "aten::pow.Tensor_Scalar", torch.pow, [rnd(2, 3, dtype=I64, lo=0, hi=5), 0.5])
    w.case("pow_scalar_base", "aten::pow.Scalar", torch.pow, [2, rnd(2, 3)])
    w.case("pow_scalar_base_int", "aten::pow.Scalar", torch.pow, [2, rnd(2, 3, dtype=I32, lo=0, hi=10)])
    w.case("pow_scalar_base_float_int", "aten::pow.Scalar", torch.pow, [2.5, rnd(4, dtype=I64, lo=0, hi=4)])
    w.case("pow_inplace", "aten::pow_.Scalar", lambda a, e: a.pow_(e), [rnd(4, lo=0, hi=3), 2], inplace=True)
    w.error("pow_int_negative_scalar", "aten::pow.Tensor_Scalar", torch.pow, [rnd(3, dtype=I64), -1],
            "negative integer powers")

    # Unary math and activations.
    wide = torch.cat([edge_floats(), torch.linspace(-12, 12, 97)])
    unary = [("neg", torch.neg), ("abs", torch.abs), ("exp", torch.exp), ("log", torch.log),
             ("sqrt", torch.sqrt), ("rsqrt", torch.rsqrt), ("sin", torch.sin), ("cos", torch.cos),
             ("tanh", torch.tanh), ("sigmoid", torch.sigmoid), ("erf", torch.erf), ("relu", torch.relu),
             ("silu", torch.nn.functional.silu)]
    for name, fn in unary:
        w.case("%s_f32" % name, "aten::%s" % name, fn, [wide], 2e-6, 1e-6)
        w.case("%s_f64" % name, "aten::%s" % name, fn, [rnd(3, 4, dtype=F64, lo=0.1, hi=4)], 1e-12, 1e-12)
        w.case("%s_f32_transposed" % name, "aten::%s" % name, fn, [T(rnd(5, 7, lo=-4, hi=4), "t")], 2e-6, 1e-6)
        w.case("%s_f16" % name, "aten::%s" % name, fn, [rnd(8, dtype=F16, lo=0.1, hi=2)], 2e-3, 2e-3)
        if name not in ("silu",):
            w.case("%s_i64" % name, "aten::%s" % name, fn, [rnd(2, 5, dtype=I64, lo=-4, hi=6)], 1e-6, 1e-6)
        w.case("%s_out" % name, "aten::%s.out" % name, lambda x, o, fn=fn: fn(x),
               [rnd(2, 3, lo=0.1, hi=3), torch.zeros(2, 3)], 2e-6, 1e-6)
        w.case("%s_inplace" % name, "aten::%s_" % name, lambda x, fn=fn: fn(x),
               [T(rnd(2, 3, lo=0.1, hi=3), "t")], 2e-6, 1e-6, inplace=True)
    big = torch.linspace(-30, 30, 1201)
    for name, fn in [("exp", torch.exp), ("tanh", torch.tanh), ("sigmoid", torch.sigmoid), ("erf", torch.erf),
                     ("silu", torch.nn.functional.silu)]:
        w.case("%s_f32_long" % name, "aten::%s" % name, fn, [big], 2e-6, 1e-6)
    for approx in ["none", "tanh"]:
        g = lambda x, a: torch.nn.functional.gelu(x, approximate=a)
        w.case("gelu_%s_f32" % approx, "aten::gelu", g, [wide, approx], 2e-6, 1e-6)
        w.case("gelu_%s_long" % approx, "aten::gelu", g, [big, approx], 2e-6, 1e-6)
        w.case("gelu_%s_f64" % approx, "aten::gelu", g, [rnd(3, 4, dtype=F64), approx], 1e-12, 1e-12)
        w.case("gelu_%s_bf16" % approx, "aten::gelu", g, [rnd(6, dtype=BF16), approx], 1e-2, 1e-2)
    w.case("gelu_out", "aten::gelu.out", lambda x, a, o: torch.nn.functional.gelu(x, approximate=a),
           [rnd(2, 3), "tanh", torch.zeros(2, 3)])
    w.case("gelu_inplace", "aten::gelu_", lambda x, a: torch.nn.functional.gelu(x, approximate=a),
           [rnd(2, 3), "none"], inplace=True)
    w.error("exp_inplace_int", "aten::exp_", lambda x: x.exp_(), [rnd(3, dtype=I64)], "can't be cast")
    w.error("neg_bool", "aten::neg", torch.neg, [rnd(3, dtype=BOOL)], "bool tensor is not supported")
    w.error("gelu_bad_approx", "aten::gelu", lambda x, a: torch.nn.functional.gelu(x, approximate=a),
            [rnd(3), "fast"], "approximate")


def compare_logical(w):
    ops = [("eq", torch.eq), ("ne", torch.ne), ("lt", torch.lt), ("le", torch.le), ("gt", torch.gt), ("ge", torch.ge)]
    a = torch.tensor([[1.0, 2.0, float("nan")], [-1.0, 0.0, 3.0]])
    b = torch.tensor([1.0, 3.0, float("nan")])
    for name, fn in ops:
        w.case("%s_f32" % name, "aten::%s.Tensor" % name, fn, [a, b])
        w.case("%s_int_float" % name, "aten::%s.Tensor" % name, fn, [rnd(2, 3, dtype=I64), rnd(3, lo=-2, hi=2).round()])
        w.case("%s_scalar" % name, "aten::%s.Scalar" % name, fn, [rnd(2, 3, dtype=I32), 1])
        w.case("%s_scalar_float" % name, "aten::%s.Scalar" % name, fn, [rnd(2, 3, dtype=I32), 0.5])
        w.case("%s_out" % name, "aten::%s.Tensor_out" % name, lambda x, y, o, fn=fn: fn(x, y, out=o),
               [rnd(2, 3), rnd(2, 3), torch.zeros(2, 3)])
        w.case("%s_inplace" % name, "aten::%s_.Scalar" % name, lambda x, y, fn=fn: getattr(x, name + "_")(y),
               [rnd(2, 3), 0.0], inplace=True)
    for name, fn in [("logical_and", torch.logical_and), ("logical_or", torch.logical_or),
                     ("logical_xor", torch.logical_xor)]:
        w.case(name, "aten::%s" % name, fn, [rnd(2, 3, dtype=I64, lo=-1, hi=1), rnd(3, lo=-1, hi=1).round()])
        w.case(name + "_bool", "aten::%s" % name, fn, [rnd(2, 3, dtype=BOOL), rnd(2, 3, dtype=BOOL)])
        w.case(name + "_inplace", "aten::%s_" % name, lambda x, y, name=name: getattr(x, name + "_")(y),
               [rnd(2, 3, dtype=I64, lo=-1, hi=1), rnd(3, dtype=BOOL)], inplace=True)
    w.case("logical_not", "aten::logical_not", torch.logical_not, [torch.tensor([0.0, 1.5, float("nan"), -0.0])])
    w.case("logical_not_out", "aten::logical_not.out", lambda x, o: torch.logical_not(x, out=o),
           [rnd(4, dtype=I32, lo=-1, hi=1), torch.zeros(4)])

    cond = rnd(2, 3, dtype=BOOL)
    w.case("where_self", "aten::where.self", torch.where, [cond, rnd(2, 3), rnd(3)])
    w.case("where_promote", "aten::where.self", torch.where, [rnd(3, dtype=BOOL), rnd(2, 1, dtype=I64), rnd(3, dtype=F64)], 1e-12, 1e-12)
    w.case("where_scalar_other", "aten::where.ScalarOther", torch.where, [cond, rnd(2, 3), 0.0])
    w.case("where_scalar_other_int", "aten::where.ScalarOther", torch.where, [cond, rnd(2, 3, dtype=I32), 5])
    w.case("where_scalar_self", "aten::where.ScalarSelf", torch.where, [cond, 1.5, rnd(2, 3, dtype=F64)], 1e-12, 1e-12)
    w.case("where_scalar", "aten::where.Scalar", torch.where, [cond, 1.0, 0.0])
    w.case("where_scalar_int", "aten::where.Scalar", torch.where, [cond, 1, 0])
    w.error("where_float_cond", "aten::where.self", torch.where, [rnd(3), rnd(3), rnd(3)], "boolean")
    w.error("where_no_broadcast", "aten::where.self", torch.where, [rnd(2, dtype=BOOL), rnd(3), rnd(3)], "do not broadcast")

    x = torch.tensor([[-2.0, -0.5, 0.0], [0.5, 2.0, float("nan")]])
    w.case("clamp_both", "aten::clamp", torch.clamp, [x, -1.0, 1.0])
    w.case("clamp_min_only", "aten::clamp", torch.clamp, [x, 0, None])
    w.case("clamp_max_only", "aten::clamp", torch.clamp, [x, None, 0.25])
    w.case("clamp_min_gt_max", "aten::clamp", torch.clamp, [x, 1.0, -1.0])
    w.case("clamp_int", "aten::clamp", torch.clamp, [rnd(2, 3, dtype=I64), -1, 1])
    w.case("clamp_int_float", "aten::clamp", torch.clamp, [rnd(2, 3, dtype=I64), -0.5, 1.5])
    w.case("clamp_tensor", "aten::clamp.Tensor", torch.clamp, [rnd(2, 3), rnd(3, lo=-2, hi=0), rnd(2, 1, lo=0, hi=2)])
    w.case("clamp_tensor_min", "aten::clamp.Tensor", torch.clamp, [rnd(2, 3, dtype=I64), rnd(3, dtype=F64), None], 1e-12, 1e-12)
    w.case("clamp_out", "aten::clamp.out", lambda a, lo, hi, o: torch.clamp(a, lo, hi, out=o), [x, -1.0, 1.0, torch.zeros(0)])
    w.case("clamp_inplace", "aten::clamp_", lambda a, lo, hi: a.clamp_(lo, hi), [rnd(2, 3), -1.0, 1.0], inplace=True)
    w.case("clamp_min_scalar", "aten::clamp_min", torch.clamp_min, [x, 0.0])
    w.case("clamp_min_int_float", "aten::clamp_min", torch.clamp_min, [rnd(2, 3, dtype=I64), 0.5])
    w.case("clamp_max_scalar", "aten::clamp_max", torch.clamp_max, [x, 0.0])
    w.case("clamp_min_tensor", "aten::clamp_min.Tensor", torch.clamp_min, [rnd(2, 3), rnd(3)])
    w.case("clamp_max_tensor", "aten::clamp_max.Tensor", torch.clamp_max, [rnd(2, 3, dtype=I32), rnd(3)])
    w.case("clamp_min_inplace", "aten::clamp_min_", lambda a, m: a.clamp_min_(m), [rnd(2, 3), 0.0], inplace=True)
    w.error("clamp_none", "aten::clamp", torch.clamp, [x, None, None], "at least one of 'min' or 'max'")
    w.error("clamp_inplace_int_float", "aten::clamp_", lambda a, lo, hi: a.clamp_(lo, hi),
            [rnd(3, dtype=I64), 0.5, None], "can't be cast")
    w.case("fill_scalar", "aten::fill_.Scalar", lambda a, v: a.fill_(v), [T(rnd(2, 3, dtype=I32), "t"), 2.7], inplace=True)
    w.case("fill_tensor", "aten::fill_.Tensor", lambda a, v: a.fill_(v), [rnd(2, 3), torch.tensor(1.5)], inplace=True)
    w.case("zero_", "aten::zero_", lambda a: a.zero_(), [T(rnd(2, 4), "s")], inplace=True)
    w.case("copy_", "aten::copy_", lambda a, b, nb: a.copy_(b), [rnd(2, 3, dtype=I64), rnd(3), False], inplace=True)
    nanx = torch.tensor([1.0, float("nan"), -2.0, 4.0])
    w.case("maximum", "aten::maximum", torch.maximum, [rnd(2, 3), rnd(3)])
    w.case("maximum_nan", "aten::maximum", torch.maximum, [nanx, torch.tensor([0.0, 1.0, float("nan"), 5.0])])
    w.case("maximum_promote", "aten::maximum", torch.maximum, [rnd(2, 3, dtype=I32), rnd(3, dtype=F64)], 1e-12, 1e-12)
    w.case("minimum", "aten::minimum", torch.minimum, [T(rnd(3, 4), "t"), rnd(4)])
    w.case("minimum_int", "aten::minimum", torch.minimum, [rnd(2, 3, dtype=I64), rnd(2, 3, dtype=I64)])
    w.case("minimum_out", "aten::minimum.out", lambda a, b, o: torch.minimum(a, b, out=o), [rnd(3), rnd(3), torch.zeros(0)])
    mask = rnd(2, 3, dtype=BOOL)
    w.case("masked_fill_scalar", "aten::masked_fill.Scalar", torch.masked_fill, [rnd(2, 3), mask, float("-inf")])
    w.case("masked_fill_bcast", "aten::masked_fill.Scalar", torch.masked_fill, [rnd(2, 3), rnd(3, dtype=BOOL), 0.5])
    w.case("masked_fill_int", "aten::masked_fill.Scalar", torch.masked_fill, [rnd(2, 3, dtype=I64), mask, 0.5])
    w.case("masked_fill_tensor", "aten::masked_fill.Tensor", torch.masked_fill, [rnd(2, 3), mask, torch.tensor(7.0)])
    w.case("masked_fill_inplace", "aten::masked_fill_.Scalar", lambda a, m, v: a.masked_fill_(m, v),
           [T(rnd(2, 3), "t"), mask, -1], inplace=True)
    w.case("masked_fill_inplace_tensor", "aten::masked_fill_.Tensor", lambda a, m, v: a.masked_fill_(m, v),
           [rnd(2, 3), rnd(1, 3, dtype=BOOL), torch.tensor(2)], inplace=True)
    w.error("masked_fill_float_mask", "aten::masked_fill.Scalar", torch.masked_fill, [rnd(3), rnd(3), 1.0], "boolean masks")
    w.error("masked_fill_value_dim", "aten::masked_fill.Tensor", torch.masked_fill,
            [rnd(3), rnd(3, dtype=BOOL), rnd(3)], "0-dimensional value tensor")
    for nm, fn in [("and", torch.bitwise_and), ("or", torch.bitwise_or), ("xor", torch.bitwise_xor)]:
        w.case("bitwise_%s_int" % nm, "aten::bitwise_%s.Tensor" % nm, fn, [rnd(2, 3, dtype=I64, lo=-9, hi=9), rnd(3, dtype=I32, lo=0, hi=9)])
        w.case("bitwise_%s_bool" % nm, "aten::__%s__.Tensor" % nm, fn, [rnd(2, 3, dtype=BOOL), rnd(2, 3, dtype=BOOL)])
        w.case("bitwise_%s_scalar" % nm, "aten::__%s__.Scalar" % nm, fn, [rnd(4, dtype=U8), 6])
        w.error("bitwise_%s_float" % nm, "aten::bitwise_%s.Tensor" % nm, fn, [rnd(3), rnd(3)], "expected integer or bool")
    w.case("bitwise_and_inplace", "aten::__iand__.Tensor", lambda a, b: a.__iand__(b), [rnd(2, 3, dtype=BOOL), rnd(3, dtype=BOOL)], inplace=True)
    w.case("bitwise_not_int", "aten::bitwise_not", torch.bitwise_not, [rnd(5, dtype=I16, lo=-9, hi=9)])
    w.case("bitwise_not_bool", "aten::bitwise_not", torch.bitwise_not, [rnd(5, dtype=BOOL)])
    w.error("bitwise_not_float", "aten::bitwise_not", torch.bitwise_not, [rnd(3)], "expected an integer or bool")



def _reseed(seed):
    """Each of the files below starts from its own seed, so adding cases to
    an earlier file does not change their inputs."""
    from kernel_fixture_format import GEN
    GEN.manual_seed(seed)


def math_ops(w):
    """Rounding, sign, exp/log variants, isnan/isinf, fmod, atan2, lerp,
    addcmul/addcdiv (math.txt)."""
    _reseed(4001)
    edges = torch.tensor([0.0, -0.0, 0.5, -0.5, 1.5, 2.5, -2.5, 0.49999997, 1e-8, -7.3, 7.7, 123456.5,
                          float("inf"), float("-inf"), float("nan")])
    rounding = [("floor", torch.floor), ("ceil", torch.ceil), ("round", torch.round), ("trunc", torch.trunc),
                ("fix", torch.fix), ("sign", torch.sign)]
    for name, fn in rounding:
        w.case("%s_f32_edges" % name, "aten::%s" % name, fn, [edges])
        w.case("%s_f32_long" % name, "aten::%s" % name, fn, [torch.linspace(-40, 40, 321)])
        w.case("%s_f64" % name, "aten::%s" % name, fn, [rnd(3, 4, dtype=F64, lo=-5, hi=5)], 1e-12, 1e-12)
        w.case("%s_f16" % name, "aten::%s" % name, fn, [rnd(6, dtype=F16, lo=-5, hi=5)], 0, 0)
        w.case("%s_bf16" % name, "aten::%s" % name, fn, [rnd(6, dtype=BF16, lo=-5, hi=5)], 0, 0)
        w.case("%s_transposed" % name, "aten::%s" % name, fn, [T(rnd(3, 5, lo=-5, hi=5), "t")])
        w.case("%s_sliced" % name, "aten::%s" % name, fn, [T(rnd(3, 5, lo=-5, hi=5), "s")])
        for dt in [I64, I32, I8, U8, I16]:
            w.case("%s_%s" % (name, DTYPES[dt]), "aten::%s" % name, fn, [rnd(2, 5, dtype=dt, lo=-9, hi=9)])
        w.case("%s_out" % name, "aten::%s.out" % name, lambda x, o, fn=fn: fn(x), [rnd(2, 3, lo=-3, hi=3), torch.zeros(0)])
        w.case("%s_inplace" % name, "aten::%s_" % name, lambda x, fn=fn: fn(x), [T(rnd(2, 3, lo=-3, hi=3), "t")],
               inplace=True)
        w.case("%s_empty" % name, "aten::%s" % name, fn, [rnd(0, 3)])
        if name != "sign":
            w.error("%s_bool" % name, "aten::%s" % name, fn, [rnd(3, dtype=BOOL)], "bool tensors are not supported")
    w.case("sign_bool", "aten::sign", torch.sign, [rnd(5, dtype=BOOL)])
    for d in [0, 1, 2, -1, -2]:
        w.case("round_decimals_%s" % str(d).replace("-", "m"), "aten::round.decimals",
               lambda x, d: torch.round(x, decimals=d), [rnd(3, 4, lo=-300, hi=300), d], 1e-6, 1e-6)
    w.case("round_decimals_f64", "aten::round.decimals", lambda x, d: torch.round(x, decimals=d),
           [rnd(5, dtype=F64, lo=-3, hi=3), 3], 1e-12, 1e-12)
    w.case("round_decimals_out", "aten::round.decimals_out", lambda x, d, o: torch.round(x, decimals=d),
           [rnd(5), 1, torch.zeros(5)])
    w.case("round_decimals_inplace", "aten::round_.decimals", lambda x, d: x.round_(decimals=d), [rnd(5), 2],
           inplace=True)
    w.error("round_decimals_int", "aten::round.decimals", lambda x, d: torch.round(x, decimals=d),
            [rnd(3, dtype=I64), 1], "expected a floating-point tensor, got int64")

    transc = [("reciprocal", torch.reciprocal), ("exp2", torch.exp2), ("expm1", torch.expm1),
              ("log1p", torch.log1p), ("log2", torch.log2), ("log10", torch.log10)]
    wide = torch.cat([torch.tensor([0.0, -0.0, 1e-7, -1e-7, 1.0, -1.0, 0.5, 100.0, -100.0, 1e30,
                                    float("inf"), float("-inf"), float("nan")]), torch.linspace(-12, 12, 97)])
    for name, fn in transc:
        w.case("%s_f32" % name, "aten::%s" % name, fn, [wide], 2e-6, 1e-6)
        w.case("%s_f64" % name, "aten::%s" % name, fn, [rnd(3, 4, dtype=F64, lo=0.1, hi=4)], 1e-12, 1e-12)
        w.case("%s_f32_transposed" % name, "aten::%s" % name, fn, [T(rnd(5, 7, lo=0.1, hi=4), "t")], 2e-6, 1e-6)
        w.case("%s_bf16" % name, "aten::%s" % name, fn, [rnd(8, dtype=BF16, lo=0.1, hi=2)], 1e-2, 1e-2)
        for dt in [I64, I32, U8, BOOL]:
            w.case("%s_%s" % (name, DTYPES[dt]), "aten::%s" % name, fn, [rnd(2, 5, dtype=dt, lo=1, hi=6)], 1e-6, 1e-6)
        w.case("%s_out" % name, "aten::%s.out" % name, lambda x, o, fn=fn: fn(x),
               [rnd(2, 3, lo=0.1, hi=3), torch.zeros(2, 3)], 2e-6, 1e-6)
        w.case("%s_inplace" % name, "aten::%s_" % name, lambda x, fn=fn: fn(x), [rnd(2, 3, lo=0.1, hi=3)], 2e-6, 1e-6,
               inplace=True)
        w.error("%s_inplace_int" % name, "aten::%s_" % name, lambda x, fn=fn: getattr(x, name + "_")(),
                [rnd(3, dtype=I64)], "can't be cast")

    cls = torch.tensor([[0.0, float("nan"), float("inf")], [float("-inf"), -1.0, 3e38]])
    for name, fn in [("isnan", torch.isnan), ("isinf", torch.isinf), ("isfinite", torch.isfinite),
                     ("isposinf", torch.isposinf), ("isneginf", torch.isneginf)]:
        w.case("%s_f32" % name, "aten::%s" % name, fn, [cls])
        w.case("%s_f64_t" % name, "aten::%s" % name, fn, [T(cls.to(F64), "t")])
        w.case("%s_f16" % name, "aten::%s" % name, fn, [cls.to(F16)])
        w.case("%s_bf16" % name, "aten::%s" % name, fn, [cls.to(BF16)])
        w.case("%s_int" % name, "aten::%s" % name, fn, [rnd(2, 3, dtype=I64)])
        w.case("%s_bool" % name, "aten::%s" % name, fn, [rnd(2, 3, dtype=BOOL)])
    w.case("isposinf_out", "aten::isposinf.out", lambda x, o: torch.isposinf(x, out=o), [cls, torch.zeros(0, dtype=BOOL)])

    for dt in [F32, F64, I64, I32, I8, U8, F16, BF16]:
        a = rnd(3, 4, dtype=dt, lo=-9, hi=9)
        b = nonzero(4, dtype=dt) if not dt.is_floating_point else rnd(4, dtype=dt, lo=-4, hi=4)
        w.case("fmod_%s" % DTYPES[dt], "aten::fmod.Tensor", torch.fmod, [a, b], *tol(dt))
        w.case("remainder_%s" % DTYPES[dt], "aten::remainder.Tensor", torch.remainder, [a, b], *tol(dt))
        w.case("floor_divide_%s" % DTYPES[dt], "aten::floor_divide", torch.floor_divide, [a, b], *tol(dt))
    signs = torch.tensor([7, -7, 7, -7, 0, 6, -6])
    divs = torch.tensor([3, 3, -3, -3, 5, -3, 3])
    for dt in [I64, I32, I16, I8]:
        w.case("fmod_signs_%s" % DTYPES[dt], "aten::fmod.Tensor", torch.fmod, [signs.to(dt), divs.to(dt)])
        w.case("remainder_signs_%s" % DTYPES[dt], "aten::remainder.Tensor", torch.remainder, [signs.to(dt), divs.to(dt)])
        w.case("floor_divide_signs_%s" % DTYPES[dt], "aten::floor_divide", torch.floor_divide,
               [signs.to(dt), divs.to(dt)])
    fs, fd = signs.double() + 0.5, divs.double()
    w.case("fmod_signs_f64", "aten::fmod.Tensor", torch.fmod, [fs, fd], 1e-12, 1e-12)
    w.case("remainder_signs_f64", "aten::remainder.Tensor", torch.remainder, [fs, fd], 1e-12, 1e-12)
    w.case("fmod_float_zero", "aten::fmod.Tensor", torch.fmod, [torch.tensor([1.0, -1.0, 0.0]), torch.tensor([0.0, 0.0, 0.0])])
    w.case("fmod_bcast", "aten::fmod.Tensor", torch.fmod, [rnd(2, 1, 3, lo=-9, hi=9), T(rnd(4, 3, lo=1, hi=3), "t")])
    w.case("fmod_scalar", "aten::fmod.Scalar", torch.fmod, [rnd(6, dtype=I64, lo=-9, hi=9), 4])
    w.case("fmod_scalar_float", "aten::fmod.Scalar", torch.fmod, [rnd(6, dtype=I64, lo=-9, hi=9), 2.5])
    w.case("fmod_mixed", "aten::fmod.Tensor", torch.fmod, [rnd(6, dtype=I32, lo=-9, hi=9), rnd(6, lo=1, hi=3)])
    w.case("fmod_out", "aten::fmod.Tensor_out", lambda a, b, o: torch.fmod(a, b, out=o), [rnd(4), rnd(4, lo=1, hi=2), torch.zeros(0)])
    w.case("fmod_scalar_out", "aten::fmod.Scalar_out", lambda a, b, o: torch.fmod(a, b, out=o), [rnd(4), 1.5, torch.zeros(4)])
    w.case("fmod_inplace", "aten::fmod_.Scalar", lambda a, b: a.fmod_(b), [rnd(2, 3, dtype=I32, lo=-9, hi=9), 4], inplace=True)
    w.case("fmod_inplace_t", "aten::fmod_.Tensor", lambda a, b: a.fmod_(b), [rnd(2, 3), rnd(3, lo=1, hi=2)], inplace=True)
    w.error("fmod_int_zero", "aten::fmod.Tensor", torch.fmod, [nonzero(3), torch.tensor([1, 0, 2])], "ZeroDivisionError")
    w.error("fmod_bool", "aten::fmod.Tensor", torch.fmod, [rnd(3, dtype=BOOL), rnd(3, dtype=BOOL)], "Bool")
    w.error("floor_divide_int_zero", "aten::floor_divide", torch.floor_divide, [nonzero(3), torch.tensor([1, 0, 2])],
            "ZeroDivisionError")
    w.error("remainder_bool", "aten::remainder.Tensor", torch.remainder, [rnd(3, dtype=BOOL), rnd(3, dtype=BOOL)], "bool")
    w.case("remainder_out", "aten::remainder.Tensor_out", lambda a, b, o: torch.remainder(a, b, out=o),
           [rnd(4, lo=-5, hi=5), rnd(4, lo=1, hi=2), torch.zeros(0)])
    w.case("floor_divide_out", "aten::floor_divide.out", lambda a, b, o: torch.floor_divide(a, b, out=o),
           [rnd(4, lo=-5, hi=5), rnd(4, lo=1, hi=2), torch.zeros(0)])
    w.case("floor_divide_inplace", "aten::floor_divide_.Tensor", lambda a, b: a.floor_divide_(b),
           [rnd(2, 3, dtype=I64, lo=-9, hi=9), nonzero(3)], inplace=True)

    w.case("atan2_f32", "aten::atan2", torch.atan2, [rnd(2, 3), rnd(3)])
    w.case("atan2_edges", "aten::atan2", torch.atan2,
           [torch.tensor([0.0, -0.0, 0.0, -0.0, 1.0, -1.0, float("inf"), float("nan")]),
            torch.tensor([0.0, 0.0, -0.0, -0.0, float("-inf"), float("inf"), float("inf"), 1.0])])
    w.case("atan2_f64", "aten::atan2", torch.atan2, [rnd(3, dtype=F64), T(rnd(3, 3, dtype=F64), "t")], 1e-12, 1e-12)
    w.case("atan2_int", "aten::atan2", torch.atan2, [rnd(2, 3, dtype=I64), rnd(2, 3, dtype=I32)])
    w.case("atan2_bf16", "aten::atan2", torch.atan2, [rnd(4, dtype=BF16), rnd(4, dtype=BF16)], 1e-2, 1e-2)
    w.case("atan2_out", "aten::atan2.out", lambda a, b, o: torch.atan2(a, b, out=o), [rnd(3), rnd(3), torch.zeros(0)])
    w.case("atan2_inplace", "aten::atan2_", lambda a, b: a.atan2_(b), [rnd(2, 3), rnd(3)], inplace=True)
    w.case("arctan2", "aten::arctan2", torch.arctan2, [rnd(3), rnd(3)])

    w.case("lerp_scalar", "aten::lerp.Scalar", torch.lerp, [rnd(2, 3), rnd(3), 0.3])
    w.case("lerp_scalar_big", "aten::lerp.Scalar", torch.lerp, [rnd(2, 3), rnd(2, 3), 0.75])
    w.case("lerp_scalar_int_weight", "aten::lerp.Scalar", torch.lerp, [rnd(4), rnd(4), 1])
    w.case("lerp_tensor", "aten::lerp.Tensor", torch.lerp, [T(rnd(3, 4), "t"), rnd(4), rnd(3, 1, lo=-1, hi=2)])
    w.case("lerp_f64", "aten::lerp.Tensor", torch.lerp, [rnd(3, dtype=F64), rnd(3, dtype=F64), rnd(3, dtype=F64)], 1e-12, 1e-12)
    w.case("lerp_bf16", "aten::lerp.Scalar", torch.lerp, [rnd(4, dtype=BF16), rnd(4, dtype=BF16), 0.5], 1e-2, 1e-2)
    w.case("lerp_out", "aten::lerp.Scalar_out", lambda a, b, c, o: torch.lerp(a, b, c, out=o),
           [rnd(3), rnd(3), 0.25, torch.zeros(0)])
    w.case("lerp_tensor_out", "aten::lerp.Tensor_out", lambda a, b, c, o: torch.lerp(a, b, c, out=o),
           [rnd(3), rnd(3), rnd(3), torch.zeros(3)])
    w.case("lerp_inplace", "aten::lerp_.Scalar", lambda a, b, c: a.lerp_(b, c), [rnd(2, 3), rnd(3), 0.6], inplace=True)
    w.case("lerp_inplace_t", "aten::lerp_.Tensor", lambda a, b, c: a.lerp_(b, c), [rnd(2, 3), rnd(3), rnd(2, 3)], inplace=True)
    w.error("lerp_dtype", "aten::lerp.Scalar", torch.lerp, [rnd(3), rnd(3, dtype=F64), 0.5], "expected dtype float32 for `end`")
    w.error("lerp_int", "aten::lerp.Scalar", torch.lerp, [rnd(3, dtype=I64), rnd(3, dtype=I64), 0.5], "int64")
    w.error("lerp_shape", "aten::lerp.Tensor", torch.lerp, [rnd(3), rnd(3), rnd(2)], "do not broadcast")

    for name, fn in [("addcmul", torch.addcmul), ("addcdiv", torch.addcdiv)]:
        w.case(name, "aten::%s" % name, lambda s, a, b, v, fn=fn: fn(s, a, b, value=v), [rnd(2, 3), rnd(3), rnd(2, 1, lo=1, hi=2), 1])
        w.case(name + "_value", "aten::%s" % name, lambda s, a, b, v, fn=fn: fn(s, a, b, value=v),
               [T(rnd(3, 4), "t"), rnd(4), rnd(3, 4, lo=1, hi=2), -0.5])
        w.case(name + "_f64", "aten::%s" % name, lambda s, a, b, v, fn=fn: fn(s, a, b, value=v),
               [rnd(3, dtype=F64), rnd(3, dtype=F64), rnd(3, dtype=F64, lo=1, hi=2), 2], 1e-12, 1e-12)
        w.case(name + "_promote", "aten::%s" % name, lambda s, a, b, v, fn=fn: fn(s, a, b, value=v),
               [rnd(3, dtype=I64), rnd(3), rnd(3, lo=1, hi=2), 2])
        w.case(name + "_out", "aten::%s.out" % name, lambda s, a, b, v, o, fn=fn: fn(s, a, b, value=v, out=o),
               [rnd(3), rnd(3), rnd(3, lo=1, hi=2), 0.5, torch.zeros(0)])
        w.case(name + "_inplace", "aten::%s_" % name, lambda s, a, b, v, name=name: getattr(s, name + "_")(a, b, value=v),
               [rnd(2, 3), rnd(3), rnd(2, 3, lo=1, hi=2), 3], inplace=True)
    w.case("addcmul_int", "aten::addcmul", lambda s, a, b, v: torch.addcmul(s, a, b, value=v),
           [rnd(2, 3, dtype=I64), rnd(3, dtype=I64), rnd(2, 3, dtype=I32), 2])
    w.error("addcdiv_int", "aten::addcdiv", lambda s, a, b, v: torch.addcdiv(s, a, b, value=v),
            [rnd(3), rnd(3, dtype=I64), nonzero(3), 1], "integer division")
    w.case("addcmul_int_float_value", "aten::addcmul", lambda s, a, b, v: torch.addcmul(s, a, b, value=v),
           [rnd(3, dtype=I64), rnd(3, dtype=I64), rnd(3, dtype=I64), 2.7])

    # Shifts (counts in [0, bits): PyTorch leaves others to the CPU) and the
    # in-place xor forms.
    for dt in [I64, I32, I16, I8, U8]:
        a = rnd(2, 4, dtype=dt, lo=-20, hi=20)
        cnt = rnd(4, dtype=dt, lo=0, hi=6)
        w.case("lshift_%s" % DTYPES[dt], "aten::bitwise_left_shift.Tensor", torch.bitwise_left_shift, [a, cnt])
        w.case("rshift_%s" % DTYPES[dt], "aten::bitwise_right_shift.Tensor", torch.bitwise_right_shift, [a, cnt])
    w.case("lshift_dunder_scalar", "aten::__lshift__.Scalar", lambda a, b: a << b, [rnd(5, dtype=I32, lo=-9, hi=9), 3])
    w.case("rshift_dunder", "aten::__rshift__.Tensor", lambda a, b: a >> b,
           [T(rnd(3, 4, dtype=I64, lo=-99, hi=99), "t"), rnd(4, dtype=I64, lo=0, hi=5)])
    w.case("lshift_scalar_tensor", "aten::bitwise_left_shift.Scalar_Tensor", torch.bitwise_left_shift,
           [3, rnd(4, dtype=I64, lo=0, hi=8)])
    w.case("rshift_inplace", "aten::__irshift__.Scalar", lambda a, b: a.__irshift__(b),
           [rnd(2, 3, dtype=I64, lo=-50, hi=50), 2], inplace=True)
    w.case("lshift_inplace", "aten::bitwise_left_shift_.Tensor", lambda a, b: a.bitwise_left_shift_(b),
           [rnd(2, 3, dtype=I32, lo=-50, hi=50), rnd(3, dtype=I32, lo=0, hi=4)], inplace=True)
    w.case("lshift_out", "aten::bitwise_left_shift.Tensor_out", lambda a, b, o: torch.bitwise_left_shift(a, b, out=o),
           [rnd(4, dtype=I64), rnd(4, dtype=I64, lo=0, hi=3), torch.zeros(0, dtype=I64)])
    w.error("lshift_float", "aten::bitwise_left_shift.Tensor", torch.bitwise_left_shift, [rnd(3), rnd(3)], "float32")
    w.error("lshift_bool", "aten::__lshift__.Tensor", lambda a, b: a << b, [rnd(3, dtype=BOOL), rnd(3, dtype=BOOL)], "Bool")
    w.case("xor_inplace", "aten::bitwise_xor_.Tensor", lambda a, b: a.bitwise_xor_(b),
           [rnd(2, 3, dtype=I64, lo=-9, hi=9), rnd(3, dtype=I64)], inplace=True)
    w.case("ixor_scalar", "aten::__ixor__.Scalar", lambda a, b: a.__ixor__(b), [rnd(2, 3, dtype=BOOL), True], inplace=True)
    for dt in [U8, I8, I16, I32, BOOL]:
        w.case("bitwise_and_%s" % DTYPES[dt], "aten::bitwise_and.Tensor", torch.bitwise_and,
               [rnd(2, 4, dtype=dt, lo=-20, hi=20), rnd(4, dtype=dt, lo=-20, hi=20)])
        w.case("bitwise_or_%s" % DTYPES[dt], "aten::bitwise_or.Scalar", torch.bitwise_or, [rnd(2, 4, dtype=dt, lo=-20, hi=20), 5 if dt != BOOL else True])

    w.case("remainder_scalar_out", "aten::remainder.Scalar_out", lambda a, b, o: torch.remainder(a, b, out=o),
           [rnd(5, lo=-5, hi=5), -1.5, torch.zeros(0)])
    w.case("remainder_scalar_tensor_out", "aten::remainder.Scalar_Tensor_out", lambda a, b, o: torch.ops.aten.remainder.Scalar_Tensor_out(a, b, out=o),
           [7, nonzero(5), torch.zeros(0, dtype=I64)])
    w.case("isnan_out", "aten::isnan.out", lambda x, o: torch.ops.aten.isnan.out(x, out=o), [cls, torch.zeros(0, dtype=BOOL)])
    w.case("isinf_out", "aten::isinf.out", lambda x, o: torch.ops.aten.isinf.out(x, out=o), [cls, torch.zeros(0, dtype=BOOL)])
    w.case("bitwise_and_scalar_tensor_out", "aten::bitwise_and.Scalar_Tensor_out",
           lambda a, b, o: torch.ops.aten.bitwise_and.Scalar_Tensor_out(a, b, out=o), [6, rnd(5, dtype=I64, lo=0, hi=15), torch.zeros(0, dtype=I64)])
    w.case("max_out_other", "aten::max.out", lambda a, b, o: torch.max(a, b, out=o), [rnd(2, 3), rnd(3), torch.zeros(0)])
    w.case("min_out_other", "aten::min.out", lambda a, b, o: torch.min(a, b, out=o), [rnd(2, 3), rnd(3), torch.zeros(0)])


def reductions_more(w):
    """prod, argmin, any, var/std, norms, logsumexp (reduction_more.txt)."""
    _reseed(4002)
    x = rnd(2, 3, 4)
    dimsets = [([1], False), ([0, 2], True), ([-1], False), ([], False), ([2, 0], False)]
    for dims, keep in dimsets:
        tag = "_".join(str(d).replace("-", "m") for d in dims) or "none"
        for nm in ["var", "std"]:
            fn = getattr(torch, nm)
            w.case("%s_dims_%s_%d" % (nm, tag, keep), "aten::%s.dim" % nm,
                   lambda a, d, u, k, fn=fn: fn(a, d if d else None, unbiased=u, keepdim=k), [x, dims, True, keep], 1e-5, 1e-6)
            w.case("%s_corr_%s_%d" % (nm, tag, keep), "aten::%s.correction" % nm,
                   lambda a, d, c, k, fn=fn: fn(a, d if d else None, correction=c, keepdim=k), [x, dims, 0, keep], 1e-5, 1e-6)
        w.case("norm_dims_%s_%d" % (tag, keep), "aten::norm.ScalarOpt_dim",
               lambda a, p, d, k: torch.norm(a, p, d, k), [x, 2, dims, keep], 1e-5, 1e-6)
        w.case("lvn_dims_%s_%d" % (tag, keep), "aten::linalg_vector_norm",
               lambda a, o, d, k, dt: torch.linalg.vector_norm(a, o, d if d else None, k, dtype=dt), [x, 2, dims, keep, None],
               1e-5, 1e-6)
        if dims:
            w.case("logsumexp_dims_%s_%d" % (tag, keep), "aten::logsumexp", torch.logsumexp, [x, dims, keep], 1e-5, 1e-6)
    for nm in ["var", "std"]:
        fn = getattr(torch, nm)
        w.case(nm + "_all", "aten::" + nm, lambda a, u, fn=fn: fn(a, unbiased=u), [x, True], 1e-5, 1e-6)
        w.case(nm + "_all_biased", "aten::" + nm, lambda a, u, fn=fn: fn(a, unbiased=u), [x, False], 1e-5, 1e-6)
        w.case(nm + "_dim_none", "aten::%s.dim" % nm, lambda a, d, u, k, fn=fn: fn(a, d, unbiased=u, keepdim=k),
               [x, None, True, False], 1e-5, 1e-6)
        w.case(nm + "_corr_none", "aten::%s.correction" % nm, lambda a, d, c, k, fn=fn: fn(a, d, correction=c, keepdim=k),
               [x, [1], None, False], 1e-5, 1e-6)
        w.case(nm + "_corr_2", "aten::%s.correction" % nm, lambda a, d, c, k, fn=fn: fn(a, d, correction=c, keepdim=k),
               [rnd(3, 6), [1], 2, True], 1e-5, 1e-6)
        w.case(nm + "_f64", "aten::%s.dim" % nm, lambda a, d, u, k, fn=fn: fn(a, d, unbiased=u, keepdim=k),
               [rnd(4, 5, dtype=F64), [0], True, False], 1e-12, 1e-12)
        w.case(nm + "_bf16", "aten::%s.dim" % nm, lambda a, d, u, k, fn=fn: fn(a, d, unbiased=u, keepdim=k),
               [rnd(4, 5, dtype=BF16), [1], True, False], 2e-2, 2e-2)
        w.case(nm + "_transposed", "aten::%s.dim" % nm, lambda a, d, u, k, fn=fn: fn(a, d, unbiased=u, keepdim=k),
               [T(rnd(5, 6), "t"), [1], True, False], 1e-5, 1e-6)
        w.case(nm + "_sliced", "aten::%s.dim" % nm, lambda a, d, u, k, fn=fn: fn(a, d, unbiased=u, keepdim=k),
               [T(rnd(3, 6), "s"), [0], True, True], 1e-5, 1e-6)
        w.case(nm + "_one", "aten::%s.dim" % nm, lambda a, d, u, k, fn=fn: fn(a, d, unbiased=u, keepdim=k),
               [rnd(3, 1), [1], True, False])
        w.case(nm + "_empty", "aten::%s.dim" % nm, lambda a, d, u, k, fn=fn: fn(a, d, unbiased=u, keepdim=k),
               [rnd(0, 3), [0], True, False])
        w.case(nm + "_out", "aten::%s.out" % nm, lambda a, d, u, k, o, fn=fn: fn(a, d, unbiased=u, keepdim=k, out=o),
               [x, [1], True, False, torch.zeros(0)], 1e-5, 1e-6)
        w.case(nm + "_corr_out", "aten::%s.correction_out" % nm,
               lambda a, d, c, k, o, fn=fn: fn(a, d, correction=c, keepdim=k, out=o), [x, [2], 0, True, torch.zeros(0)], 1e-5, 1e-6)
        mfn = getattr(torch, nm + "_mean")
        w.case(nm + "_mean", "aten::%s_mean" % nm, lambda a, u, mfn=mfn: tuple(mfn(a, unbiased=u)), [x, True], 1e-5, 1e-6)
        w.case(nm + "_mean_dim", "aten::%s_mean.dim" % nm, lambda a, d, u, k, mfn=mfn: tuple(mfn(a, d, unbiased=u, keepdim=k)),
               [x, [0, 1], False, True], 1e-5, 1e-6)
        w.case(nm + "_mean_corr", "aten::%s_mean.correction" % nm,
               lambda a, d, c, k, mfn=mfn: tuple(mfn(a, d, correction=c, keepdim=k)), [x, [2], 1, False], 1e-5, 1e-6)
        w.error(nm + "_int", "aten::%s.dim" % nm, lambda a, d, u, k, fn=fn: fn(a, d, unbiased=u, keepdim=k),
                [rnd(3, dtype=I64), [0], True, False], "only support floating point")
        w.error(nm + "_bad_dim", "aten::%s.dim" % nm, lambda a, d, u, k, fn=fn: fn(a, d, unbiased=u, keepdim=k),
                [x, [3], True, False], "out of range")

    for p in [2, 1, 0, 3, 0.5, float("inf"), float("-inf")]:
        tag = str(p).replace(".", "p").replace("-", "m")
        w.case("norm_p_%s" % tag, "aten::norm.Scalar", torch.norm, [x, p], 1e-5, 1e-6)
        w.case("norm_dim_p_%s" % tag, "aten::norm.ScalarOpt_dim", lambda a, p, d, k: torch.norm(a, p, d, k), [x, p, [1], False],
               1e-5, 1e-6)
        w.case("lvn_p_%s" % tag, "aten::linalg_vector_norm", lambda a, o, d, k, dt: torch.linalg.vector_norm(a, o, d, k, dtype=dt),
               [x, p, [-1], True, None], 1e-5, 1e-6)
    w.case("norm_p_none", "aten::norm.ScalarOpt_dim", lambda a, p, d, k: torch.norm(a, p, d, k), [x, None, [0, 2], True], 1e-5, 1e-6)
    w.case("norm_dtype", "aten::norm.ScalarOpt_dim_dtype", lambda a, p, d, k, dt: torch.norm(a, p, d, k, dtype=dt),
           [x, 2, [1], False, F64], 1e-6, 1e-6)
    w.case("norm_scalaropt_dtype", "aten::norm.ScalarOpt_dtype", lambda a, p, dt: torch.norm(a, p, dtype=dt), [x, 1, F64], 1e-6, 1e-6)
    w.case("norm_out", "aten::norm.out", lambda a, p, d, k, o: torch.norm(a, p, d, k, out=o), [x, 2, [2], False, torch.zeros(0)],
           1e-5, 1e-6)
    w.case("norm_f64", "aten::norm.Scalar", torch.norm, [rnd(3, 4, dtype=F64), 2], 1e-12, 1e-12)
    w.case("norm_bf16", "aten::norm.ScalarOpt_dim", lambda a, p, d, k: torch.norm(a, p, d, k), [rnd(3, 4, dtype=BF16), 2, [1], False],
           2e-2, 2e-2)
    w.case("norm_transposed", "aten::norm.ScalarOpt_dim", lambda a, p, d, k: torch.norm(a, p, d, k), [T(rnd(4, 5), "t"), 2, [0], False],
           1e-5, 1e-6)
    w.case("norm_empty", "aten::norm.ScalarOpt_dim", lambda a, p, d, k: torch.norm(a, p, d, k), [rnd(0, 3), 2, [0], False])
    w.case("norm_nan", "aten::norm.ScalarOpt_dim", lambda a, p, d, k: torch.norm(a, p, d, k),
           [torch.tensor([[1.0, float("nan")], [3.0, 4.0]]), float("inf"), [1], False])
    w.error("norm_int", "aten::norm.Scalar", torch.norm, [rnd(3, dtype=I64), 2], "int64")
    w.error("lvn_inf_empty", "aten::linalg_vector_norm", lambda a, o, d, k, dt: torch.linalg.vector_norm(a, o, d, k, dtype=dt),
            [rnd(0, 3), float("inf"), [0], False, None], "non-zero size")
    w.case("lvn_dtype", "aten::linalg_vector_norm", lambda a, o, d, k, dt: torch.linalg.vector_norm(a, o, d, k, dtype=dt),
           [x, 2, None, False, F64], 1e-6, 1e-6)
    w.case("lvn_out", "aten::linalg_vector_norm.out", lambda a, o, d, k, dt, out: torch.linalg.vector_norm(a, o, d, k, dtype=dt, out=out),
           [x, 1, [0], False, None, torch.zeros(0)], 1e-5, 1e-6)
    w.case("frobenius", "aten::frobenius_norm", torch._C._VariableFunctions.frobenius_norm, [x], 1e-5, 1e-6)
    w.case("frobenius_dim", "aten::frobenius_norm.dim", lambda a, d, k: torch._C._VariableFunctions.frobenius_norm(a, d, k),
           [x, [1, 2], True], 1e-5, 1e-6)
    m = rnd(3, 4)
    w.case("linalg_norm_none", "aten::linalg_norm", lambda a, o, d, k, dt: torch.linalg.norm(a, o, d, k, dtype=dt),
           [x, None, None, False, None], 1e-5, 1e-6)
    w.case("linalg_norm_dim", "aten::linalg_norm", lambda a, o, d, k, dt: torch.linalg.norm(a, o, d, k, dtype=dt),
           [x, None, [1], True, None], 1e-5, 1e-6)
    w.case("linalg_norm_vec_ord", "aten::linalg_norm", lambda a, o, d, k, dt: torch.linalg.norm(a, o, d, k, dtype=dt),
           [x, 3, [2], False, None], 1e-5, 1e-6)
    for o in [1, -1, float("inf"), float("-inf")]:
        tag = str(o).replace("-", "m")
        w.case("linalg_norm_mat_%s" % tag, "aten::linalg_norm", lambda a, o, d, k, dt: torch.linalg.norm(a, o, d, k, dtype=dt),
               [m, o, None, False, None], 1e-5, 1e-6)
        w.case("linalg_norm_mat3_%s" % tag, "aten::linalg_norm", lambda a, o, d, k, dt: torch.linalg.norm(a, o, d, k, dtype=dt),
               [x, o, [2, 0], True, None], 1e-5, 1e-6)
    w.case("linalg_norm_fro", "aten::linalg_norm.ord_str", lambda a, o, d, k, dt: torch.linalg.norm(a, o, d, k, dtype=dt),
           [m, "fro", None, False, None], 1e-5, 1e-6)
    w.error("linalg_norm_mat2", "aten::linalg_norm", lambda a, o, d, k, dt: torch.linalg.norm(a, o, d, k, dtype=dt),
            [rnd(3, dtype=I64), 2, None, False, None], "aten::linalg_norm")

    w.case("logsumexp_big", "aten::logsumexp", torch.logsumexp,
           [torch.tensor([[1000.0, 1000.0, -5.0], [-1000.0, -1001.0, -1002.0]]), [1], False], 1e-6, 1e-6)
    w.case("logsumexp_inf", "aten::logsumexp", torch.logsumexp,
           [torch.tensor([[float("inf"), 1.0], [float("-inf"), float("-inf")], [float("nan"), 1.0]]), [1], False])
    w.case("logsumexp_int", "aten::logsumexp", torch.logsumexp, [rnd(3, 4, dtype=I64), [1], False], 1e-6, 1e-6)
    w.case("logsumexp_f64", "aten::logsumexp", torch.logsumexp, [rnd(3, 4, dtype=F64), [0], True], 1e-12, 1e-12)
    w.case("logsumexp_t", "aten::logsumexp", torch.logsumexp, [T(rnd(4, 5), "t"), [1], False], 1e-5, 1e-6)
    w.case("logsumexp_empty", "aten::logsumexp", torch.logsumexp, [rnd(0, 3), [0], False])
    w.case("logsumexp_out", "aten::logsumexp.out", lambda a, d, k, o: torch.logsumexp(a, d, k, out=o),
           [x, [2], False, torch.zeros(0)], 1e-5, 1e-6)

    for dt in [F32, F64, I64, I32, U8, BOOL]:
        r, t = tol(dt)
        w.case("prod_%s" % DTYPES[dt], "aten::prod.dim_int", lambda a, d, k, dd: torch.prod(a, d, k, dtype=dd),
               [rnd(3, 4, dtype=dt, lo=-2, hi=2), 1, False, None], r * 10, t * 10)
        if dt != BOOL:
            w.case("argmin_%s" % DTYPES[dt], "aten::argmin", torch.argmin, [rnd(3, 5, dtype=dt), 1, False])
        w.case("any_%s" % DTYPES[dt], "aten::any.dim", torch.any, [rnd(3, 4, dtype=dt, lo=0, hi=1), 1, False])
    w.case("prod_all", "aten::prod", lambda a, d: torch.prod(a, dtype=d), [rnd(2, 3, lo=0.5, hi=1.5), None], 1e-5, 1e-6)
    w.case("prod_all_dtype", "aten::prod", lambda a, d: torch.prod(a, dtype=d), [rnd(2, 3, dtype=I32), F64], 1e-12, 1e-12)
    w.case("prod_keep_t", "aten::prod.dim_int", lambda a, d, k, dd: torch.prod(a, d, k, dtype=dd),
           [T(rnd(4, 5, lo=0.5, hi=1.5), "t"), 0, True, None], 1e-5, 1e-6)
    w.case("prod_empty", "aten::prod.dim_int", lambda a, d, k, dd: torch.prod(a, d, k, dtype=dd), [rnd(0, 3), 0, False, None])
    w.case("prod_out", "aten::prod.int_out", lambda a, d, k, dd, o: torch.prod(a, d, k, dtype=dd, out=o),
           [x, 2, False, None, torch.zeros(0)], 1e-5, 1e-6)
    w.error("prod_bad_dim", "aten::prod.dim_int", lambda a, d, k, dd: torch.prod(a, d, k, dtype=dd), [x, 3, False, None], "out of range")
    ties = torch.tensor([[1.0, -3.0, -3.0, 0.0], [float("nan"), 2.0, float("nan"), 9.0], [-1.0, -1.0, -2.0, -5.0]])
    w.case("argmin_none", "aten::argmin", torch.argmin, [x, None, False])
    w.case("argmin_keep", "aten::argmin", torch.argmin, [x, 0, True])
    w.case("argmin_ties_nan", "aten::argmin", torch.argmin, [ties, 1, False])
    w.case("argmin_t", "aten::argmin", torch.argmin, [T(rnd(4, 6), "t"), -1, False])
    w.case("argmin_out", "aten::argmin.out", lambda a, d, k, o: torch.argmin(a, d, k, out=o), [x, 1, False, torch.zeros(0, dtype=I64)])
    w.error("argmin_empty", "aten::argmin", torch.argmin, [rnd(0), None, False], "numel() == 0")
    w.error("argmin_bad_dim", "aten::argmin", torch.argmin, [x, -4, False], "out of range")
    w.case("any_all", "aten::any", torch.any, [rnd(2, 3, dtype=I64, lo=0, hi=1)])
    w.case("any_zeros", "aten::any", torch.any, [torch.zeros(2, 3)])
    w.case("any_float_nan", "aten::any", torch.any, [torch.tensor([0.0, float("nan"), 0.0])])
    w.case("any_keep", "aten::any.dim", torch.any, [rnd(3, 4, dtype=BOOL), 0, True])
    w.case("any_t", "aten::any.dim", torch.any, [T(rnd(3, 4, dtype=BOOL), "t"), 1, False])
    w.case("any_empty", "aten::any", torch.any, [rnd(0, 2)])
    w.case("any_out", "aten::any.out", lambda a, d, k, o: torch.any(a, d, k, out=o),
           [rnd(3, 4, dtype=BOOL), 1, False, torch.zeros(0, dtype=BOOL)])
    w.case("any_all_out", "aten::any.all_out", lambda a, o: torch.any(a, out=o), [rnd(3, dtype=BOOL), torch.zeros(0, dtype=BOOL)])

    for nm in ["var", "std"]:
        mfn = getattr(torch, nm + "_mean")
        w.case(nm + "_mean_corr_out", "aten::%s_mean.correction_out" % nm,
               lambda a, d, c, k, o0, o1, mfn=mfn: tuple(mfn(a, d, correction=c, keepdim=k)),
               [x, [1], 0, True, torch.zeros(0), torch.zeros(0)], 1e-5, 1e-6)


def scans_sorts(w):
    """cumsum, cumprod, sort, argsort, topk (scan_sort.txt)."""
    _reseed(4003)
    x = rnd(2, 3, 4)
    for nm in ["cumsum", "cumprod"]:
        fn = getattr(torch, nm)
        for d in [0, 1, 2, -1]:
            w.case("%s_d%s" % (nm, str(d).replace("-", "m")), "aten::" + nm, lambda a, d, dt, fn=fn: fn(a, d, dtype=dt),
                   [x, d, None], 1e-5, 1e-6)
        for dt in [I64, I32, U8, BOOL, F64, BF16]:
            r, t = tol(dt)
            w.case("%s_%s" % (nm, DTYPES[dt]), "aten::" + nm, lambda a, d, dd, fn=fn: fn(a, d, dtype=dd),
                   [rnd(3, 5, dtype=dt, lo=-2, hi=2), 1, None], r * 10, t * 10)
        w.case(nm + "_dtype", "aten::" + nm, lambda a, d, dt, fn=fn: fn(a, d, dtype=dt), [rnd(3, 4, dtype=I32), 0, F64])
        w.case(nm + "_t", "aten::" + nm, lambda a, d, dt, fn=fn: fn(a, d, dtype=dt), [T(rnd(4, 5), "t"), 1, None], 1e-5, 1e-6)
        w.case(nm + "_s", "aten::" + nm, lambda a, d, dt, fn=fn: fn(a, d, dtype=dt), [T(rnd(4, 5), "s"), 0, None], 1e-5, 1e-6)
        w.case(nm + "_zerodim", "aten::" + nm, lambda a, d, dt, fn=fn: fn(a, d, dtype=dt), [torch.tensor(2.5), 0, None])
        w.case(nm + "_empty", "aten::" + nm, lambda a, d, dt, fn=fn: fn(a, d, dtype=dt), [rnd(0, 3), 1, None])
        w.case(nm + "_wide", "aten::" + nm, lambda a, d, dt, fn=fn: fn(a, d, dtype=dt), [rnd(3, 300, 2, lo=0.9, hi=1.1), 1, None],
               1e-4, 1e-5)
        w.case(nm + "_out", "aten::%s.out" % nm, lambda a, d, dt, o, fn=fn: fn(a, d, dtype=dt, out=o), [x, 2, None, torch.zeros(0)],
               1e-5, 1e-6)
        w.case(nm + "_inplace", "aten::%s_" % nm, lambda a, d, dt, nm=nm: getattr(a, nm + "_")(d, dtype=dt),
               [rnd(3, 4), 1, None], 1e-5, 1e-6, inplace=True)
        w.error(nm + "_bad_dim", "aten::" + nm, lambda a, d, dt, fn=fn: fn(a, d, dtype=dt), [x, 3, None], "out of range")

    nanrow = torch.tensor([[3.0, float("nan"), -1.0, float("inf"), 2.0, float("-inf"), 0.0]])
    for desc in [False, True]:
        tag = "desc" if desc else "asc"
        w.case("sort_%s" % tag, "aten::sort", lambda a, d, de: tuple(torch.sort(a, d, de)), [x, -1, desc])
        w.case("sort_d0_%s" % tag, "aten::sort", lambda a, d, de: tuple(torch.sort(a, d, de)), [x, 0, desc])
        w.case("sort_d1_%s" % tag, "aten::sort", lambda a, d, de: tuple(torch.sort(a, d, de)), [x, 1, desc])
        w.case("sort_nan_%s" % tag, "aten::sort", lambda a, d, de: tuple(torch.sort(a, d, de)), [nanrow, 1, desc])
        w.case("sort_stable_%s" % tag, "aten::sort.stable", lambda a, s, d, de: tuple(torch.sort(a, stable=s, dim=d, descending=de)),
               [rnd(3, 12, dtype=I64, lo=0, hi=3), True, 1, desc])
        w.case("argsort_%s" % tag, "aten::argsort", lambda a, d, de: torch.argsort(a, d, de), [T(rnd(5, 4), "t"), 1, desc])
        w.case("argsort_stable_%s" % tag, "aten::argsort.stable", lambda a, s, d, de: torch.argsort(a, stable=s, dim=d, descending=de),
               [rnd(4, 9, dtype=I32, lo=0, hi=2), True, -1, desc])
    for dt in [F64, I64, I32, I16, I8, U8, BOOL, BF16, F16]:
        w.case("sort_%s" % DTYPES[dt], "aten::sort.stable", lambda a, s, d, de: tuple(torch.sort(a, stable=s, dim=d, descending=de)),
               [rnd(3, 6, dtype=dt, lo=-50, hi=50), True, 1, False])
    w.case("sort_long", "aten::sort", lambda a, d, de: tuple(torch.sort(a, d, de)), [rnd(2, 600), 1, True])
    w.case("sort_sliced", "aten::sort", lambda a, d, de: tuple(torch.sort(a, d, de)), [T(rnd(3, 5), "s"), 0, False])
    w.case("sort_zerodim", "aten::sort", lambda a, d, de: tuple(torch.sort(a, d, de)), [torch.tensor(1.5), -1, False])
    w.case("sort_empty", "aten::sort", lambda a, d, de: tuple(torch.sort(a, d, de)), [rnd(0, 4), 1, False])
    w.error("sort_bad_dim", "aten::sort", lambda a, d, de: tuple(torch.sort(a, d, de)), [x, 3, False], "out of range")

    distinct = torch.randperm(40, generator=kf_gen()).reshape(4, 10)
    for largest in [True, False]:
        tag = "largest" if largest else "smallest"
        w.case("topk_%s" % tag, "aten::topk", lambda a, k, d, l, s: tuple(torch.topk(a, k, d, l, s)), [x, 2, -1, largest, True])
        w.case("topk_d0_%s" % tag, "aten::topk", lambda a, k, d, l, s: tuple(torch.topk(a, k, d, l, s)), [x, 1, 0, largest, True])
        w.case("topk_int_%s" % tag, "aten::topk", lambda a, k, d, l, s: tuple(torch.topk(a, k, d, l, s)),
               [distinct, 3, 1, largest, True])
        w.case("topk_nan_%s" % tag, "aten::topk", lambda a, k, d, l, s: tuple(torch.topk(a, k, d, l, s)),
               [nanrow, 3, 1, largest, True])
        w.case("topk_t_%s" % tag, "aten::topk", lambda a, k, d, l, s: tuple(torch.topk(a, k, d, l, s)),
               [T(rnd(6, 5), "t"), 4, 1, largest, True])
    w.case("topk_f64", "aten::topk", lambda a, k, d, l, s: tuple(torch.topk(a, k, d, l, s)), [rnd(3, 7, dtype=F64), 7, 1, True, True])
    w.case("topk_k0", "aten::topk", lambda a, k, d, l, s: tuple(torch.topk(a, k, d, l, s)), [x, 0, 1, True, True])
    w.case("topk_long", "aten::topk", lambda a, k, d, l, s: tuple(torch.topk(a, k, d, l, s)), [rnd(2, 600), 5, 1, True, True])
    w.error("topk_k_too_big", "aten::topk", lambda a, k, d, l, s: tuple(torch.topk(a, k, d, l, s)), [x, 5, 1, True, True],
            "k (5) is out of range for dim 1 of size 3")
    w.error("topk_k_negative", "aten::topk", lambda a, k, d, l, s: tuple(torch.topk(a, k, d, l, s)), [x, -1, 1, True, True],
            "k (-1) is out of range")
    w.error("topk_bad_dim", "aten::topk", lambda a, k, d, l, s: tuple(torch.topk(a, k, d, l, s)), [x, 1, 3, True, True],
            "out of range")

    # The (values, indices) out= forms.
    w.case("sort_values_out", "aten::sort.values",
           lambda a, d, de, v, i: tuple(torch.sort(a, d, de, out=(v, i))), [x, 1, True, torch.zeros(0), torch.zeros(0, dtype=I64)])
    w.case("sort_values_stable_out", "aten::sort.values_stable",
           lambda a, s, d, de, v, i: tuple(torch.sort(a, stable=s, dim=d, descending=de, out=(v, i))),
           [rnd(2, 9, dtype=I64, lo=0, hi=3), True, -1, False, torch.zeros(0, dtype=I64), torch.zeros(0, dtype=I64)])
    w.case("topk_values_out", "aten::topk.values",
           lambda a, k, d, l, s, v, i: tuple(torch.topk(a, k, d, l, s, out=(v, i))),
           [x, 2, 2, True, True, torch.zeros(0), torch.zeros(0, dtype=I64)])
    for nm in ["max", "min"]:
        w.case("%s_dim_out" % nm, "aten::%s.dim_%s" % (nm, nm),
               lambda a, d, k, v, i, nm=nm: tuple(getattr(torch, nm)(a, d, k, out=(v, i))),
               [x, 1, True, torch.zeros(0), torch.zeros(0, dtype=I64)])

    w.case("argsort_stable_out", "aten::argsort.stable_out",
           lambda a, s, d, de, o: torch.argsort(a, stable=s, dim=d, descending=de),
           [rnd(3, 7, dtype=I64, lo=0, hi=3), True, 1, True, torch.zeros(0, dtype=I64)])


def kf_gen():
    from kernel_fixture_format import GEN
    return GEN
