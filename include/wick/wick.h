// The Wick C++ API: include this one header.
//
// Wick runs TorchScript programs without libtorch: tensors and values
// (tensor.h, ivalue.h), graphs given as TorchScript graph text
// (graph_function.h), TorchScript archives (module.h: wick::load,
// Module::forward, stats), errors (error.h).
#pragma once

#include "wick/device.h"
#include "wick/dtype.h"
#include "wick/error.h"
#include "wick/graph_function.h"
#include "wick/ivalue.h"
#include "wick/module.h"
#include "wick/scalar.h"
#include "wick/tensor.h"
#include "wick/version.h"
