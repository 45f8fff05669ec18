#!/usr/bin/env python3
"""Runs a generator SavedModel through TensorFlow's C library and compares with Java's output.

Python TensorFlow is not needed: the C API is loaded with ctypes from libtensorflow_cc.so.2, the
library inside TensorFlow Java's native jar (unpacked by JavaCPP into ~/.javacpp/cache). The
signature's tensor names are read from saved_model.pb with a small protobuf reader.

    python3 python/check_savedmodel_c_api.py --model saved_models/generator \
        --noise noise.npy --expected images.npy [--labels labels.npy] [--libtensorflow PATH]

A conditional generator (Train --conditional) also takes the labels that Generate --save-labels wrote.

Exit code 0 when the largest absolute difference is at most --tolerance (1e-6), 1 otherwise,
2 when the check cannot run (library or files missing).
"""
import argparse
import glob
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # before the library loads: no info logs

import numpy as np  # numpy (and numpy.random) before libtensorflow: otherwise a symbol clash crashes Python
import numpy.random  # noqa: F401
import ctypes

TF_FLOAT = 1
TF_INT32 = 3


def fields(buf):
    """Yields (field_number, wire_type, value) of a serialized protobuf message."""
    i = 0
    while i < len(buf):
        key, i = varint(buf, i)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, i = varint(buf, i)
        elif wire == 1:
            value, i = buf[i:i + 8], i + 8
        elif wire == 2:
            length, i = varint(buf, i)
            value, i = buf[i:i + length], i + length
        elif wire == 5:
            value, i = buf[i:i + 4], i + 4
        else:
            raise ValueError("unsupported wire type %d" % wire)
        yield number, wire, value


def varint(buf, i):
    result = shift = 0
    while True:
        b = buf[i]
        i += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return result, i


def map_entries(message, field):
    """The key -> value bytes of a protobuf map<string, message> field."""
    out = {}
    for number, _, entry in fields(message):
        if number == field:
            parts = {n: v for n, _, v in fields(entry)}
            out[parts[1].decode()] = parts.get(2, b"")
    return out


def serving_signature(export_dir, tag="serve", key="serving_default"):
    """({input key: tensor name}, output tensor name) of the signature, from saved_model.pb."""
    with open(os.path.join(export_dir, "saved_model.pb"), "rb") as f:
        saved_model = f.read()
    for number, _, meta_graph in fields(saved_model):
        if number != 2:  # SavedModel.meta_graphs
            continue
        tags = [v.decode() for n, _, info in fields(meta_graph) if n == 1 for m, _, v in fields(info) if m == 4]
        if tag not in tags:
            continue
        signatures = map_entries(meta_graph, 5)  # MetaGraphDef.signature_def
        if key not in signatures:
            raise SystemExit("no %r signature in %s" % (key, export_dir))
        inputs = map_entries(signatures[key], 1)
        outputs = map_entries(signatures[key], 2)
        name = lambda info: next(v.decode() for n, _, v in fields(info) if n == 1)  # TensorInfo.name
        return {k: name(v) for k, v in inputs.items()}, name(next(iter(outputs.values())))
    raise SystemExit("no meta graph tagged %r in %s" % (tag, export_dir))


class TFOutput(ctypes.Structure):
    _fields_ = [("oper", ctypes.c_void_p), ("index", ctypes.c_int)]


def load_library(path):
    lib = ctypes.CDLL(path)  # RTLD_LOCAL: RTLD_GLOBAL clashes with numpy's symbols
    p, i, s = ctypes.c_void_p, ctypes.c_int, ctypes.c_char_p
    signatures = {
        "TF_Version": ([], s), "TF_NewStatus": ([], p), "TF_GetCode": ([p], i), "TF_Message": ([p], s),
        "TF_NewGraph": ([], p), "TF_NewSessionOptions": ([], p),
        "TF_LoadSessionFromSavedModel": ([p, p, s, ctypes.POINTER(s), i, p, p, p], p),
        "TF_GraphOperationByName": ([p, s], p),
        "TF_AllocateTensor": ([i, ctypes.POINTER(ctypes.c_int64), i, ctypes.c_size_t], p),
        "TF_TensorData": ([p], p), "TF_TensorByteSize": ([p], ctypes.c_size_t),
        "TF_NumDims": ([p], i), "TF_Dim": ([p, i], ctypes.c_int64),
        "TF_SessionRun": ([p, p, ctypes.POINTER(TFOutput), ctypes.POINTER(p), i, ctypes.POINTER(TFOutput),
                           ctypes.POINTER(p), i, p, i, p, p], None),
        "TF_DeleteTensor": ([p], None), "TF_CloseSession": ([p, p], None), "TF_DeleteSession": ([p, p], None),
        "TF_DeleteGraph": ([p], None), "TF_DeleteStatus": ([p], None), "TF_DeleteSessionOptions": ([p], None),
    }
    for name, (args, result) in signatures.items():
        function = getattr(lib, name)
        function.argtypes, function.restype = args, result
    return lib


