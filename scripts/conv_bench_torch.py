#!/usr/bin/python3
"""PyTorch's timings for the shapes of bench/conv_bench.cpp (batch 1, one
thread), for comparison: wall time and this thread's CPU time per call
(the CPU time is the fair number on a loaded machine).

Run: /usr/bin/python3 scripts/conv_bench_torch.py
"""
import time

import torch
import torch.nn.functional as F

SHAPES = [  # name, c, h, w, o, k, stride, pad, groups (as in conv_bench.cpp)
    ("stem_7x7_s2_3to64_224", 3, 224, 224, 64, 7, 2, 3, 1),
    ("3x3_64ch_56", 64, 56, 56, 64, 3, 1, 1, 1),
    ("3x3_128ch_28", 128, 28, 28, 128, 3, 1, 1, 1),
    ("1x1_s2_64to128_56", 64, 56, 56, 128, 1, 2, 0, 1),
    ("dw3x3_144ch_56", 144, 56, 56, 144, 3, 1, 1, 144),
]


def main():
    torch.set_num_threads(1)
    print(f"torch {torch.__version__}, mkldnn enabled: {torch.backends.mkldnn.is_available()}")
    for name, c, h, w, o, k, s, p, g in SHAPES:
        x = torch.randn(1, c, h, w)
        wt = torch.randn(o, c // g, k, k)
        b = torch.randn(o)
        with torch.no_grad():
            for _ in range(5):
                F.conv2d(x, wt, b, s, p, 1, g)
            n, wall0, cpu0 = 0, time.perf_counter(), time.thread_time()
            while time.perf_counter() - wall0 < 1.0:
                F.conv2d(x, wt, b, s, p, 1, g)
                n += 1
            wall = (time.perf_counter() - wall0) / n * 1e6
            cpu = (time.thread_time() - cpu0) / n * 1e6
        print(f"conv/{name:28s} wall {wall:9.0f} us   cpu {cpu:9.0f} us")


if __name__ == "__main__":
    main()
