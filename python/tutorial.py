#!/usr/bin/env python3
"""The TensorFlow DCGAN tutorial as a plain script, for running it beside the Java port.

Where it comes from: the notebook "Deep Convolutional Generative Adversarial Network"
(https://www.tensorflow.org/tutorials/generative/dcgan). This file was written from the
tutorial's description, not copied from it: the same networks (make_generator_model,
make_discriminator_model), the same losses (BinaryCrossentropy(from_logits=True), named
discriminator_loss and generator_loss), Adam(1e-4) for each network, BATCH_SIZE 256,
BUFFER_SIZE 60000, noise_dim 100, num_examples_to_generate 16, a @tf.function train_step, the 4x4
grid image_at_epoch_{:04d}.png after every epoch, and a tf.train.Checkpoint(generator_optimizer,
discriminator_optimizer, generator, discriminator) saved every 15 epochs to
OUTPUT/training_checkpoints/ckpt.

    python3 -m venv .venv && .venv/bin/pip install tensorflow_cpu matplotlib
    .venv/bin/python python/tutorial.py                       # the tutorial: 50 epochs, all of MNIST
    .venv/bin/python python/tutorial.py --epochs 1 --limit 64 --batch-size 32 --output-dir /tmp/t
    .venv/bin/python python/tutorial.py --time-steps 20 --threads 2   # ms per train step, no training

How it differs from the notebook, all of it:
  * A script, not a notebook: no IPython display, no plt.show(); the grids are only saved (with
    matplotlib as the notebook draws them; without matplotlib, a plain 4x4 PNG of the 16 images,
    written with tf.io.encode_png). No GIF cell and no `pip install` cells.
  * Written for TensorFlow 2.21 / Keras 3: the models start with keras.Input(...) instead of
    `input_shape=` on the first layer (Keras 3 warns about that); layers and hyperparameters are
    the notebook's.
  * Options (all default to the notebook's values): --data (a local mnist.npz instead of
    tf.keras.datasets.mnist.load_data(), which is still used when the default file is missing),
    --epochs, --batch-size, --buffer-size, --checkpoint-every, --output-dir, --limit, --seed,
    --threads, --resume, --save-samples/--samples-epochs/--samples-count, --time-steps,
    --checkpoint-layout.
  * Seeding: the notebook seeds nothing; --seed S calls keras.utils.set_random_seed(S) (Python,
    NumPy and TensorFlow's global seed), so weights, shuffling, noise and dropout repeat from run
    to run on one machine (TensorFlow does not promise bitwise equality across machines or
    thread counts).
  * Threads: --threads N sets tf.config.threading's intra-op threads to N and its inter-op threads
    to --inter-op-threads (default 1, as the Java port's session does).
  * Printing: besides the notebook's "Time for epoch N is S sec", each epoch prints the mean
    gen_loss and disc_loss of its steps (train_step returns the two losses for that; it computes
    exactly what the notebook's does).
  * The checkpoint's keys. Keras 3's models and optimizers track their variables under other
    names than the Keras 2 of the tutorial's time (`generator/_functional/_operations/2/...`,
    `generator_optimizer/_variables/3`, ...). By default (--checkpoint-layout tutorial) this
    script saves the same variables under the 64 keys that the notebook's checkpoint has when run
    on TensorFlow 2.10 and earlier (and that the Java port writes too):
    `generator/layer_with_weights-N/kernel`, the Adam slots as
    `.../.OPTIMIZER_SLOT/generator_optimizer/m` and `v`, and `generator_optimizer/iter`,
    `learning_rate`, `beta_1`, `beta_2`, `decay`; beta_1, beta_2 and decay are written as the
    constants they are (0.9, 0.999, 0) and not read back. --checkpoint-layout keras3 saves the
    Keras 3 objects themselves, which is what the notebook's code does verbatim on TensorFlow 2.21.
  * --resume restores the latest checkpoint of OUTPUT/training_checkpoints and continues up to
    --epochs in all. The epoch to continue from is derived, not stored (a stored epoch would be a
    65th key): save_counter x --checkpoint-every, since, as in the notebook, a checkpoint is
    written only after epochs that are a multiple of --checkpoint-every (none after the last epoch
    otherwise). So resume with the same --checkpoint-every, --limit and --batch-size; the script
    warns when the optimizer's step counter disagrees with the derived epoch.
  * --save-samples FILE.npy writes --samples-count (10,000) images from a fixed noise (NumPy's
    default_rng(--samples-seed), standard normal float32 [count, 100]) after each epoch of
    --samples-epochs (default: the last), as float32 [count, 28, 28, 1] in [-1, 1]
    (training=False, as the grids); FILE may contain {epoch}.
  * --time-steps N does not train: it times N train steps on one fixed batch of real images
    after --warmup-steps untimed ones (the first traces the tf.function) and prints ms/step.
"""
import argparse
import os
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "1")  # TensorFlow's INFO lines off, its warnings on

