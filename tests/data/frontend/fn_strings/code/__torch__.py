class PlaceholderModule(Module):
  __parameters__ = []
  __buffers__ = []
  training : bool
  def forward(self: __torch__.PlaceholderModule,
    s: str,
    n: int) -> str:
    _0 = "single \'quoted\'double \"q\" \n\t\\"
    if torch.startswith(s, "x"):
      _1 = True
    else:
      _2 = torch.__not__(torch.endswith(s, "y"))
      _1 = _2
    if _1:
      a = torch.add(_0, torch.upper(s))
    else:
      a = _0
    _3 = torch.format("{} {}", a, "triple\nquoted")
    _4 = torch.add(torch.add(_3, str(n)), torch.format("{}", n))
    return _4
