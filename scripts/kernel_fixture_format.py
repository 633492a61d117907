"""The kernel fixture format and input helpers shared by make_kernel_fixtures.py
and kernel_fixture_cases.py.

Format (one token stream per line, read by tests/kernels/kernel_fixture_util.cpp):
  case <name> <overload> <rtol> <atol> [inplace]
  arg T <dtype> <view> <ndim> <sizes...> <values...>   view: c (contiguous),
      t (stored transposed: the test transposes the last two dims back),
      s (stored with the last dim doubled: the test takes every 2nd element)
  arg I <int> | arg F <float.hex> | arg B <0|1> | arg N | arg S <str>
  arg L <n> <ints...> | arg FL <n> <floats...> | arg TL <n>  (followed by n lines "T ...")
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
    if isinstance(a, (list, tuple)) and any(isinstance(e, float) for e in a):
        return "FL %d %s" % (len(a), " ".join(fmt_value(e, torch.float64) for e in a))
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
