#!/usr/bin/python3
"""Writes tests/data/kernels/*.txt: inputs and PyTorch 1.13's outputs for the
elementwise, reduction, linalg, shape and creation ops of kernels/cpu, and
the type promotion table. Run with /usr/bin/python3 (torch 1.13).

Format (one token stream per line, read by tests/kernels/kernel_fixture_util.cpp):
  case <name> <overload> <rtol> <atol> [inplace]
  arg T <dtype> <view> <ndim> <sizes...> <values...>   view: c (contiguous),
      t (stored transposed: the test transposes the last two dims back),
      s (stored with the last dim doubled: the test takes every 2nd element)
  arg I <int> | arg F <float.hex> | arg B <0|1> | arg N | arg S <str>
  arg L <n> <ints...> | arg TL <n>  (followed by n lines "T ...")
  out T <dtype> <ndim> <sizes...> <values...> | out I <int> | out L <n> <ints...>
  err <substring of the expected wick::Error message>
  end
"""
import math
import os
import sys

import torch

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "kernels")
DTYPES = {
    torch.uint8: "uint8", torch.int8: "int8", torch.int16: "int16", torch.int32: "int32",
    torch.int64: "int64", torch.float16: "float16", torch.float32: "float32",
    torch.float64: "float64", torch.bool: "bool", torch.bfloat16: "bfloat16",
}


def fmt_value(v, dtype):
    if dtype == torch.bool:
        return "1" if v else "0"
    if dtype.is_floating_point:
        v = float(v)
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return v.hex()
    return str(int(v))


def fmt_tensor(t):
    t = t.detach()
    vals = t.reshape(-1).tolist()
    parts = [DTYPES[t.dtype], str(t.dim())] + [str(s) for s in t.shape]
    parts += [fmt_value(v, t.dtype) for v in vals]
    return " ".join(parts)


class Arg:
    def __init__(self, value, view="c"):
        self.value = value
        self.view = view


def T(x, view="c"):
    return Arg(x, view)


def stored(a):
    """The tensor written to the file for a view-tagged argument."""
    x = a.value
    if a.view == "t":
        return x.transpose(-1, -2).contiguous()
    if a.view == "s":
        shape = list(x.shape)
        shape[-1] *= 2
        base = torch.zeros(shape, dtype=x.dtype)
        base[..., ::2] = x
        return base
    return x


def live(a):
    """The tensor PyTorch sees: the same view the C++ test builds."""
    x = stored(a).clone()
    if a.view == "t":
        return x.transpose(-1, -2)
    if a.view == "s":
        return x[..., ::2]
    return x


def fmt_arg(a):
    if isinstance(a, Arg):
        x = stored(a)
        parts = [DTYPES[x.dtype], a.view, str(x.dim())] + [str(s) for s in x.shape]
        parts += [fmt_value(v, x.dtype) for v in x.reshape(-1).tolist()]
        return "T " + " ".join(parts)
    if isinstance(a, torch.Tensor):
        return fmt_arg(Arg(a))
    if a is None:
        return "N"
    if isinstance(a, bool):
        return "B " + ("1" if a else "0")
    if isinstance(a, int):
        return "I %d" % a
    if isinstance(a, float):
        return "F " + fmt_value(a, torch.float64)
    if isinstance(a, str):
        return "S " + a
    if isinstance(a, torch.dtype):
        return "I %d" % DTYPE_CODES[a]
    if isinstance(a, list) and all(isinstance(e, (Arg, torch.Tensor)) for e in a) and a:
        return "TL %d\n" % len(a) + "\n".join(fmt_arg(e) for e in a)
    if isinstance(a, (list, tuple)):
        return "L %d %s" % (len(a), " ".join(str(int(e)) for e in a))
    raise TypeError(a)


DTYPE_CODES = {torch.uint8: 0, torch.int8: 1, torch.int16: 2, torch.int32: 3, torch.int64: 4,
               torch.float16: 5, torch.float32: 6, torch.float64: 7, torch.bool: 11,
               torch.bfloat16: 15}


def py(a):
    if isinstance(a, Arg):
        return live(a)
    if isinstance(a, torch.Tensor):
        return a.clone()
    if isinstance(a, list) and a and all(isinstance(e, (Arg, torch.Tensor)) for e in a):
        return [py(e) for e in a]
    return a


