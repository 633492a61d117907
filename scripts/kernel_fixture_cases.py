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

