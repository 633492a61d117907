class PlaceholderModule(Module):
  __parameters__ = []
  __buffers__ = []
  training : bool
  def forward(self: __torch__.PlaceholderModule,
    x: Tensor,
    y: Tensor) -> Tuple[Tensor, int]:
    return (torch.matmul(x, torch.t(y)), 3)