class Writer:
    def __init__(self, name):
        self.name = name
        self.lines = []
        self.names = set()

    def _header(self, name, overload, rtol, atol, inplace):
        assert name not in self.names, name
        self.names.add(name)
        self.lines.append("case %s %s %g %g%s" % (name, overload, rtol, atol, " inplace" if inplace else ""))

    def case(self, name, overload, fn, args, rtol=1e-6, atol=1e-6, inplace=False):
        """fn(*python args) gives PyTorch's result for the op."""
        pargs = [py(a) for a in args]
        try:
            res = fn(*pargs)
        except Exception as e:  # noqa: BLE001 - PyTorch lacks this dtype: no case
            print("skipped %s: %s" % (name, str(e).splitlines()[0]), file=sys.stderr)
            return
        self._header(name, overload, rtol, atol, inplace)
        for a in args:
            self.lines.append("arg " + fmt_arg(a))
        if isinstance(res, torch.Tensor):
            self.lines.append("out T " + fmt_tensor(res))
        elif isinstance(res, bool):
            self.lines.append("out I %d" % int(res))
        elif isinstance(res, int):
            self.lines.append("out I %d" % res)
        elif isinstance(res, (list, tuple)) and all(isinstance(e, int) for e in res):
            self.lines.append("out L %d %s" % (len(res), " ".join(str(e) for e in res)))
        elif isinstance(res, (list, tuple)):
            for e in res:
                self.lines.append("out T " + fmt_tensor(e))
        else:
            raise TypeError(res)
        self.lines.append("end")

    def error(self, name, overload, fn, args, substring):
        """PyTorch must raise too; Wick must raise a wick::Error containing substring."""
        try:
            fn(*[py(a) for a in args])
        except Exception:  # noqa: BLE001 - any PyTorch error counts
            pass
        else:
            raise AssertionError("PyTorch accepted error case " + name)
        self._header(name, overload, 0, 0, False)
        for a in args:
            self.lines.append("arg " + fmt_arg(a))
        self.lines.append("err " + substring)
        self.lines.append("end")

    def save(self):
        path = os.path.join(ROOT, self.name)
        with open(path, "w") as f:
            f.write("\n".join(self.lines) + "\n")
        print("wrote", path, len(self.names), "cases")


GEN = torch.Generator().manual_seed(20240607)
F32, F64, F16, BF16 = torch.float32, torch.float64, torch.float16, torch.bfloat16
I64, I32, I16, I8, U8, BOOL = torch.int64, torch.int32, torch.int16, torch.int8, torch.uint8, torch.bool


def rnd(*shape, dtype=F32, lo=-3, hi=3):
    if dtype == BOOL:
        return torch.randint(0, 2, shape, generator=GEN).bool()
    if dtype.is_floating_point:
        return (torch.rand(shape, generator=GEN, dtype=F64) * (hi - lo) + lo).to(dtype)
    if dtype == U8:
        return torch.randint(0, 10, shape, generator=GEN).to(dtype)
    return torch.randint(lo, hi + 1, shape, generator=GEN).to(dtype)


def nonzero(*shape, dtype=I64):
    x = rnd(*shape, dtype=dtype, lo=-5, hi=5)
    return torch.where(x == 0, torch.ones_like(x), x)


def tol(dtype):
    return {F16: (2e-3, 2e-3), BF16: (1e-2, 1e-2), F64: (1e-12, 1e-12)}.get(dtype, (1e-6, 1e-6))


def edge_floats():
    return torch.tensor([0.0, -0.0, 1.0, -1.0, 0.5, -2.5, 3.75, 1e-8, -1e-8, 20.0, -20.0, 88.0, -88.0,
                         100.0, -100.0, float("inf"), float("-inf"), float("nan")], dtype=F32)


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
    out64 = torch.empty(0, dtype=F64)
    w.case("add_out_resize", "aten::add.out", lambda a, b, al, o: torch.add(a, b, alpha=al, out=o),
           [rnd(2, 3), rnd(3), 1, out64])
    w.case("mul_out", "aten::mul.out", lambda a, b, o: torch.mul(a, b, out=o), [rnd(2, 3), rnd(2, 3), torch.empty(2, 3)])
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
               [rnd(2, 3, lo=0.1, hi=3), torch.empty(2, 3)], 2e-6, 1e-6)
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
           [rnd(2, 3), "tanh", torch.empty(2, 3)])
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
               [rnd(2, 3), rnd(2, 3), torch.empty(2, 3)])
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
           [rnd(4, dtype=I32, lo=-1, hi=1), torch.empty(4)])

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
    w.case("clamp_out", "aten::clamp.out", lambda a, lo, hi, o: torch.clamp(a, lo, hi, out=o), [x, -1.0, 1.0, torch.empty(0)])
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
           [x, [1], False, None, torch.empty(0)], 1e-5, 1e-5)
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
    w.case("mm_out", "aten::mm.out", lambda a, b, o: torch.mm(a, b, out=o), [rnd(2, 3), rnd(3, 2), torch.empty(0)], 1e-5, 1e-5)
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
    w.case("cat_skip_empty", "aten::cat", torch.cat, [[rnd(2, 3), torch.empty(0), rnd(1, 3)], 0])
    w.case("cat_out", "aten::cat.out", lambda t, d, o: torch.cat(t, d, out=o), [[rnd(2), rnd(3)], 0, torch.empty(0)])
    w.error("cat_mismatch", "aten::cat", torch.cat, [[rnd(2, 3), rnd(2, 4)], 0], "sizes of tensors must match except in dimension 0")
    w.error("cat_rank", "aten::cat", torch.cat, [[rnd(2, 3), rnd(2, 3, 1)], 0], "same number of dimensions")
    w.case("stack0", "aten::stack", torch.stack, [[rnd(2, 3), rnd(2, 3)], 0])
    w.case("stack_last", "aten::stack", torch.stack, [[rnd(2, 3), T(rnd(2, 3), "t"), rnd(2, 3)], -1])
    w.error("stack_mismatch", "aten::stack", torch.stack, [[rnd(2, 3), rnd(3, 2)], 0], "equal size")
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
    for name, fn in [("elementwise.txt", elementwise), ("compare.txt", compare_logical),
                     ("reduction.txt", reductions), ("linalg.txt", linalg), ("shape.txt", shapes),
                     ("creation.txt", creation)]:
        w = Writer(name)
        fn(w)
        w.save()
    promotion()


if __name__ == "__main__":
    main()
