package dcgan.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code .npy} format (versions 1-3), as {@code np.save} writes it and as {@code .npz}
 * archives hold it: a magic string, a Python-dict header ({@code descr}, {@code fortran_order},
 * {@code shape}), then the raw C-order data.
 */
public final class Npy {

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  /**
   * One array.
   *
   * @param dtype NumPy's type string, e.g. {@code |u1}, {@code <f4}
   * @param shape its dimensions
   * @param data the raw element bytes, C order
   */
  public record Array(String dtype, long[] shape, byte[] data) {

    /** Number of elements. */
    public long size() {
      return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    }

    /** The data as float32 values; the dtype must be {@code <f4}. */
    public float[] floats() {
      if (!dtype.equals("<f4")) {
        throw new IllegalStateException("dtype " + dtype + " is not float32 ('<f4')");
      }
      float[] out = new float[(int) size()];
      ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
      return out;
    }
  }

  private Npy() {}

  /**
   * Reads one array.
   *
   * @param in the stream, positioned at the magic string
   * @param name the file or entry name, for messages
   * @throws DataException if it is not a valid, complete .npy
   */
  public static Array read(InputStream in, String name) throws IOException {
    byte[] magic = in.readNBytes(8);
    if (magic.length < 8 || !Arrays.equals(Arrays.copyOf(magic, 6), MAGIC)) {
      throw new DataException(name + " is not a NumPy .npy array (bad magic bytes)");
    }
    int major = magic[6];
    int headerBytes = major == 1 ? 2 : 4;
    byte[] lengthBytes = in.readNBytes(headerBytes);
    if (lengthBytes.length < headerBytes) {
      throw new DataException(name + " is truncated inside its .npy header");
    }
    ByteBuffer lengthBuffer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).put(lengthBytes);
    int headerLength = major == 1 ? lengthBuffer.getShort(0) & 0xFFFF : lengthBuffer.getInt(0);
    if (headerLength < 0 || headerLength > 1 << 20) {
      throw new DataException(name + " has an implausible .npy header length " + headerLength);
    }
    byte[] headerText = in.readNBytes(headerLength);
    if (headerText.length < headerLength) {
      throw new DataException(name + " is truncated inside its .npy header");
    }
    String header = new String(headerText, major >= 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    String dtype = find(DESCR, header, name, "descr");
    if (find(FORTRAN, header, name, "fortran_order").equals("True")) {
      throw new DataException(name + " is stored in Fortran order; save it in C order (np.ascontiguousarray)");
    }
    long[] shape = parseShape(find(SHAPE, header, name, "shape"), name);
    long elements = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    long bytes = elements * itemSize(dtype, name);
    if (bytes > Integer.MAX_VALUE - 16) {
      throw new DataException(name + " is too large (" + bytes + " bytes)");
    }
    byte[] data = in.readNBytes((int) bytes);
    if (data.length < bytes) {
      throw new DataException(name + " is truncated: shape " + Arrays.toString(shape) + " needs " + bytes
          + " bytes of data, found " + data.length);
    }
    return new Array(dtype, shape, data);
  }

  /** Writes float32 {@code values} with {@code shape} as a version 1.0 .npy. */
  public static byte[] writeFloats(float[] values, long... shape) {
    ByteBuffer data = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    data.asFloatBuffer().put(values);
    return write("<f4", shape, data.array());
  }

  /** Writes int32 {@code values} as a version 1.0 .npy vector. */
  public static byte[] writeInts(int[] values) {
    ByteBuffer data = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    data.asIntBuffer().put(values);
    return write("<i4", new long[] {values.length}, data.array());
  }

  /** Writes raw {@code data} of NumPy type {@code dtype} as a version 1.0 .npy. */
  public static byte[] write(String dtype, long[] shape, byte[] data) {
    List<String> dims = new ArrayList<>();
    for (long d : shape) {
      dims.add(String.valueOf(d));
    }
    String shapeText = "(" + String.join(", ", dims) + (shape.length == 1 ? ",)" : ")");
    StringBuilder header = new StringBuilder(
        "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': " + shapeText + ", }");
    while ((MAGIC.length + 4 + header.length() + 1) % 64 != 0) {
      header.append(' '); // NumPy pads the header so that the data starts 64-byte aligned
    }
    header.append('\n');
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(MAGIC);
    out.write(1);
    out.write(0);
    out.write(header.length() & 0xFF);
    out.write(header.length() >> 8);
    out.writeBytes(header.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(data);
    return out.toByteArray();
  }

  private static String find(Pattern pattern, String header, String name, String key) {
    Matcher m = pattern.matcher(header);
    if (!m.find()) {
      throw new DataException(name + " has no '" + key + "' in its .npy header: " + header.trim());
    }
    return m.group(1);
  }

  private static long[] parseShape(String text, String name) {
    List<Long> dims = new ArrayList<>();
    for (String part : text.split(",")) {
      if (!part.isBlank()) {
        try {
          dims.add(Long.parseLong(part.trim()));
        } catch (NumberFormatException e) {
          throw new DataException(name + " has a bad .npy shape (" + text + ")");
        }
      }
    }
    return dims.stream().mapToLong(Long::longValue).toArray();
  }

  private static int itemSize(String dtype, String name) {
    String digits = dtype.replaceAll("^[<>|=]?[a-zA-Z]", "");
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      throw new DataException(name + " has an unsupported .npy dtype '" + dtype + "'");
    }
  }
}
