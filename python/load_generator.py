#!/usr/bin/env python3
"""Loads the Java-trained generator in Python TensorFlow / Keras, draws a grid, compares with Java.

    pip install tensorflow matplotlib
    mvn -q exec:java -Dexec.mainClass=Generate \
        -Dexec.args="--model saved_models/generator --seed 7 --out java.png --save-noise noise.npy --save-images java.npy"
    python3 python/load_generator.py --model saved_models/generator --noise noise.npy --expected java.npy

It loads the SavedModel twice, the two ways Python users know:
  tf.saved_model.load(path).signatures['serving_default'](noise=...)
  keras.layers.TFSMLayer(path, call_endpoint='serving_default')   (Keras 3)
and saves the tutorial's figure as python.png.

A conditional generator (Train --conditional) also takes int32 labels, one per noise vector:

    mvn -q exec:java -Dexec.mainClass=Generate -Dexec.args="--model saved_models/generator --digits 0123456789 \
        --out java.png --save-noise noise.npy --save-images java.npy --save-labels labels.npy"
    python3 python/load_generator.py --model saved_models/generator --noise noise.npy --labels labels.npy --expected java.npy
"""
import argparse

import numpy as np
import tensorflow as tf


def generate_and_save_images(predictions, path):
    """The tutorial's figure: 4x4 grid, grey, axes off."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig = plt.figure(figsize=(4, 4))
    side = int(np.ceil(np.sqrt(predictions.shape[0])))
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
    args = parser.parse_args()

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
        keras_images = np.asarray(next(iter(layer(inputs if args.labels else noise).values())))
        print("keras.layers.TFSMLayer: max abs diff vs tf.saved_model.load", np.max(np.abs(keras_images - images)))
    except ImportError:
        print("Keras 3 not installed: TFSMLayer skipped")

    if args.expected:
        expected = np.load(args.expected)
        print("max abs diff vs Java:", float(np.max(np.abs(images - expected))))
    generate_and_save_images(images, args.out)
    print("wrote", args.out)


if __name__ == "__main__":
    main()
