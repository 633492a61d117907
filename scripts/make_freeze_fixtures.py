#!/usr/bin/python3
"""Writes the small scripted modules tests/jit/freeze_test.cpp freezes:
NAME.pt (torch.jit.save) and NAME.args.pt (the positional arguments, a tuple).

usage: /usr/bin/python3 scripts/make_freeze_fixtures.py OUT_DIR
"""
import os
import sys

import torch
from torch import nn


def randomize_bn(bn):
    with torch.no_grad():
        bn.weight.uniform_(0.5, 1.5)
        bn.bias.uniform_(-0.5, 0.5)
        bn.running_mean.uniform_(-0.3, 0.3)
        bn.running_var.uniform_(0.5, 2.0)


class ConvBn(nn.Module):
    """Three conv + batch-norm pairs that fold (2-d without and with a conv
    bias, 1-d) and one that does not: its conv output has a second use."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(8)
        self.conv2 = nn.Conv2d(8, 4, 3, stride=2)
        self.bn2 = nn.BatchNorm2d(4)
        self.conv3 = nn.Conv1d(4, 6, 3, padding=1)
        self.bn3 = nn.BatchNorm1d(6)
        self.conv4 = nn.Conv1d(6, 6, 1)
        self.bn4 = nn.BatchNorm1d(6)
        for bn in (self.bn1, self.bn2, self.bn3, self.bn4):
            randomize_bn(bn)

    def forward(self, x):
        y = torch.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        z = torch.relu(self.bn3(self.conv3(y.flatten(2))))
        w = self.conv4(z)
        return self.bn4(w) + w


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)
        self.scale = nn.Parameter(torch.randn(4))

    def forward(self, x):
        return self.fc(x) * self.scale


class Twin(nn.Module):
    """Two submodules of one class (one TorchScript type) with their own
    weights: their forward shares one executor."""

    def __init__(self):
        super().__init__()
        self.a = Block()
        self.b = Block()

    def forward(self, x):
        return self.a(x) - self.b(x)


class Mutating(nn.Module):
    """Writes its attributes: a buffer in place, a batch-norm buffer in
    place before the conv + bn, an int attribute with prim::SetAttr."""

    def __init__(self):
        super().__init__()
        self.register_buffer("w", torch.randn(8))
        self.conv = nn.Conv1d(2, 8, 3, padding=1)
        self.bn = nn.BatchNorm1d(8)
        self.count: int = 0
        randomize_bn(self.bn)

    def forward(self, x):
        self.count = self.count + 1
        self.w.add_(0.25)
        self.bn.running_mean.add_(0.5)
        return self.bn(self.conv(x)) * self.w.unsqueeze(1) + float(self.count)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(0)
    cases = [
        ("conv_bn", ConvBn().eval(), (torch.randn(2, 3, 10, 10),)),
        ("conv_bn_train", ConvBn().train(), (torch.randn(2, 3, 10, 10),)),
        ("twin", Twin().eval(), (torch.randn(3, 4),)),
        ("mutating", Mutating().eval(), (torch.randn(2, 2, 5),)),
    ]
    for name, module, args in cases:
        scripted = torch.jit.script(module)
        scripted.save(os.path.join(out, name + ".pt"))
        torch.save(args, os.path.join(out, name + ".args.pt"))


if __name__ == "__main__":
    main()
