// Files in torch.save's zip format: what `wick run --input ARGS.pt` reads,
// and what Wick writes for torch.load to read back.
#pragma once

#include <string>

#include "wick/ivalue.h"

namespace wick::serialize {

// Loads a file written by torch.save (PyTorch 1.6+ zip format): tensors,
// lists, tuples, dicts, strings, numbers, None, devices. Tensors view the
// file's mapping without copying when aligned. Throws wick::Error naming the
// file on malformed input or values that are not plain data.
IValue loadTorchSaved(const std::string& path);

// Writes `value` so that torch.load reads it back (the format PyTorch 1.13
// writes by default: <stem>/data.pkl, <stem>/data/<key>, <stem>/version).
// Supports None, bool, int, float, str, Tensor (CPU), Device and lists,
// tuples, dicts of those.
void saveTorchSaved(const IValue& value, const std::string& path);

}  // namespace wick::serialize
