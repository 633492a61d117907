#!/usr/bin/python3
"""Lists the operators each TorchScript archive uses and which of them
`wick ops` lacks.

Each archive is loaded with torch.jit.load; every method of the top module
is copied, inlined (so the ops of submodules and called functions show)
and walked, blocks included. An op counts by its overload
("aten::add.Tensor") when TorchScript resolved a schema, by its name
otherwise; it is missing when Wick registers neither that overload nor,
for schema-less nodes, any overload of the name. The interpreter's own
node kinds (prim::If, prim::Loop, prim::GetAttr, ...) are not ops.

usage: /usr/bin/python3 scripts/op_coverage.py [--wick PATH] [--missing-only] MODEL.pt|DIR...
  DIR: every *.pt in it that is a TorchScript archive (NAME.args.pt and
  NAME.expected.pt are skipped). Without a wick binary (default
  build/bin/wick) only the ops are listed. Exit status 0; 2 on bad usage.
"""
import argparse
import collections
import os
import subprocess
import sys
import zipfile

import torch

# Node kinds the interpreter executes itself (src/ir/symbol.h).
STRUCTURAL = {
    "prim::Param", "prim::Return", "prim::Constant", "prim::If", "prim::Loop", "prim::TupleConstruct",
    "prim::TupleUnpack", "prim::TupleIndex", "prim::TupleSlice", "prim::ListConstruct", "prim::ListUnpack",
    "prim::DictConstruct", "prim::GetAttr", "prim::SetAttr", "prim::CallMethod", "prim::CallFunction",
    "prim::RaiseException", "prim::Uninitialized", "prim::unchecked_cast", "prim::NumToTensor",
    "prim::ImplicitTensorToNum", "prim::CreateObject", "prim::isinstance", "prim::Enter", "prim::Exit",
    "prim::Print",
}


def archives(paths):
    for p in paths:
        if os.path.isdir(p):
            for f in sorted(os.listdir(p)):
                full = os.path.join(p, f)
                if f.endswith(".pt") and not f.endswith((".args.pt", ".expected.pt", ".wick.pt")) \
                        and is_script_archive(full):
                    yield full
        else:
            yield p


def is_script_archive(path):
    try:
        with zipfile.ZipFile(path) as z:
            return any(n.split("/", 1)[-1].startswith("code/") for n in z.namelist())
    except zipfile.BadZipFile:
        return False


def walk(block, found):
    for node in block.nodes():
        kind = node.kind()
        if kind not in STRUCTURAL:
            schema = node.schema() if hasattr(node, "schema") else "(no schema)"
            name = schema.split("(", 1)[0] if schema != "(no schema)" else kind
            found[name] += 1
        for b in node.blocks():
            walk(b, found)


def ops_of(path):
    """{op: number of nodes} over every method of the archive's top module."""
    m = torch.jit.load(path, map_location="cpu")
    found = collections.Counter()
    for method in m._c._method_names():
        graph = m._c._get_method(method).graph.copy()
        torch._C._jit_pass_inline(graph)
        walk(graph.block(), found)
    return found


def wick_ops(wick):
    """The overloads `wick ops` lists, and the op names they belong to."""
    if not wick or not os.path.exists(wick):
        return None, None
    out = subprocess.run([wick, "ops"], check=True, capture_output=True, text=True).stdout
    overloads = set()
    for line in out.splitlines():
        line = line.strip()
        if "::" in line:
            overloads.add(line.split("(", 1)[0].strip())
    names = {o.split(".", 1)[0] for o in overloads}
    return overloads, names


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+", help="archives or folders of archives")
    ap.add_argument("--wick", default=os.path.join("build", "bin", "wick"), help="the wick binary")
    ap.add_argument("--missing-only", action="store_true", help="list only the ops Wick lacks")
    a = ap.parse_args()
    overloads, names = wick_ops(a.wick)
    if overloads is None:
        print("note: no wick binary at %s; listing ops only" % a.wick)
    all_missing = collections.defaultdict(list)
    for path in archives(a.paths):
        try:
            found = ops_of(path)
        except Exception as e:  # noqa: BLE001 - report and go on with the others
            print("%s: cannot load: %s" % (path, str(e).splitlines()[0]))
            continue
        missing = []
        if overloads is not None:
            for op in found:
                # A schema-less node (a builtin without overloads in
                # TorchScript's view) matches any overload of its name.
                known = op in overloads or ("." not in op.split("::", 1)[1] and op in names)
                if not known:
                    missing.append(op)
                    all_missing[op].append(os.path.basename(path))
        print("%s: %d ops, %s" % (path, len(found),
                                  "%d missing" % len(missing) if overloads is not None else "coverage unknown"))
        for op in sorted(found):
            if a.missing_only and op not in missing:
                continue
            mark = "  MISSING" if op in missing else ""
            print("  %-50s %4d%s" % (op, found[op], mark))
    if overloads is not None:
        print("missing over all archives: %d" % len(all_missing))
        for op in sorted(all_missing):
            print("  %-50s %s" % (op, " ".join(all_missing[op])))


if __name__ == "__main__":
    main()
