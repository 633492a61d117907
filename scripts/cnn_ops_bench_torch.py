#!/usr/bin/python3
"""PyTorch's timings for the shapes of bench/cnn_ops_bench.cpp (pooling,
upsampling, normalization, activations, softmax; batch 1, one thread),
as this thread's CPU time per call.

Run: /usr/bin/python3 scripts/cnn_ops_bench_torch.py
"""
import time, torch, torch.nn.functional as F
torch.set_num_threads(1)
def t(name, fn):
    for _ in range(3): fn()
    n=0; c0=time.thread_time(); w0=time.perf_counter()
    while time.perf_counter()-w0 < 0.5: fn(); n+=1
    print(f"{name:30s} cpu {(time.thread_time()-c0)/n*1e6:8.0f} us")
x=torch.randn(1,64,112,112)
t("maxpool_resnet", lambda: F.max_pool2d(x,3,2,1))
y=torch.randn(1,512,7,7)
t("adaptive_avg_7to1", lambda: F.adaptive_avg_pool2d(y,1))
z=torch.randn(1,256,28,28)
t("avgpool_k2s2_densenet", lambda: F.avg_pool2d(z,2,2))
u=torch.randn(1,64,56,56)
t("bilinear_x2", lambda: F.interpolate(u,scale_factor=2,mode='bilinear',align_corners=False))
t("batchnorm_eval", lambda: F.batch_norm(u, torch.zeros(64), torch.ones(64), torch.ones(64), torch.zeros(64)))
t("hardswish", lambda: F.hardswish(u))
s=torch.randn(64,1000)
t("softmax_64x1000", lambda: F.softmax(s,1))
ln=torch.randn(197,768)
t("layer_norm_197x768", lambda: F.layer_norm(ln,[768]))
