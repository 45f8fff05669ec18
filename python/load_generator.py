#!/usr/bin/env python3
"""Loads the Java-trained generator in Python TensorFlow / Keras, draws a grid, compares with Java.

    pip install tensorflow matplotlib
    mvn -q exec:java -Dexec.mainClass=Generate \
        -Dexec.args="--model saved_models/generator --seed 7 --out java.png --save-noise noise.npy --save-images java.npy"
    python3 python/load_generator.py --model saved_models/generator --noise noise.npy --expected java.npy

It loads the SavedModel twice, the two ways Python users know:
  tf.saved_model.load(path).signatures['serving_default'](noise=...)
  keras.layers.TFSMLayer(path, call_endpoint='serving_default')   (Keras 3)
and saves the tutorial's figure as python.png (matplotlib; without it, a plain grid PNG).
With --tolerance T it exits 1 when an image differs by more than T (from Java's, or between the two
loaders) or when Keras 3 is missing; without it, it only prints the differences.

A conditional generator (Train --conditional) also takes int32 labels, one per noise vector:

    mvn -q exec:java -Dexec.mainClass=Generate -Dexec.args="--model saved_models/generator --digits 0123456789 \
        --out java.png --save-noise noise.npy --save-images java.npy --save-labels labels.npy"
    python3 python/load_generator.py --model saved_models/generator --noise noise.npy --labels labels.npy --expected java.npy
"""
import argparse
import sys

import numpy as np
import tensorflow as tf


def generate_and_save_images(predictions, path):
    """The tutorial's figure: 4x4 grid, grey, axes off (a plain grid PNG where matplotlib is missing)."""
    side = int(np.ceil(np.sqrt(predictions.shape[0])))
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        rows, cols, channels = predictions.shape[1:]
        grid = np.zeros((side * (rows + 2) + 2, side * (cols + 2) + 2, channels), dtype=np.uint8)
        pixels = np.clip(predictions * 127.5 + 127.5, 0, 255).astype(np.uint8)
        for i in range(predictions.shape[0]):
            top, left = 2 + (i // side) * (rows + 2), 2 + (i % side) * (cols + 2)
            grid[top:top + rows, left:left + cols] = pixels[i]
        tf.io.write_file(path, tf.io.encode_png(tf.constant(grid)))
        return
    fig = plt.figure(figsize=(4, 4))
    for i in range(predictions.shape[0]):
        plt.subplot(side, side, i + 1)
        plt.imshow(predictions[i, :, :, 0] * 127.5 + 127.5, cmap="gray")
        plt.axis("off")
    plt.savefig(path)
    plt.close(fig)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="saved_models/generator")
    parser.add_argument("--noise", help=".npy float32 [16, 100] (Generate --save-noise); default: random")
    parser.add_argument("--expected", help=".npy float32 [16, 28, 28, 1] from Java (Generate --save-images)")
    parser.add_argument("--labels", help=".npy int32 [n] for a conditional generator (Generate --save-labels)")
    parser.add_argument("--out", default="python.png")
    parser.add_argument("--tolerance", type=float,
                        help="exit 1 when an image differs by more than this (vs Java, and TFSMLayer vs tf.saved_model.load),"
                             " or when Keras 3's TFSMLayer is missing; default: only print the differences")
    args = parser.parse_args()
    failures = []

    noise = np.load(args.noise) if args.noise else np.random.default_rng(7).standard_normal((16, 100)).astype(np.float32)

    inputs = {"noise": tf.constant(noise)}
    if args.labels:
        inputs["labels"] = tf.constant(np.load(args.labels).astype(np.int32))
    serving = tf.saved_model.load(args.model).signatures["serving_default"]
    outputs = serving(**inputs)
    images = next(iter(outputs.values())).numpy()
    print("tf.saved_model.load:", images.shape, images.dtype, "range", images.min(), images.max())

    try:
        import keras
        layer = keras.layers.TFSMLayer(args.model, call_endpoint="serving_default")
        if args.labels:
            # Keras 3's TFSMLayer passes its first argument on positionally, and the signature binds
            # positional arguments in the order of its sorted input names (labels, noise): a dict as the
            # one argument fails with "missing a required argument: 'noise'". So: the first input
            # positionally, the others by name.
            names = sorted(layer.call_endpoint_fn.structured_input_signature[1])
            outputs = layer(inputs[names[0]], **{name: inputs[name] for name in names[1:]})
        else:
            outputs = layer(noise)
        keras_images = np.asarray(next(iter(outputs.values())))
        keras_diff = float(np.max(np.abs(keras_images - images)))
        print("keras.layers.TFSMLayer: max abs diff vs tf.saved_model.load", keras_diff)
        if args.tolerance is not None and not keras_diff <= args.tolerance:
            failures.append("TFSMLayer differs from tf.saved_model.load by %g" % keras_diff)
    except ImportError:
        print("Keras 3 not installed: TFSMLayer skipped")
        if args.tolerance is not None:
            failures.append("Keras 3 not installed: TFSMLayer not checked")

    if args.expected:
        expected = np.load(args.expected)
        if expected.shape != images.shape:
            failures.append("shape %s from Python, %s from Java" % (images.shape, expected.shape))
        else:
            java_diff = float(np.max(np.abs(images - expected)))
            print("max abs diff vs Java:", java_diff)
            if args.tolerance is not None and not java_diff <= args.tolerance:
                failures.append("Python's images differ from Java's by %g > %g" % (java_diff, args.tolerance))
    generate_and_save_images(images, args.out)
    print("wrote", args.out)
    for failure in failures:
        print("FAILED:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
