package dcgan.eval;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The scores of one or more image sets, as a console table and as JSON for scripts: the metrics,
 * then each set's class histogram, and the reference classifier they were measured with.
 *
 * @param classifier the classifier's SavedModel folder
 * @param testAccuracy its accuracy on the test images
 * @param testImages how many real test images the sets are compared against
 * @param rows the scored sets, the real-data ceiling usually last
 */
public record QualityReport(Path classifier, double testAccuracy, int testImages, List<Row> rows) {

  /**
   * One scored set.
   *
   * @param name what was scored (a model folder, a file, "real data (ceiling)")
   * @param quality its scores
   * @param seconds how long drawing and scoring it took
   */
  public record Row(String name, Quality quality, double seconds) {}

  /** The console table. */
  public String table() {
    int width = Math.max(24, rows.stream().mapToInt(r -> r.name().length()).max().orElse(0) + 2);
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "Reference classifier: %s (test accuracy %.2f%% on %,d images)%n%n",
        classifier, 100 * testAccuracy, testImages));
    String header = "%-" + width + "s %8s %10s %17s %9s %10s %8s %9s%n";
    String line = "%-" + width + "s %,8d %10.3f %17s %9.3f %10.3f %8.3f %9s%n";
    out.append(String.format(Locale.ROOT, header, "", "images", "FD (low)", "KID (low)", "CS (high)", "precision", "recall", "classes"));
    for (Row r : rows) {
      Quality q = r.quality();
      out.append(String.format(Locale.ROOT, line, r.name(), q.count(), q.frechetDistance(),
          String.format(Locale.ROOT, "%.3f ± %.3f", q.kid().mean(), q.kid().std()), q.classifierScore(), q.precision(),
          q.recall(), (q.classCounts().length - q.missingClasses().size()) + "/" + q.classCounts().length));
    }
    out.append(String.format("%nFD: Fréchet distance to the test images' features; KID: kernel inception distance in the same"
        + " features, mean ± standard deviation over %d subsets of %d; CS: classifier score; classes: how many classes the"
        + " classifier finds at least once.%n%n", Metrics.KID_SUBSETS, Metrics.KID_SUBSET_SIZE));
    out.append(String.format(Locale.ROOT, "%-" + width + "s", "share of images per class (%)"));
    int classes = rows.isEmpty() ? 0 : rows.get(0).quality().classCounts().length;
    for (int k = 0; k < classes; k++) {
      out.append(String.format(Locale.ROOT, " %5d", k));
    }
    out.append(String.format("%n"));
    for (Row r : rows) {
      out.append(String.format(Locale.ROOT, "%-" + width + "s", r.name()));
      for (int k = 0; k < classes; k++) {
        out.append(String.format(Locale.ROOT, " %5.1f", 100 * r.quality().classShare(k)));
      }
      List<Integer> missing = r.quality().missingClasses();
      out.append(missing.isEmpty() ? "" : "   never drawn: " + missing).append(String.format("%n"));
    }
    conditionalTable(out, width, classes);
    return out.toString();
  }

  /** For conditional generators: the share that follows the asked-for digit, and each digit's own Fréchet distance. */
  private void conditionalTable(StringBuilder out, int width, int classes) {
    List<Row> conditional = rows.stream().filter(r -> r.quality().conditional() != null).toList();
    if (conditional.isEmpty()) {
      return;
    }
    int labelWidth = Math.max(width, conditional.stream().mapToInt(r -> r.name().length()).max().orElse(0) + " agreement".length());
    out.append(String.format("%nAsked for a digit: the share classified as that digit (%%), and the Fréchet distance of each"
        + " digit's samples to the real test images of that digit.%n"));
    out.append(String.format(Locale.ROOT, "%-" + labelWidth + "s %6s", "", "all"));
    for (int k = 0; k < classes; k++) {
      out.append(String.format(Locale.ROOT, " %6d", k));
    }
    out.append(String.format("%n"));
    for (Row r : conditional) {
      Quality.Conditional c = r.quality().conditional();
      out.append(String.format(Locale.ROOT, "%-" + labelWidth + "s %6.1f", r.name() + " agreement", 100 * c.agreement()));
      for (double a : c.classAgreement()) {
        out.append(String.format(Locale.ROOT, " %6.1f", 100 * a));
      }
      out.append(String.format(Locale.ROOT, "%n%-" + labelWidth + "s %6s", r.name() + " FD", ""));
      for (double f : c.classFrechet()) {
        out.append(String.format(Locale.ROOT, " %6.1f", f));
      }
      out.append(String.format("%n"));
    }
  }

  /** The same as JSON. */
  public String json() {
    JsonObject root = new JsonObject();
    JsonObject reference = new JsonObject();
    reference.addProperty("folder", classifier.toString());
    reference.addProperty("test_accuracy", testAccuracy);
    reference.addProperty("test_images", testImages);
    root.add("classifier", reference);
    JsonArray results = new JsonArray();
    for (Row r : rows) {
      JsonObject row = new JsonObject();
      row.addProperty("name", r.name());
      row.addProperty("images", r.quality().count());
      r.quality().values().forEach((name, value) -> {
        if (!name.startsWith("class_")) {
          row.addProperty(name, value);
        }
      });
      JsonArray counts = new JsonArray();
      for (int c : r.quality().classCounts()) {
        counts.add(c);
      }
      row.add("class_counts", counts);
      JsonArray missing = new JsonArray();
      r.quality().missingClasses().forEach(missing::add);
      row.add("missing_classes", missing);
      Quality.Conditional c = r.quality().conditional();
      if (c != null) {
        JsonArray agreement = new JsonArray();
        JsonArray frechet = new JsonArray();
        for (int k = 0; k < c.classAgreement().length; k++) {
          agreement.add(c.classAgreement()[k]);
          frechet.add(c.classFrechet()[k]);
        }
        row.add("class_agreement", agreement);
        row.add("class_frechet_distance", frechet);
      }
      row.addProperty("seconds", r.seconds());
      results.add(row);
    }
    root.add("results", results);
    return new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(root) + "\n";
  }
}
