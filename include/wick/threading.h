// The intra-op thread pool's size (WICK_NUM_THREADS at start-up).
#pragma once

namespace wick {

// Threads that parallel kernels use, the caller included.
int numThreads();
// Changes it (at least 1). Not while a call is running.
void setNumThreads(int n);

}  // namespace wick