import numpy as np
import tensorflow as tf
import keras
from keras import layers

NOISE_DIM = 100
NUM_EXAMPLES_TO_GENERATE = 16
KERAS_MNIST = os.path.join(os.path.expanduser("~"), ".keras", "datasets", "mnist.npz")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--data", default=KERAS_MNIST,
                        help="mnist.npz (Keras's layout: x_train uint8 [n, 28, 28]); the default is Keras's cache, "
                             "downloaded by tf.keras.datasets.mnist.load_data() when missing")
    parser.add_argument("--epochs", type=int, default=50, help="EPOCHS (in all, also with --resume)")
    parser.add_argument("--batch-size", type=int, default=256, help="BATCH_SIZE")
    parser.add_argument("--buffer-size", type=int, default=60000, help="BUFFER_SIZE of the shuffle")
    parser.add_argument("--limit", type=int, default=0, help="train on the first N images only (0: all)")
    parser.add_argument("--seed", type=int, default=None, help="keras.utils.set_random_seed(SEED); default: unseeded, as the notebook")
    parser.add_argument("--threads", type=int, default=0, help="intra-op threads (0: TensorFlow's default, all cores)")
    parser.add_argument("--inter-op-threads", type=int, default=1, help="inter-op threads (with --threads)")
    parser.add_argument("--output-dir", default=".", help="where the grids and training_checkpoints/ go")
    parser.add_argument("--checkpoint-every", type=int, default=15, help="save a checkpoint after every N-th epoch")
    parser.add_argument("--checkpoint-layout", choices=("tutorial", "keras3"), default="tutorial",
                        help="tutorial: the notebook's 64 keys (TF <= 2.10 names); keras3: Keras 3's own names")
    parser.add_argument("--resume", action="store_true",
                        help="restore the latest checkpoint and continue from epoch save_counter x --checkpoint-every")
    parser.add_argument("--save-samples", metavar="FILE.npy", help="write generated images as float32 [N, 28, 28, 1] .npy; may contain {epoch}")
    parser.add_argument("--samples-epochs", default=None, help="comma-separated epochs after which to write --save-samples (default: the last)")
    parser.add_argument("--samples-count", type=int, default=10000, help="images in --save-samples")
    parser.add_argument("--samples-seed", type=int, default=0, help="seed of --save-samples' fixed noise")
    parser.add_argument("--time-steps", type=int, default=0, metavar="N", help="time N train steps instead of training, print ms/step")
    parser.add_argument("--warmup-steps", type=int, default=5, help="untimed steps before --time-steps")
    parser.add_argument("--no-images", action="store_true", help="write no image_at_epoch_*.png")
    parser.add_argument("--save-keras", metavar="DIR", help="after training, save generator.keras and discriminator.keras"
                        " (model.save) into DIR: Java's Generate, Evaluate and Compare take them with --model")
    args = parser.parse_args(argv)
    if args.batch_size < 1 or args.epochs < 0 or args.checkpoint_every < 1 or args.limit < 0 or args.samples_count < 1:
        parser.error("--batch-size, --checkpoint-every and --samples-count must be positive, --epochs and --limit not negative")
    args.samples_epoch_list = None
    if args.samples_epochs:
        try:
            args.samples_epoch_list = sorted({int(e) for e in args.samples_epochs.split(",") if e.strip()})
        except ValueError:
            parser.error("--samples-epochs takes epochs separated by commas, e.g. 1,5,10; got %r" % args.samples_epochs)
        if len(args.samples_epoch_list) > 1 and args.save_samples and "{epoch}" not in args.save_samples:
            parser.error("--samples-epochs names several epochs: put {epoch} in --save-samples, e.g. samples-{epoch}.npy")
    return args


