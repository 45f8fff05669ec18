#!/usr/bin/env python3
"""Opens a Keras file that Java wrote (.keras, or legacy .h5 with Train --keras-h5) with Keras's own loader and checks that it draws Java's images.

    python3 python/load_keras_model.py --model saved_models/generator.keras --noise noise.npy --expected java.npy

keras.models.load_model returns the model with its layers and weights (printed by summary()); the
generator is called on the same noise as Java's Generate (--save-noise) in inference mode, and the
largest difference from Java's images (--save-images) is printed. With --discriminator FILE.keras
the discriminator is loaded too and judges the images. Exit code 1 when a difference exceeds
--tolerance (1e-4), 2 when a file is missing.
"""
import argparse
import sys

import numpy as np


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, help="generator.keras or generator.h5")
    parser.add_argument("--noise", required=True, help=".npy float32 [n, noise_dim] (Generate --save-noise)")
    parser.add_argument("--expected", required=True, help=".npy float32 [n, rows, cols, channels] (Generate --save-images)")
    parser.add_argument("--discriminator", help="discriminator.keras or .h5, loaded and run on the images")
    parser.add_argument("--labels", help=".npy int32 [n] (Generate --save-labels): a conditional GAN's models take [noise, labels]")
    parser.add_argument("--tolerance", type=float, default=1e-4)
    args = parser.parse_args()
    try:
        noise = np.load(args.noise)
        expected = np.load(args.expected)
        labels = np.load(args.labels).astype(np.int32) if args.labels else None
    except OSError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    import keras
    generator = keras.models.load_model(args.model)
    generator.summary()
    images = np.asarray(generator(noise if labels is None else [noise, labels], training=False))
    diff = float(np.max(np.abs(images - expected)))
    print("keras.models.load_model:", images.shape, "max abs diff vs Java:", diff)
    failed = diff > args.tolerance
    if args.discriminator:
        discriminator = keras.models.load_model(args.discriminator)
        logits = np.asarray(discriminator(images if labels is None else [images, labels], training=False))
        print("discriminator:", logits.shape, "logits", logits.ravel()[:4])
        failed |= logits.shape != (images.shape[0], 1)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
