#!/usr/bin/env python3
"""Writes generators the way Keras users save them, for Java to load: every file format, several layouts.

    python3 python/write_keras_generators.py --out DIR

Into DIR, with Keras 3 (random weights, moving statistics set away from 0 and 1 so that they matter):
  tutorial.keras, tutorial.h5 (legacy HDF5), tutorial.weights.h5 (save_weights) and tutorial.json
      (model.to_json()): the TensorFlow tutorial's generator, Sequential;
  cgan.keras, cgan.h5: Keras-GAN's conditional generator, Functional: the label through Embedding
      and Flatten, Multiply with the noise, then a nested Sequential;
  branch.keras, branch.h5: the label through Embedding, Dense and Reshape to a 7x7 map,
      Concatenate with the noise's 7x7x128 map, then Conv2DTranspose and Conv2D (a float label input);
  onehot.keras, onehot.h5: the label one-hot (CategoryEncoding), Dense, Add to the noise;
and noise.npy (float32 [16, 100]), labels.npy (int32 [16], digits 0-9 then 0-5) and NAME.npy, the images
each model draws from them in inference mode, for Java's Generate --noise --digits to match.
"""
import argparse
import os

import numpy as np


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    import keras
    from keras import layers

    keras.utils.set_random_seed(3)
    rng = np.random.default_rng(0)
    noise = rng.normal(size=(16, 100)).astype("float32")
    labels = np.arange(16, dtype="int32") % 10
    np.save(os.path.join(args.out, "noise.npy"), noise)
    np.save(os.path.join(args.out, "labels.npy"), labels)

    def save(model, name, inputs, formats=("keras", "h5")):
        for f in formats:
            model.save(os.path.join(args.out, f"{name}.{f}"))
        np.save(os.path.join(args.out, f"{name}.npy"), np.asarray(model(inputs, training=False)))

    tutorial = keras.Sequential([
        keras.Input((100,)), layers.Dense(7 * 7 * 256, use_bias=False), layers.BatchNormalization(), layers.LeakyReLU(),
        layers.Reshape((7, 7, 256)),
        layers.Conv2DTranspose(128, 5, strides=1, padding="same", use_bias=False), layers.BatchNormalization(), layers.LeakyReLU(),
        layers.Conv2DTranspose(64, 5, strides=2, padding="same", use_bias=False), layers.BatchNormalization(), layers.LeakyReLU(),
        layers.Conv2DTranspose(1, 5, strides=2, padding="same", use_bias=False, activation="tanh")])
    for w in tutorial.weights:
        if "moving" in w.path:
            w.assign(rng.uniform(0.5, 1.5, w.shape).astype("float32"))
    save(tutorial, "tutorial", noise)
    tutorial.save_weights(os.path.join(args.out, "tutorial.weights.h5"))
    with open(os.path.join(args.out, "tutorial.json"), "w") as f:
        f.write(tutorial.to_json())

    z = keras.Input((100,))
    y = keras.Input((1,), dtype="int32")
    joined = layers.Multiply()([z, layers.Flatten()(layers.Embedding(10, 100)(y))])
    network = keras.Sequential([
        keras.Input((100,)), layers.Dense(256), layers.LeakyReLU(0.2), layers.BatchNormalization(momentum=0.8),
        layers.Dense(784, activation="tanh"), layers.Reshape((28, 28, 1))])
    save(keras.Model([z, y], network(joined)), "cgan", [noise, labels.reshape(-1, 1)])

    z = keras.Input((100,))
    y = keras.Input((1,))
    label_map = layers.Reshape((7, 7, 1))(layers.Dense(49)(layers.Embedding(10, 50)(y)))
    noise_map = layers.Reshape((7, 7, 128))(layers.LeakyReLU(0.2)(layers.Dense(128 * 7 * 7)(z)))
    h = layers.Concatenate()([noise_map, label_map])
    h = layers.LeakyReLU(0.2)(layers.Conv2DTranspose(32, 4, strides=2, padding="same")(h))
    h = layers.LeakyReLU(0.2)(layers.Conv2DTranspose(32, 4, strides=2, padding="same")(h))
    out = layers.Conv2D(1, 7, activation="tanh", padding="same")(h)
    save(keras.Model([z, y], out), "branch", [noise, labels.reshape(-1, 1).astype("float32")])

    z = keras.Input((100,))
    y = keras.Input((), dtype="int32")
    embedded = layers.Dense(100)(layers.CategoryEncoding(10, output_mode="one_hot")(y))
    out = layers.Reshape((28, 28, 1))(layers.Dense(784, activation="tanh")(layers.Add()([z, embedded])))
    save(keras.Model([z, y], out), "onehot", [noise, labels])
    print("wrote", sorted(os.listdir(args.out)))


if __name__ == "__main__":
    main()
