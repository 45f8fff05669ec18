package dcgan.studio;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The run folders below the studio's root: any folder holding {@code losses.csv}, {@code
 * metrics.csv}, {@code run.json}, {@code images/} or {@code saved_models/}, finished or still
 * training. Every path a request names goes through here: relative to the root, without {@code ..},
 * and, symlinks resolved, still below it; anything else is 404, told apart from nothing else.
 */
final class RunIndex {

  /** How deep below the root run folders are looked for. */
  static final int DEPTH = 4;

  private final Path root;

  RunIndex(Path root) throws IOException {
    this.root = root.toRealPath();
  }

  Path root() {
    return root;
  }

  /** The run folders, by name (their path below the root, {@code .} for the root itself), sorted. */
  List<String> names() {
    List<String> names = new ArrayList<>();
    walk(DEPTH, dir -> {
      if (isRun(dir)) {
        names.add(name(dir));
      }
    });
    names.sort(null);
    return names;
  }

  /** Every folder below the root to {@code depth}, symlinks not followed; a folder that cannot be read is passed over. */
  private void walk(int depth, java.util.function.Consumer<Path> folder) {
    try {
      Files.walkFileTree(root, java.util.EnumSet.noneOf(java.nio.file.FileVisitOption.class), depth,
          new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult preVisitDirectory(Path dir, java.nio.file.attribute.BasicFileAttributes attrs) {
              folder.accept(dir);
              return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes attrs) {
              if (attrs.isDirectory()) {
                folder.accept(file); // a folder at the depth limit
              }
              return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
              return java.nio.file.FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // the root itself vanished: nothing to list
    }
  }

  private String name(Path dir) {
    String relative = root.relativize(dir).toString().replace('\\', '/');
    return relative.isEmpty() ? "." : relative;
  }

  static boolean isRun(Path dir) {
    return Files.isRegularFile(dir.resolve("losses.csv")) || Files.isRegularFile(dir.resolve("metrics.csv"))
        || Files.isRegularFile(dir.resolve("run.json")) || Files.isDirectory(dir.resolve("images"))
        || Files.isDirectory(dir.resolve("saved_models"));
  }

  /** The run folder {@code name} names, or 404. */
  Path run(String name) {
    Path dir = below(name, "run");
    if (!Files.isDirectory(dir) || !isRun(dir)) {
      throw HttpError.notFound("run " + name);
    }
    return dir;
  }

  /**
   * The file {@code relative} names for serving: a run's grid or loss plot ({@code
   * RUN/images/*.png}) or its GIF ({@code RUN/*.gif}), or 404.
   */
  Path file(String relative) {
    Path file = below(relative, "file");
    String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
    Path folder = file.getParent();
    boolean grid = lower.endsWith(".png") && folder.getFileName() != null && folder.getFileName().toString().equals("images")
        && isRun(folder.getParent());
    boolean gif = lower.endsWith(".gif") && isRun(folder);
    if (!Files.isRegularFile(file) || !(grid || gif)) {
      throw HttpError.notFound(relative);
    }
    return file;
  }

  /** The generator {@code relative} names: a SavedModel folder or a Keras file below the root, or 404. */
  Path model(String relative) {
    Path model = below(relative, "model");
    if (!isModel(model)) {
      throw HttpError.notFound("model " + relative);
    }
    return model;
  }

  static boolean isModel(Path path) {
    String name = path.getFileName() == null ? "" : path.getFileName().toString();
    if (name.startsWith("discriminator")) {
      return false; // this project's discriminators sit beside their generators
    }
    return Files.isRegularFile(path.resolve("saved_model.pb"))
        || (Files.isRegularFile(path) && (name.endsWith(".keras") || name.endsWith(".h5")));
  }

  /** {@code relative} resolved below the root, symlinks followed, or 404 where it leads elsewhere or nowhere. */
  private Path below(String relative, String what) {
    if (relative == null || relative.isEmpty() || relative.startsWith("/") || relative.startsWith("\\") || relative.contains("\0")
        || relative.contains(":")) {
      throw HttpError.notFound(what + " " + relative);
    }
    for (String segment : relative.split("[/\\\\]")) {
      if (segment.equals("..")) {
        throw HttpError.notFound(what + " " + relative);
      }
    }
    try {
      return inside(root.resolve(relative).normalize());
    } catch (IOException | java.nio.file.InvalidPathException e) { // absent, or a symlink out of the root
      throw HttpError.notFound(what + " " + relative);
    }
  }

  /** A run's summary: settings and progress from {@code run.json}, its grids, its generators, its files. */
  JsonObject summary(String name) {
    Path dir = run(name);
    JsonObject run = new JsonObject();
    run.addProperty("name", name);
    JsonObject status = status(dir);
    if (status != null) {
      for (String key : List.of("settings", "epochs", "steps_per_epoch", "epoch", "step_in_epoch", "global_step", "seconds_per_step",
          "started", "updated", "finished")) {
        if (status.has(key)) {
          run.add(key, status.get(key));
        }
      }
      run.addProperty("training", isTraining(status));
      eta(status).ifPresent(eta -> run.addProperty("eta_seconds", eta));
    } else {
      run.addProperty("training", false);
    }
    run.addProperty("losses", Files.isRegularFile(dir.resolve("losses.csv")));
    run.addProperty("metrics", Files.isRegularFile(dir.resolve("metrics.csv")));
    run.add("grids", grids(dir));
    run.add("models", models(dir));
    return run;
  }

  private JsonObject status(Path dir) {
    try {
      JsonElement json = JsonParser.parseString(Files.readString(inside(dir.resolve("run.json")), StandardCharsets.UTF_8));
      return json.isJsonObject() ? json.getAsJsonObject() : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Training now: not finished, and written in the last minute (a killed run stops being written). */
  private static boolean isTraining(JsonObject status) {
    return number(status, "finished") == null && status.has("finished") && status.get("finished").isJsonPrimitive()
        && !status.get("finished").getAsBoolean() && number(status, "updated") != null
        && System.currentTimeMillis() - number(status, "updated") < 60_000;
  }

  /** Seconds left: the steps left times the mean step time so far (epoch-end work not counted). */
  private static java.util.Optional<Long> eta(JsonObject s) {
    Double epochs = number(s, "epochs"), steps = number(s, "steps_per_epoch"), epoch = number(s, "epoch");
    Double step = number(s, "step_in_epoch"), seconds = number(s, "seconds_per_step");
    if (!isTraining(s) || epochs == null || steps == null || epoch == null || step == null || seconds == null) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(Math.round(Math.max(0, epochs * steps - (epoch * steps + step)) * seconds));
  }

  /** A number field of {@code run.json}, or null where it is absent or not a number (a file of another version). */
  private static Double number(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() ? e.getAsDouble() : null;
  }

  /** {@code file} if it is no symlink out of the root; a path that leads out reads as absent. */
  private Path inside(Path file) throws IOException {
    Path real = file.toRealPath();
    if (!real.startsWith(root)) {
      throw new java.nio.file.NoSuchFileException(file.toString());
    }
    return real;
  }

  private JsonArray grids(Path dir) {
    JsonArray grids = new JsonArray();
    try (Stream<Path> images = Files.list(dir.resolve("images"))) {
      images.map(p -> p.getFileName().toString()).filter(n -> n.matches("image_at_epoch_\\d+\\.png")).sorted()
          .forEach(n -> grids.add(relative(dir.resolve("images").resolve(n))));
    } catch (IOException e) {
      // no grids yet
    }
    return grids;
  }

  private JsonArray models(Path dir) {
    JsonArray models = new JsonArray();
    Path saved = dir.resolve("saved_models");
    for (String candidate : List.of("generator", "generator.keras", "generator.h5")) {
      if (isModel(saved.resolve(candidate))) {
        models.add(relative(saved.resolve(candidate)));
      }
    }
    return models;
  }

  String relative(Path path) {
    return root.relativize(path).toString().replace('\\', '/');
  }

  /** Every generator below the root: each run's, and any other SavedModel folder or Keras file. */
  List<String> allModels() {
    List<String> models = new ArrayList<>();
    walk(DEPTH + 1, dir -> {
      if (isModel(dir) && !models.contains(relative(dir))) {
        models.add(relative(dir));
      }
      try (Stream<Path> files = Files.list(dir)) {
        files.filter(p -> !Files.isSymbolicLink(p) && isModel(p) && !models.contains(relative(p))).forEach(p -> models.add(relative(p)));
      } catch (IOException | UncheckedIOException e) {
        // unreadable: passed over
      }
    });
    models.sort(null);
    return models;
  }

  /** A CSV of this project's ({@code losses.csv}, {@code metrics.csv}) as {@code {"columns": {name: [numbers]}}}. */
  JsonObject csv(String name, String file) {
    Path csv = run(name).resolve(file);
    JsonObject columns = new JsonObject();
    try {
      List<String> lines = Files.readAllLines(inside(csv), StandardCharsets.UTF_8);
      if (!lines.isEmpty()) {
        String[] header = lines.get(0).split(",");
        JsonArray[] values = new JsonArray[header.length];
        for (int c = 0; c < header.length; c++) {
          values[c] = new JsonArray();
          columns.add(header[c].trim(), values[c]);
        }
        for (String line : lines.subList(1, lines.size())) {
          String[] cells = line.split(",");
          if (cells.length != header.length) {
            continue; // a line being written
          }
          for (int c = 0; c < header.length; c++) {
            values[c].add(number(cells[c]));
          }
        }
      }
    } catch (IOException e) {
      // no file yet: no rows
    }
    JsonObject out = new JsonObject();
    out.addProperty("run", name);
    out.add("columns", columns);
    return out;
  }

  private static JsonElement number(String cell) {
    try {
      double v = Double.parseDouble(cell.trim());
      return Double.isFinite(v) ? new com.google.gson.JsonPrimitive(v) : com.google.gson.JsonNull.INSTANCE;
    } catch (NumberFormatException e) {
      return com.google.gson.JsonNull.INSTANCE;
    }
  }
}
