class PlaceholderModule(Module):
  __parameters__ = []
  __buffers__ = []
  training : bool
  def forward(self: __torch__.PlaceholderModule,
    xs: List[int],
    n: int) -> List[int]:
    _0 = uninitialized(bool)
    out = __torch__.annotate_list()
    _1 = 0
    _2 = torch.gt(n, 0)
    while _2:
      if torch.eq(_1, 2):
        _3, _4, _5 = True, True, _0
      else:
        if torch.gt(_1, 5):
          _6, _7, _8 = True, False, _0
        else:
          _9 = torch.remainder(_1, torch.len(xs))
          _10 = torch.append(out, torch.mul(xs[_9], 2))
          _6, _7, _8 = False, _0, True
        _3, _4, _5 = _6, _7, _8
      if _3:
        _11 = _4
      else:
        _11 = _5
      _12 = torch.add(_1, 1)
      _13 = torch.__and__(torch.lt(_12, n), _11)
      _2, _1 = _13, _12
    n0 = n
    _14 = torch.gt(n, 0)
    while _14:
      n1 = torch.sub(n0, 1)
      _15 = torch.__rshift__(torch.__lshift__(n1, 1), 1)
      _16 = torch.__or__(torch.__and__(_15, 7), 11)
      torch.insert(out, 0, _16)
      _14, n0 = torch.gt(n1, 0), n1
    _17 = torch.slice(out, 1)
    _18 = annotate(List[int], [])
    for _19 in range(torch.len(xs)):
      v = xs[_19]
      _20 = torch.append(_18, torch.mul(v, 3))
    return torch.add(_17, _18)
def annotate_list() -> List[int]:
  return annotate(List[int], [])
