class PlaceholderModule(Module):
  __parameters__ = []
  __buffers__ = []
  training : bool
  def forward(self: __torch__.PlaceholderModule,
    d: Dict[str, Tensor],
    key: str) -> Dict[str, int]:
    e = {"a": 1, "b": 2}
    _0 = torch.items(d)
    for _1 in range(torch.len(_0)):
      k, v, = _0[_1]
      torch._set_item(e, k, torch.numel(v))
    if torch.__contains__(e, key):
      _3 = torch.__not__(torch.__contains__(["z"], key))
      _2 = _3
    else:
      _2 = False
    if _2:
      torch._set_item(e, key, torch.add(e[key], 1))
    else:
      pass
    _4 = annotate(Dict[str, int], {})
    _5 = torch.items(e)
    for _6 in range(torch.len(_5)):
      k0, v0, = _5[_6]
      torch._set_item(_4, k0, torch.mul(v0, 2))
    return _4
