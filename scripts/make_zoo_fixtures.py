#!/usr/bin/python3
"""Writes the model-zoo fixtures that tests/model/run_zoo.sh runs through
`wick run`: scripted PyTorch 1.13 models with random weights in eval mode
(torchvision CNNs, a small VisionTransformer, transformer/recurrent layers
and a small U-Net), in the format of make_fixtures.py: NAME.pt
(torch.jit.save), NAME.args.pt (the positional arguments, a tuple) and
NAME.expected.pt (what TorchScript returns under torch.no_grad()).

Inputs are batch 1 at small resolutions so that the whole zoo runs in
seconds. Models whose ops Wick does not have yet are listed in PENDING: they
are written only with --all (or when named), and the ctest skips them.

usage: /usr/bin/python3 scripts/make_zoo_fixtures.py OUT_DIR [--all] [NAME...]
Prints the name of each model written, one a line.
"""
import os
import sys

from typing import Optional

import torch
import torch.nn.functional as F
from torch import nn

# Models that need ops which have not landed in Wick yet (see
# scripts/op_coverage.py); kept here so that they join the test as soon as
# the ops exist.
PENDING = set()


class DoubleConv(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True),
            nn.Conv2d(cout, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))

    def forward(self, x):
        return self.body(x)


class SmallUNet(nn.Module):
    """Two levels down, one up by ConvTranspose2d and one by bilinear
    upsampling, skip connections joined with cat."""

    def __init__(self, cin=3, classes=2, w=8):
        super().__init__()
        self.inc = DoubleConv(cin, w)
        self.down1 = DoubleConv(w, 2 * w)
        self.down2 = DoubleConv(2 * w, 4 * w)
        self.up1 = nn.ConvTranspose2d(4 * w, 2 * w, 2, stride=2)
        self.conv1 = DoubleConv(4 * w, 2 * w)
        self.conv2 = DoubleConv(3 * w, w)
        self.head = nn.Conv2d(w, classes, 1)

    def forward(self, x):
        x1 = self.inc(x)
        x2 = self.down1(F.max_pool2d(x1, 2))
        x3 = self.down2(F.max_pool2d(x2, 2))
        y = self.conv1(torch.cat([x2, self.up1(x3)], dim=1))
        y = self.conv2(torch.cat([x1, self.upsample(y)], dim=1))
        return self.head(y)

    def upsample(self, y):
        return F.interpolate(y, scale_factor=2.0, mode="bilinear", align_corners=False)


class Recurrent(nn.Module):
    """nn.LSTM/nn.GRU script to overloaded forward__0/forward__1 methods;
    this wrapper gives the archive a forward (with an initial state when
    given one)."""

    def __init__(self, rnn):
        super().__init__()
        self.rnn = rnn

    def forward(self, x, h: Optional[torch.Tensor] = None):
        return self.rnn(x, h)


class RecurrentLstm(nn.Module):
    def __init__(self, rnn):
        super().__init__()
        self.rnn = rnn

    def forward(self, x):
        return self.rnn(x)


def randomize_norms(model):
    """BatchNorm with non-trivial statistics and affine parameters, so that
    inference-mode normalization is really exercised."""
    g = torch.Generator().manual_seed(1)
    for m in model.modules():
        if isinstance(m, nn.modules.batchnorm._BatchNorm):
            n = m.num_features
            with torch.no_grad():
                m.running_mean.copy_(torch.rand(n, generator=g) * 0.2 - 0.1)
                m.running_var.copy_(torch.rand(n, generator=g) + 0.5)
                if m.affine:
                    m.weight.copy_(torch.rand(n, generator=g) + 0.5)
                    m.bias.copy_(torch.rand(n, generator=g) * 0.2 - 0.1)
    return model


def image(size):
    return (torch.randn(1, 3, size, size),)


def cases():
    """(name, module factory, args factory); factories so that a run for one
    name builds only that model."""
    import torchvision.models as tvm
    yield "resnet50", lambda: tvm.resnet50(num_classes=10), lambda: image(64)
    yield "mobilenet_v3_small", lambda: tvm.mobilenet_v3_small(num_classes=10), lambda: image(64)
    yield "efficientnet_b0", lambda: tvm.efficientnet_b0(num_classes=10), lambda: image(64)
    yield "shufflenet_v2_x1_0", lambda: tvm.shufflenet_v2_x1_0(num_classes=10), lambda: image(64)
    yield "densenet121", lambda: tvm.densenet121(num_classes=10), lambda: image(64)
    yield "regnet_y_400mf", lambda: tvm.regnet_y_400mf(num_classes=10), lambda: image(64)
    yield "vit_small", lambda: tvm.VisionTransformer(image_size=32, patch_size=8, num_layers=2, num_heads=4,
                                                      hidden_dim=64, mlp_dim=128, num_classes=10), lambda: image(32)
    yield ("transformer_decoder_layer", lambda: nn.TransformerDecoderLayer(64, 4, 128, dropout=0.1),
           lambda: (torch.randn(6, 2, 64), torch.randn(9, 2, 64)))
    yield ("lstm_2layer_bidir", lambda: RecurrentLstm(nn.LSTM(16, 24, num_layers=2, bidirectional=True)),
           lambda: (torch.randn(7, 2, 16),))
    yield ("gru", lambda: Recurrent(nn.GRU(16, 24, num_layers=2, batch_first=True)),
           lambda: (torch.randn(2, 7, 16), torch.randn(2, 2, 24)))
    yield "unet_small", lambda: SmallUNet(), lambda: image(64)


def plain(result):
    """TorchScript NamedTuples become tuples: what Wick writes."""
    if isinstance(result, tuple):
        return tuple(plain(r) for r in result)
    if isinstance(result, list):
        return [plain(r) for r in result]
    return result


def main():
    argv = sys.argv[1:]
    if not argv:
        sys.exit(__doc__)
    out = argv[0]
    every = "--all" in argv
    only = {a for a in argv[1:] if a != "--all"}
    os.makedirs(out, exist_ok=True)
    for name, make_module, make_args in cases():
        if only and name not in only:
            continue
        if not only and not every and name in PENDING:
            continue
        # One seed per model: a model's fixture does not depend on which
        # others were written.
        torch.manual_seed(sum(map(ord, name)))
        module = randomize_norms(make_module()).eval()
        args = make_args()
        scripted = torch.jit.script(module)
        path = os.path.join(out, name + ".pt")
        torch.jit.save(scripted, path)
        torch.save(args, os.path.join(out, name + ".args.pt"))
        with torch.no_grad():
            result = torch.jit.load(path)(*args)
        torch.save(plain(result), os.path.join(out, name + ".expected.pt"))
        print(name, flush=True)


if __name__ == "__main__":
    main()