# --- The data ------------------------------------------------------------------------------------

def load_train_images(path, limit):
    """x_train of mnist.npz as float32 [n, 28, 28, 1] in [-1, 1], as the notebook scales it."""
    if os.path.exists(path):
        with np.load(path) as data:
            train_images = data["x_train"]
    elif path == KERAS_MNIST:
        (train_images, _), (_, _) = tf.keras.datasets.mnist.load_data()
    else:
        raise SystemExit("no such file: %s" % path)
    if limit:
        train_images = train_images[:limit]
    train_images = train_images.reshape(train_images.shape[0], 28, 28, 1).astype("float32")
    return (train_images - 127.5) / 127.5  # Normalize the images to [-1, 1]


# --- The models, the losses, the optimizers ------------------------------------------------------

def make_generator_model():
    model = keras.Sequential(name="generator")
    model.add(keras.Input(shape=(NOISE_DIM,)))
    model.add(layers.Dense(7 * 7 * 256, use_bias=False))
    model.add(layers.BatchNormalization())
    model.add(layers.LeakyReLU())

    model.add(layers.Reshape((7, 7, 256)))  # batch size is None

    model.add(layers.Conv2DTranspose(128, (5, 5), strides=(1, 1), padding="same", use_bias=False))  # -> [7, 7, 128]
    model.add(layers.BatchNormalization())
    model.add(layers.LeakyReLU())

    model.add(layers.Conv2DTranspose(64, (5, 5), strides=(2, 2), padding="same", use_bias=False))  # -> [14, 14, 64]
    model.add(layers.BatchNormalization())
    model.add(layers.LeakyReLU())

    model.add(layers.Conv2DTranspose(1, (5, 5), strides=(2, 2), padding="same", use_bias=False, activation="tanh"))  # -> [28, 28, 1]
    return model


def make_discriminator_model():
    model = keras.Sequential(name="discriminator")
    model.add(keras.Input(shape=(28, 28, 1)))
    model.add(layers.Conv2D(64, (5, 5), strides=(2, 2), padding="same"))
    model.add(layers.LeakyReLU())
    model.add(layers.Dropout(0.3))

    model.add(layers.Conv2D(128, (5, 5), strides=(2, 2), padding="same"))
    model.add(layers.LeakyReLU())
    model.add(layers.Dropout(0.3))

    model.add(layers.Flatten())
    model.add(layers.Dense(1))
    return model


cross_entropy = keras.losses.BinaryCrossentropy(from_logits=True)


def discriminator_loss(real_output, fake_output):
    real_loss = cross_entropy(tf.ones_like(real_output), real_output)
    fake_loss = cross_entropy(tf.zeros_like(fake_output), fake_output)
    return real_loss + fake_loss


def generator_loss(fake_output):
    return cross_entropy(tf.ones_like(fake_output), fake_output)


# --- The checkpoint in the tutorial's layout -----------------------------------------------------

class _Node(tf.Module):
    """A plain trackable node: its attributes become the checkpoint's path components."""


