package dcgan.monitoring;

import dcgan.files.AtomicFiles;
import dcgan.training.QualityScores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sample-quality scores of every evaluated epoch, kept for the plots and saved as {@code
 * metrics.csv}: {@code epoch,step,} then one column per score, in the order the evaluator names them:
 *
 * <pre>
 * epoch,step,frechet_distance,classifier_score,precision,recall,classes_drawn,class_0,...,class_9
 * 5,1175,21.4,7.93,0.61,0.32,10,0.098,...
 * </pre>
 */
public final class QualityHistory {

  /** One evaluated epoch. */
  public record Row(int epoch, long step, Map<String, Double> values) {}

  private final List<Row> rows = new ArrayList<>();

  /** Appends an epoch's scores. */
  public void add(int epoch, long step, QualityScores scores) {
    rows.add(new Row(epoch, step, scores.values()));
  }

  /** The rows so far, in order. */
  public List<Row> rows() {
    return Collections.unmodifiableList(rows);
  }

  /** The CSV text (just the header's first two columns when nothing was evaluated yet). */
  public String toCsv() {
    java.util.Set<String> union = new java.util.LinkedHashSet<>(); // a resumed run of an older version gains the new columns
    rows.forEach(r -> union.addAll(r.values().keySet()));
    List<String> names = List.copyOf(union);
    StringBuilder csv = new StringBuilder("epoch,step");
    names.forEach(n -> csv.append(',').append(n));
    csv.append('\n');
    for (Row r : rows) {
      csv.append(r.epoch()).append(',').append(r.step());
      for (String n : names) {
        csv.append(',').append(String.format(Locale.ROOT, "%.6g", r.values().getOrDefault(n, Double.NaN)));
      }
      csv.append('\n');
    }
    return csv.toString();
  }

  /** Writes {@code metrics.csv} atomically. */
  public void writeCsv(Path file) throws IOException {
    AtomicFiles.writeBytes(file, toCsv().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The rows up to {@code upToStep} of an existing {@code metrics.csv}, for a resumed run; an
   * absent or damaged file gives an empty history.
   */
  public static QualityHistory readCsv(Path file, long upToStep) throws IOException {
    QualityHistory history = new QualityHistory();
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return history;
    }
    if (lines.isEmpty() || !lines.get(0).startsWith("epoch,step")) {
      return history;
    }
    String[] names = lines.get(0).split(",");
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      try {
        if (f.length != names.length) {
          return new QualityHistory();
        }
        long step = Long.parseLong(f[1]);
        if (step <= upToStep) {
          Map<String, Double> values = new LinkedHashMap<>();
          for (int i = 2; i < names.length; i++) {
            values.put(names[i], Double.parseDouble(f[i]));
          }
          history.rows.add(new Row(Integer.parseInt(f[0]), step, values));
        }
      } catch (NumberFormatException e) {
        return new QualityHistory(); // a damaged file: start afresh rather than guess
      }
    }
    return history;
  }
}
