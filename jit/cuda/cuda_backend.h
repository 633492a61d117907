// CUDA backend: kernel IR -> CUDA C -> PTX through NVRTC.
//
// NVRTC is opened with dlopen (libnvrtc.so* from the loader path or
// /usr/local/cuda/lib64) the first time it is needed, so Wick neither links
// nor needs the CUDA toolkit; without it compile() throws "NVRTC not
// available". Nothing runs the PTX yet (no GPU execution in Wick so far):
// the backend's CompiledKernel has a null `fn`, the CUDA C in dumpIr and
// the PTX in dumpAsm.
//
// The generated __global__ function has the host ABI's parameters
//   extern "C" __global__ void <name>(void* const* bufs, const long long* ints,
//                                     const double* floats, long long begin, long long end)
// (bufs/ints/floats pointing to device memory) and runs the body for
// outer = begin + blockIdx.x * blockDim.x + threadIdx.x, grid-stride, below end.
#pragma once

#include <string>

#include "jit/backend.h"

namespace wick::jit {

// The process-wide CUDA backend (never null; compile() throws without NVRTC).
Backend* cudaBackend();

// CUDA C source of `k` (no NVRTC needed).
std::string cudaSource(const kir::Kernel& k);

// Whether libnvrtc could be opened; `why` gets the reason when not.
bool nvrtcAvailable(std::string* why = nullptr);

// Compiles `k` with NVRTC for a virtual architecture such as "compute_80"
// and returns the PTX. Throws wick::Error naming the kernel and NVRTC's log.
std::string compileToPtx(const kir::Kernel& k, const std::string& arch = "compute_80");

// The generated kernel's symbol (wick_<name>).
std::string cudaKernelName(const kir::Kernel& k);

}  // namespace wick::jit
