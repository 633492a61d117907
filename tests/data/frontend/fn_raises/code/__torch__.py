class PlaceholderModule(Module):
  __parameters__ = []
  __buffers__ = []
  training : bool
  def forward(self: __torch__.PlaceholderModule,
    x: int) -> int:
    if torch.lt(x, 0):
      ops.prim.RaiseException(torch.add("negative: ", str(x)), "builtins.ValueError")
    else:
      if torch.eq(x, 0):
        ops.prim.RaiseException("zero", "builtins.RuntimeError")
      else:
        pass
    return x