class _Untracked:
    """Holds a value that tf.Module would otherwise wrap and track."""

    def __init__(self, value):
        self.value = value


class _LegacyAdamView(tf.Module):
    """A Keras 3 Adam seen as the Keras 2 Adam of the tutorial's checkpoint.

    iter and learning_rate are the optimizer's own variables; beta_1, beta_2 and decay are constant
    copies (Keras 3 keeps them as Python floats); the slots m and v are the optimizer's momentums
    and velocities, which tf.train.Checkpoint writes as `.OPTIMIZER_SLOT/<optimizer>/m` because
    this object answers get_slot_names / get_slot (and restores them through
    _create_or_restore_slot_variable), as optimizers of the tutorial's time did.
    """

    def __init__(self, optimizer, variables):
        super().__init__()
        optimizer.build(variables)
        own = {v.name: v for v in optimizer.variables}
        setattr(self, "iter", own["iteration"].value)
        setattr(self, "learning_rate", own["learning_rate"].value)
        setattr(self, "beta_1", tf.Variable(float(optimizer.beta_1), dtype=tf.float32, trainable=False))
        setattr(self, "beta_2", tf.Variable(float(optimizer.beta_2), dtype=tf.float32, trainable=False))
        setattr(self, "decay", tf.Variable(0.0, dtype=tf.float32, trainable=False))
        slots = {}
        for variable in variables:
            index = optimizer._get_variable_index(variable)  # Keras 3's Adam keeps m, v in lists by variable index
            slots[id(variable.value)] = {"m": optimizer._momentums[index].value, "v": optimizer._velocities[index].value}
        self._slot_table = _Untracked(slots)  # keyed by id(): must not become a tracked dict

    def get_slot_names(self):
        return ["m", "v"]

    def get_slot(self, variable, slot_name):
        return self._slot_table.value.get(id(variable), {}).get(slot_name)

    def _create_or_restore_slot_variable(self, slot_variable_position, slot_name, variable, **kwargs):
        return self.get_slot(variable, slot_name)  # the slot exists already: the checkpoint restores it


def _layers_view(model):
    """`layer_with_weights-N/<kernel|bias|gamma|beta|moving_mean|moving_variance>`, as Keras 2 named them."""
    view = _Node()
    for index, layer in enumerate([layer for layer in model.layers if layer.weights]):
        node = _Node()
        for weight in layer.weights:
            setattr(node, weight.name, weight.value)
        setattr(view, "layer_with_weights-%d" % index, node)
    return view


def make_checkpoint(layout, generator, discriminator, generator_optimizer, discriminator_optimizer):
    if layout == "keras3":
        return tf.train.Checkpoint(generator_optimizer=generator_optimizer, discriminator_optimizer=discriminator_optimizer,
                                   generator=generator, discriminator=discriminator)
    return tf.train.Checkpoint(
        generator_optimizer=_LegacyAdamView(generator_optimizer, generator.trainable_variables),
        discriminator_optimizer=_LegacyAdamView(discriminator_optimizer, discriminator.trainable_variables),
        generator=_layers_view(generator), discriminator=_layers_view(discriminator))


# --- Images --------------------------------------------------------------------------------------

def generate_and_save_images(model, epoch, test_input, output_dir):
    # Notice `training` is set to False: all layers run in inference mode (batchnorm).
    predictions = model(test_input, training=False).numpy()
    path = os.path.join(output_dir, "image_at_epoch_{:04d}.png".format(epoch))
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        plt = None
    if plt is not None:
        fig = plt.figure(figsize=(4, 4))
        for i in range(predictions.shape[0]):
            plt.subplot(4, 4, i + 1)
            plt.imshow(predictions[i, :, :, 0] * 127.5 + 127.5, cmap="gray")
            plt.axis("off")
        plt.savefig(path)
        plt.close(fig)
    else:  # the same 16 images, 4x4, 2 black pixels apart, without matplotlib
        side, gap = 4, 2
        cell = 28 + gap
        grid = np.zeros((side * cell + gap, side * cell + gap, 1), dtype=np.uint8)
        pixels = np.clip(predictions * 127.5 + 127.5, 0, 255).astype(np.uint8)
        for i in range(min(predictions.shape[0], side * side)):
            row, col = divmod(i, side)
            grid[gap + row * cell:gap + row * cell + 28, gap + col * cell:gap + col * cell + 28] = pixels[i]
        tf.io.write_file(path, tf.io.encode_png(tf.constant(grid)))
    return path


