#!/usr/bin/env python3
"""Saves the fixture corpus of scripts/make_fixtures.py with a PyTorch 2.x,
so that tests/model/run_torch2_fixtures.sh can check that Wick loads what
2.x writes: NAME.pt, NAME.args.pt, NAME.expected.pt (and NAME.tol) per
case, and MANIFEST (the torch version, then one case name a line).

Run it with the Python of a 2.x install (Debian's python3-torch is 1.13):
    /usr/bin/python3 -m venv /work/venv-torch2
    /work/venv-torch2/bin/pip install torch torchvision
    /work/venv-torch2/bin/python scripts/make_torch2_fixtures.py [OUT_DIR] [NAME...]
OUT_DIR defaults to tests/data/torch2, where the committed corpus lives; the
archives over 10 MB (resnet18, traced_resnet18, mobilenet_v2) are written
only when named or with --all, and are not committed.
"""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_fixtures  # noqa: E402

LARGE = {"resnet18", "traced_resnet18", "mobilenet_v2"}


def main():
    argv = sys.argv[1:]
    everything = "--all" in argv
    argv = [a for a in argv if a != "--all"]
    here = os.path.dirname(os.path.abspath(__file__))
    out = argv[0] if argv else os.path.join(here, "..", "tests", "data", "torch2")
    only = set(argv[1:])
    major = int(torch.__version__.split(".")[0])
    if major < 2:
        sys.exit(f"make_torch2_fixtures.py: this is torch {torch.__version__}; run it with a PyTorch 2.x")
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(0)
    names = []
    for name, module, args, tolerance in make_fixtures.cases():
        if only and name not in only:
            continue
        if name in LARGE and not everything and name not in only:
            continue
        make_fixtures.save_fixture(out, name, module, args, tolerance)
        names.append(name)
        print(name)
    if not only:
        with open(os.path.join(out, "MANIFEST"), "w") as f:
            f.write(f"# written by scripts/make_torch2_fixtures.py with torch {torch.__version__}\n")
            f.write("".join(n + "\n" for n in names))


if __name__ == "__main__":
    main()
