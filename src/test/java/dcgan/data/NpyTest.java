package dcgan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The .npy format, against bytes as NumPy writes them. */
class NpyTest {

  @Test
  void floatsRoundTripWithNumpysHeader() throws IOException {
    float[] values = {1.5f, -2f, 0f, 3.25f, 1e-7f, -0f};
    byte[] file = Npy.writeFloats(values, 2, 3);
    String header = new String(file, 10, file.length - 10 - 24, StandardCharsets.ISO_8859_1);
    assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", header.trim());
    assertEquals(0, (10 + header.length()) % 64, "data 64-byte aligned, as np.save aligns it");
    Npy.Array array = Npy.read(new ByteArrayInputStream(file), "x.npy");
    assertArrayEquals(new long[] {2, 3}, array.shape());
    assertArrayEquals(values, array.floats());
  }

  @Test
  void readsABytePerfectNumpyFile() throws IOException {
    // np.save(f, np.array([1, 2, 255], dtype=np.uint8)) writes exactly these bytes.
    String header = "{'descr': '|u1', 'fortran_order': False, 'shape': (3,), }";
    String padded = header + " ".repeat(128 - 10 - header.length() - 1) + "\n";
    byte[] head = padded.getBytes(StandardCharsets.ISO_8859_1);
    byte[] file = new byte[10 + head.length + 3];
    System.arraycopy(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) head.length, 0}, 0, file, 0, 10);
    System.arraycopy(head, 0, file, 10, head.length);
    file[file.length - 3] = 1;
    file[file.length - 2] = 2;
    file[file.length - 1] = (byte) 255;
    Npy.Array array = Npy.read(new ByteArrayInputStream(file), "u8.npy");
    assertEquals("|u1", array.dtype());
    assertArrayEquals(new long[] {3}, array.shape());
    assertArrayEquals(new byte[] {1, 2, (byte) 255}, array.data());
    assertArrayEquals(file, Npy.write("|u1", new long[] {3}, new byte[] {1, 2, (byte) 255}));
  }

  @Test
  void rejectsFortranOrderAndBadMagic() {
    String header = "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }\n";
    byte[] file = new byte[10 + header.length() + 16];
    System.arraycopy(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), 0}, 0, file, 0, 10);
    System.arraycopy(header.getBytes(StandardCharsets.ISO_8859_1), 0, file, 10, header.length());
    DataException fortran = assertThrows(DataException.class, () -> Npy.read(new ByteArrayInputStream(file), "f.npy"));
    assertTrue(fortran.getMessage().contains("Fortran order"));
    DataException magic = assertThrows(DataException.class, () -> Npy.read(new ByteArrayInputStream("hello".getBytes()), "h.npy"));
    assertTrue(magic.getMessage().contains("h.npy"));
  }
}
