class PlaceholderModule(Module):
  __parameters__ = []
  __buffers__ = []
  training : bool
  def forward(self: __torch__.PlaceholderModule,
    a: int,
    b: float,
    t: Tensor) -> float:
    _0 = torch.add(torch.floordiv(a, 3), torch.remainder(a, 2))
    r = torch.sub(_0, torch.pow(torch.neg(a), 2))
    m = torch.bitwise_not(torch.gt(t, 0))
    _1 = torch.add(torch.add(torch.div(b, 2.5), 0.001), 31)
    f = torch.add(_1, inf)
    if torch.lt(0, a):
      _2 = torch.lt(a, 10)
    else:
      _2 = False
    if _2:
      f0 = torch.mul(f, 2.)
    else:
      f0 = f
    if torch.gt(a, 3):
      g = f0
    else:
      g = torch.neg(f0)
    t2 = torch.to(torch.to(t, 7), 3)
    _3 = torch.add(torch.add(r, g), float(torch.item(torch.sum(t2))))
    _4 = torch.add(torch.add(_3, float(torch.dim(t))), float(torch.sum(m)))
    return _4
