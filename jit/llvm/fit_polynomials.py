#!/usr/bin/env python3
"""Fits the polynomial coefficients of jit/llvm/llvm_math.cpp (erf, erfc).

Least squares on Chebyshev nodes in 50-digit arithmetic (mpmath), in the
variable u = (v - c) / h mapped to [-1, 1], monomial basis in u (the
coefficients decay, so Horner in u is well conditioned). Prints C++
initializers and the fit's maximum relative error.

  erf(x)  = x * P(x^2)                 for |x| < 1
  erfc(y) = exp(-y^2) * H(y)           for 0.5 <= y < 2  (two pieces)
  erfc(y) = exp(-y^2) / y * K(1 / y)   for y >= 2 (one or two pieces)
  float32 erf(y) = 1 - Q(y), Q ~ erfc   for 1 <= y < 4 (absolute fit)
"""
import mpmath as mp

mp.mp.dps = 50


def fit(f, lo, hi, deg, nodes=None):
    n = nodes or 3 * deg + 20
    c, h = (lo + hi) / 2, (hi - lo) / 2
    us = [mp.cos(mp.pi * (k + mp.mpf(0.5)) / n) for k in range(n)]
    A = mp.matrix(n, deg + 1)
    y = mp.matrix(n, 1)
    for i, u in enumerate(us):
        v = c + h * u
        fv = f(v)
        for j in range(deg + 1):
            A[i, j] = u**j / fv  # relative least squares
        y[i] = 1
    coef, _ = mp.qr_solve(A, y)
    coef = [coef[j] for j in range(deg + 1)]
    err = 0
    for k in range(400):
        u = mp.mpf(-1) + 2 * mp.mpf(k) / 399
        v = c + h * u
        p = 0
        for a in reversed(coef):
            p = p * u + a
        err = max(err, abs(p / f(v) - 1))
    return c, h, coef, err


def erfP(z):  # erf(x)/x as a function of z = x^2
    if z == 0:
        return 2 / mp.sqrt(mp.pi)
    x = mp.sqrt(z)
    return mp.erf(x) / x


def H(y):
    return mp.erfc(y) * mp.exp(y * y)


def K(t):  # y * erfc(y) * exp(y^2), y = 1/t
    if t == 0:
        return 1 / mp.sqrt(mp.pi)
    y = 1 / t
    return y * mp.erfc(y) * mp.exp(y * y)


def fit_abs(f, lo, hi, deg):
    """Like fit(), minimizing the absolute error."""
    n = 3 * deg + 30
    c, h = (lo + hi) / 2, (hi - lo) / 2
    us = [mp.cos(mp.pi * (k + mp.mpf(0.5)) / n) for k in range(n)]
    A = mp.matrix(n, deg + 1)
    y = mp.matrix(n, 1)
    for i, u in enumerate(us):
        for j in range(deg + 1):
            A[i, j] = u**j
        y[i] = f(c + h * u)
    coef, _ = mp.qr_solve(A, y)
    coef = [coef[j] for j in range(deg + 1)]
    err = 0
    for k in range(600):
        u = mp.mpf(-1) + 2 * mp.mpf(k) / 599
        p = 0
        for a in reversed(coef):
            p = p * u + a
        err = max(err, abs(p - f(c + h * u)))
    return c, h, coef, err


def show(name, lo, hi, f, deg):
    c, h, coef, err = fit(f, mp.mpf(lo), mp.mpf(hi), deg)
    cs = ", ".join(mp.nstr(a, 20) for a in coef)
    print(f"// {name}: v in [{lo}, {hi}], u = (v - {mp.nstr(c, 17)}) / {mp.nstr(h, 17)}, "
          f"max rel err {mp.nstr(err, 3)}")
    print(f"{{{mp.nstr(c, 17)}, {mp.nstr(h, 17)}, {{{cs}}}}},")


if __name__ == "__main__":
    # Pieces of erfc for y >= 0.5: H(y) on [0.5, 1.25) and [1.25, 2), then
    # K(1/y) / y (float: one piece up to the underflow at y ~ 10.05;
    # double: y in [2, 4) and [4, 28.6) (underflow at y ~ 27.3)).
    for label, dp, dq, kpieces in (("float", 6, 8, ((0.09, 0.5),)),
                                   ("double", 11, 15, ((0.25, 0.5), (0.035, 0.25)))):
        print(f"// ---- {label}")
        show("erf P(z)", 0, 1, erfP, dp)
        show("erfc H(y)", 0.5, 1.25, H, dq)
        show("erfc H(y)", 1.25, 2, H, dq)
        for lo, hi in kpieces:
            show("erfc K(t)", lo, hi, K, dq)
    # float32 erf for 1 <= |x| < 4: 1 - Q(|x|), Q ~ erfc to an absolute 1e-8
    # (erf rounds to 1 beyond 4).
    c, h, coef, err = fit_abs(mp.erfc, mp.mpf(1), mp.mpf(4), 14)
    print(f"// erf float32: Q(y) ~ erfc(y) on [1, 4], max abs err {mp.nstr(err, 3)}")
    print(f"{{{mp.nstr(c, 17)}, {mp.nstr(h, 17)}, {{{', '.join(mp.nstr(a, 20) for a in coef)}}}}},")
