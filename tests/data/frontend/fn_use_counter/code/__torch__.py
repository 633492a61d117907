class PlaceholderModule(Module):
  __parameters__ = []
  __buffers__ = []
  training : bool
  def forward(self: __torch__.PlaceholderModule,
    n: int) -> int:
    c = __torch__.Counter.__new__(__torch__.Counter)
    _0 = (c).__init__(n, )
    _1 = (c).bump(1, )
    return (c).bump(2, )
class Counter:
  count : int
  names : List[str]
  def __init__(self: __torch__.Counter,
    start: int) -> NoneType:
    self.count = start
    self.names = annotate(List[str], [])
    return None
  def bump(self: __torch__.Counter,
    by: int=1) -> int:
    count = self.count
    self.count = torch.add(count, by)
    return self.count
