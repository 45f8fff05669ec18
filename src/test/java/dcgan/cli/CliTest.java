package dcgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.data.DataException;
import dcgan.files.UserError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Only a problem the user can fix is one line; anything else is a bug that shows its stack trace and asks to be reported. */
class CliTest {

  private static String fail(Exception e, int expectedCode) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      assertEquals(expectedCode, Cli.fail(e, err));
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void userErrorsAreOneLine() {
    assertEquals("error: mnist.npz is truncated\n", fail(new DataException("mnist.npz is truncated"), 1).replace("\r", ""));
    assertEquals("error: cannot resume: it was trained with other settings\n",
        fail(new UserError("cannot resume: it was trained with other settings"), 1).replace("\r", ""));
    assertEquals("error: cannot write out/x.png: Permission denied\n",
        fail(new UncheckedIOException("cannot write out/x.png", new IOException("Permission denied")), 1).replace("\r", ""));
  }

  @Test
  void aFullDiskIsSaidToBeOneWhetherJavaOrTensorFlowFindsIt() {
    String advice = "; free some space or write to another disk, and run it again (a training run keeps its last complete"
        + " checkpoint: continue it with --resume)\n";
    assertEquals("error: the disk is full: cannot write out/x.png (No space left on device)" + advice,
        fail(new UncheckedIOException("cannot write out/x.png", new IOException("No space left on device")), 1).replace("\r", ""));
    // TensorFlow reports ENOSPC as RESOURCE_EXHAUSTED, as it reports running out of memory
    assertEquals("error: the disk is full: out/ckpt-2.data-00000-of-00001.tempstate1; No space left on device" + advice,
        fail(new org.tensorflow.exceptions.TFResourceExhaustedException("out/ckpt-2.data-00000-of-00001.tempstate1; No space left on"
            + " device\n\t [[{{node checkpoint/save}}]]"), 1).replace("\r", ""));
    assertTrue(fail(new org.tensorflow.exceptions.TFResourceExhaustedException("OOM when allocating tensor"), 1)
        .startsWith("error: TensorFlow ran out of memory (OOM when allocating tensor)"));
  }

  @Test
  void bugsShowTheirStackTraceAndAskToBeReported() {
    for (Exception bug : new Exception[] {new IllegalArgumentException("a negative index"), new IllegalStateException("not built"),
        new NullPointerException()}) {
      String printed = fail(bug, Cli.BUG);
      assertTrue(printed.contains(bug.getClass().getName()) && printed.contains("\tat dcgan.cli.CliTest"), printed);
      assertTrue(printed.contains("error: this is a bug in the project, not a problem with your input: please report it"), printed);
    }
  }
}
