class PlaceholderModule(Module):
  __parameters__ = []
  __buffers__ = []
  training : bool
  def forward(self: __torch__.PlaceholderModule,
    x: Optional[int],
    t: Tuple[int, float]) -> float:
    if torch.__is__(x, None):
      _0 = 0.
    else:
      x0 = unchecked_cast(int, x)
      a, b, = t
      b0 = unchecked_cast(float, b)
      b1 = unchecked_cast(float, b0)
      x1 = unchecked_cast(int, x0)
      _0 = torch.add(torch.mul(b1, a), x1)
    return _0