def check(lib, status, what):
    if lib.TF_GetCode(status) != 0:
        raise RuntimeError("%s failed: %s" % (what, lib.TF_Message(status).decode()))


def tensor_of(lib, array, dtype):
    array = np.ascontiguousarray(array)
    dims = (ctypes.c_int64 * array.ndim)(*array.shape)
    tensor = lib.TF_AllocateTensor(dtype, dims, array.ndim, array.nbytes)
    ctypes.memmove(lib.TF_TensorData(tensor), array.ctypes.data, array.nbytes)
    return tensor


def run_generator(lib, export_dir, noise, labels=None):
    """serving_default(noise[, labels]) through the C API, as float32 numpy."""
    input_names, output_name = serving_signature(export_dir)
    if (labels is None) != ("labels" not in input_names):
        raise SystemExit("%s %s labels; pass --labels exactly for a conditional generator"
                         % (export_dir, "takes" if "labels" in input_names else "takes no"))
    status, graph, options = lib.TF_NewStatus(), lib.TF_NewGraph(), lib.TF_NewSessionOptions()
    tags = (ctypes.c_char_p * 1)(b"serve")
    session = lib.TF_LoadSessionFromSavedModel(options, None, export_dir.encode(), tags, 1, graph, None, status)
    check(lib, status, "loading " + export_dir)
    try:
        def output(tensor_name):
            op, _, index = tensor_name.partition(":")
            oper = lib.TF_GraphOperationByName(graph, op.encode())
            if not oper:
                raise RuntimeError("no operation %r in the graph" % op)
            return TFOutput(oper, int(index or 0))

        feeds = [(input_names["noise"] if "noise" in input_names else next(iter(input_names.values())),
                  tensor_of(lib, noise.astype(np.float32), TF_FLOAT))]
        if labels is not None:
            feeds.append((input_names["labels"], tensor_of(lib, labels.astype(np.int32), TF_INT32)))
        inputs = (TFOutput * len(feeds))(*[output(name) for name, _ in feeds])
        values = (ctypes.c_void_p * len(feeds))(*[tensor for _, tensor in feeds])
        outputs, results = (TFOutput * 1)(output(output_name)), (ctypes.c_void_p * 1)()
        lib.TF_SessionRun(session, None, inputs, values, len(feeds), outputs, results, 1, None, 0, None, status)
        for _, tensor in feeds:
            lib.TF_DeleteTensor(tensor)
        check(lib, status, "running serving_default")
        result = results[0]
        shape = [lib.TF_Dim(result, d) for d in range(lib.TF_NumDims(result))]
        buffer = (ctypes.c_char * lib.TF_TensorByteSize(result)).from_address(lib.TF_TensorData(result))
        images = np.frombuffer(bytes(buffer), dtype=np.float32).reshape(shape)
        lib.TF_DeleteTensor(result)
        return images
    finally:
        lib.TF_CloseSession(session, status)
        lib.TF_DeleteSession(session, status)
        lib.TF_DeleteGraph(graph)
        lib.TF_DeleteSessionOptions(options)
        lib.TF_DeleteStatus(status)


def find_library():
    pattern = os.path.expanduser("~/.javacpp/cache/**/libtensorflow_cc.so.2")
    found = sorted(glob.glob(pattern, recursive=True))
    return found[0] if found else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, help="SavedModel folder, e.g. saved_models/generator")
    parser.add_argument("--noise", required=True, help=".npy float32 [n, noise_dim], as Generate --save-noise writes it")
    parser.add_argument("--expected", required=True, help=".npy float32 [n, 28, 28, 1], as Generate --save-images writes it")
    parser.add_argument("--labels", help=".npy int32 [n] for a conditional generator, as Generate --save-labels writes it")
    parser.add_argument("--libtensorflow", default=os.environ.get("LIBTENSORFLOW") or find_library(),
                        help="path of libtensorflow_cc.so.2 (default: found in ~/.javacpp/cache)")
    parser.add_argument("--tolerance", type=float, default=1e-6)
    args = parser.parse_args()
    if not args.libtensorflow or not os.path.exists(args.libtensorflow):
        print("libtensorflow_cc.so.2 not found; run the Java program once (JavaCPP unpacks it) or pass --libtensorflow")
        return 2
    lib = load_library(args.libtensorflow)
    labels = np.load(args.labels) if args.labels else None
    images = run_generator(lib, os.path.abspath(args.model), np.load(args.noise), labels)
    expected = np.load(args.expected)
    if images.shape != expected.shape:
        print("shape %s from the C API, %s from Java" % (images.shape, expected.shape))
        return 1
    diff = float(np.max(np.abs(images - expected)))
    print("TensorFlow %s C API: %s -> %s, max abs diff vs Java %.3g (tolerance %.0e)"
          % (lib.TF_Version().decode(), args.model, images.shape, diff, args.tolerance))
    return 0 if diff <= args.tolerance else 1


if __name__ == "__main__":
    sys.exit(main())
