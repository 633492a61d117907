class PlaceholderModule(Module):
  __parameters__ = []
  __buffers__ = []
  training : bool
  def forward(self: __torch__.PlaceholderModule,
    xs: List[List[int]],
    limit: int) -> Tuple[int, bool]:
    _0 = uninitialized(int)
    _1 = uninitialized(bool)
    _2 = torch.len(xs)
    total = 0
    found = False
    _3 = 0
    _4 = torch.gt(_2, 0)
    while _4:
      row = xs[_3]
      _5 = torch.len(row)
      found0 = found
      total0 = total
      _6 = 0
      _7 = torch.gt(_5, 0)
      while _7:
        v = row[_6]
        if torch.lt(v, 0):
          _8, _9, _10, _11, _12, _13, _14 = True, True, found0, total0, _1, _1, _0
        else:
          total1 = torch.add(total0, v)
          if torch.gt(total1, limit):
            _15, _16, _17, _18, found1 = True, False, True, total1, True
          else:
            _15, _16, _17, _18, found1 = False, _1, _1, _0, found0
          _8, _9, _10, _11, _12, _13, _14 = _15, _16, _17, _18, True, found1, total1
        if _8:
          _19, _20, _21 = _9, _10, _11
        else:
          _19, _20, _21 = _12, _13, _14
        _22 = torch.add(_6, 1)
        _23 = torch.__and__(torch.lt(_22, _5), _19)
        _7, found0, total0, _6 = _23, _20, _21, _22
      if found0:
        _24 = False
      else:
        _24 = True
      _25 = torch.add(_3, 1)
      _26 = torch.__and__(torch.lt(_25, _2), _24)
      _4, total, found, _3 = _26, total0, found0, _25
    return (total, found)
