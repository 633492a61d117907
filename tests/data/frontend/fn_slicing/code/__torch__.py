class PlaceholderModule(Module):
  __parameters__ = []
  __buffers__ = []
  training : bool
  def forward(self: __torch__.PlaceholderModule,
    x: Tensor) -> Tensor:
    a = torch.select(x, 0, 0)
    b = torch.slice(x, 0, 1)
    c = torch.slice(torch.unsqueeze(torch.slice(x), 1), 2, None, None, 2)
    d = torch.select(x, -1, 1)
    e = torch.select(torch.slice(x, 0, 1, -1, 2), 1, 0)
    _0 = torch.select(x, 0, 0)
    _1 = torch.tensor(1., dtype=ops.prim.dtype(_0), device=ops.prim.device(_0))
    _2 = torch.copy_(_0, _1)
    _3 = torch.add(torch.sum(a), torch.sum(b))
    _4 = torch.add(torch.add(_3, torch.sum(c)), torch.sum(d))
    return torch.add(_4, torch.sum(e))