def save_samples(model, path, count, seed, batch=500):
    """count images from a fixed noise, float32 [count, 28, 28, 1] in [-1, 1]."""
    noise = np.random.default_rng(seed).standard_normal((count, NOISE_DIM)).astype(np.float32)
    images = np.concatenate([model(noise[i:i + batch], training=False).numpy() for i in range(0, count, batch)])
    folder = os.path.dirname(path)
    if folder:
        os.makedirs(folder, exist_ok=True)
    np.save(path, images.astype(np.float32))
    print("wrote %d samples %s to %s" % (count, images.shape, path))


# --- Training ------------------------------------------------------------------------------------

def main(argv=None):
    args = parse_args(argv)
    if args.seed is not None:
        keras.utils.set_random_seed(args.seed)
    if args.threads:
        tf.config.threading.set_intra_op_parallelism_threads(args.threads)
        tf.config.threading.set_inter_op_parallelism_threads(args.inter_op_threads)

    BUFFER_SIZE = args.buffer_size
    BATCH_SIZE = args.batch_size
    EPOCHS = args.epochs
    noise_dim = NOISE_DIM
    num_examples_to_generate = NUM_EXAMPLES_TO_GENERATE

    train_images = load_train_images(args.data, args.limit)
    if train_images.shape[0] == 0:
        raise SystemExit("%s holds no training images" % args.data)

    generator = make_generator_model()
    discriminator = make_discriminator_model()
    generator_optimizer = keras.optimizers.Adam(1e-4)
    discriminator_optimizer = keras.optimizers.Adam(1e-4)

    # Notice the use of `tf.function`: this causes the function to be "compiled".
    @tf.function
    def train_step(images):
        noise = tf.random.normal([BATCH_SIZE, noise_dim])

        with tf.GradientTape() as gen_tape, tf.GradientTape() as disc_tape:
            generated_images = generator(noise, training=True)

            real_output = discriminator(images, training=True)
            fake_output = discriminator(generated_images, training=True)

            gen_loss = generator_loss(fake_output)
            disc_loss = discriminator_loss(real_output, fake_output)

        gradients_of_generator = gen_tape.gradient(gen_loss, generator.trainable_variables)
        gradients_of_discriminator = disc_tape.gradient(disc_loss, discriminator.trainable_variables)

        generator_optimizer.apply_gradients(zip(gradients_of_generator, generator.trainable_variables))
        discriminator_optimizer.apply_gradients(zip(gradients_of_discriminator, discriminator.trainable_variables))
        return gen_loss, disc_loss

    print("TensorFlow %s, Keras %s, oneDNN %s, intra-op threads %s, batch %d, %d images"
          % (tf.__version__, keras.__version__, os.environ.get("TF_ENABLE_ONEDNN_OPTS", "TensorFlow's default"),
             args.threads or "default", BATCH_SIZE, train_images.shape[0]))

    if args.time_steps:
        return time_steps(train_step, train_images, BATCH_SIZE, args.warmup_steps, args.time_steps)

    train_dataset = tf.data.Dataset.from_tensor_slices(train_images).shuffle(BUFFER_SIZE).batch(BATCH_SIZE)
    steps_per_epoch = -(-train_images.shape[0] // BATCH_SIZE)

    os.makedirs(args.output_dir, exist_ok=True)
    checkpoint_dir = os.path.join(args.output_dir, "training_checkpoints")
    checkpoint_prefix = os.path.join(checkpoint_dir, "ckpt")
    checkpoint = make_checkpoint(args.checkpoint_layout, generator, discriminator, generator_optimizer, discriminator_optimizer)

    # You will reuse this seed overtime (so it's easier) to visualize progress in the animated GIF)
    seed = tf.random.normal([num_examples_to_generate, noise_dim])

    start_epoch = 0
    if args.resume:
        latest = tf.train.latest_checkpoint(checkpoint_dir)
        if latest is None:
            raise SystemExit("--resume: no checkpoint in %s" % checkpoint_dir)
        checkpoint.restore(latest).assert_existing_objects_matched()
        start_epoch = int(checkpoint.save_counter.numpy()) * args.checkpoint_every
        steps = int(generator_optimizer.iterations.numpy())
        if steps != start_epoch * steps_per_epoch:
            print("warning: %s holds %d optimizer steps, but epoch %d x %d steps per epoch = %d: was it written with other "
                  "--checkpoint-every, --limit or --batch-size?" % (latest, steps, start_epoch, steps_per_epoch,
                                                                  start_epoch * steps_per_epoch))
        print("restored %s: continuing after epoch %d" % (latest, start_epoch))

    samples_epochs = args.samples_epoch_list if args.samples_epoch_list is not None else [EPOCHS]

    def train(dataset, epochs):
        for epoch in range(start_epoch, epochs):
            start = time.time()
            gen_losses, disc_losses = [], []
            for image_batch in dataset:
                gen_loss, disc_loss = train_step(image_batch)
                gen_losses.append(float(gen_loss))
                disc_losses.append(float(disc_loss))

            if not args.no_images:
                generate_and_save_images(generator, epoch + 1, seed, args.output_dir)

            # Save the model every checkpoint_every epochs
            if (epoch + 1) % args.checkpoint_every == 0:
                print("saved", checkpoint.save(file_prefix=checkpoint_prefix))

            if args.save_samples and (epoch + 1) in samples_epochs:
                save_samples(generator, args.save_samples.format(epoch=epoch + 1), args.samples_count, args.samples_seed)

            print("Time for epoch {} is {} sec".format(epoch + 1, time.time() - start))
            print("epoch {}: gen_loss {:.4f}, disc_loss {:.4f} (means of {} steps)".format(
                epoch + 1, np.mean(gen_losses), np.mean(disc_losses), len(gen_losses)))
            sys.stdout.flush()

    train(train_dataset, EPOCHS)
    if args.save_keras:
        os.makedirs(args.save_keras, exist_ok=True)
        generator.save(os.path.join(args.save_keras, "generator.keras"))
        discriminator.save(os.path.join(args.save_keras, "discriminator.keras"))
        print("saved", os.path.join(args.save_keras, "generator.keras"), "and discriminator.keras")
    return 0


def time_steps(train_step, train_images, batch_size, warmup, steps):
    """ms per train step on one fixed batch of real images, after warm-up (the first step traces)."""
    reps = -(-batch_size // train_images.shape[0])
    batch = tf.constant(np.concatenate([train_images] * reps)[:batch_size])
    for _ in range(max(warmup, 1)):
        float(train_step(batch)[0])
    times = []
    for _ in range(steps):
        start = time.perf_counter()
        gen_loss, disc_loss = train_step(batch)
        float(gen_loss), float(disc_loss)  # wait for the step
        times.append((time.perf_counter() - start) * 1e3)
    times = np.array(times)
    print("train step, %d timed after %d warm-up: median %.1f ms, mean %.1f, min %.1f, p90 %.1f"
          % (steps, max(warmup, 1), np.median(times), times.mean(), times.min(), np.percentile(times, 90)))
    print("step_ms=%.1f images_per_s=%.1f" % (np.median(times), batch_size / np.median(times) * 1e3))
    return 0


if __name__ == "__main__":
    sys.exit(main())
