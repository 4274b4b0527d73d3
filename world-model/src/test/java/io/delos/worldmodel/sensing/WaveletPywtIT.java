package io.delos.worldmodel.sensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Both transforms agree with PyWavelets ({@code /usr/bin/python3} with Debian's {@code
 * python3-pywt}) coefficient by coefficient on random signals: the discrete transform with {@code
 * wavedec(mode='periodization')}, the stationary one with {@code swt(trim_approx=True, norm=True)}.
 *
 * <p>Without python3-pywt the test is skipped, unless the environment sets {@code
 * DELOS_REQUIRE_PYTHON_CLIENT=1}, which makes it fail instead.
 */
class WaveletPywtIT {
  /** Absolute agreement of every coefficient, in the signal's units. */
  private static final double TOLERANCE = 1e-10;

  private static final Path PYTHON = Path.of("/usr/bin/python3");

  private record Case(Wavelet wavelet, int length, int levels, double[] x) {}

  @Test
  void discreteAndStationaryTransformsMatchPyWavelets() throws Exception {
    boolean required = "1".equals(System.getenv("DELOS_REQUIRE_PYTHON_CLIENT"));
    boolean present = pywtPresent();
    if (required) {
      assertThat(present).as("/usr/bin/python3 with pywt (python3-pywt) is required").isTrue();
    }
    assumeTrue(present, "skipped: install python3-pywt");

    SplittableRandom random = new SplittableRandom(29);
    List<Case> cases = new ArrayList<>();
    for (Wavelet w : Wavelet.values()) {
      for (int[] shape : new int[][] {{64, 1}, {64, 3}, {96, 4}, {16, 4}, {256, 5}}) {
        double[] x = new double[shape[0]];
        for (int i = 0; i < x.length; i++) {
          x[i] = random.nextDouble(-3, 3);
        }
        cases.add(new Case(w, shape[0], shape[1], x));
      }
    }
    StringBuilder script = new StringBuilder("import pywt\n");
    for (Case c : cases) {
      script.append("x = [");
      for (int i = 0; i < c.x().length; i++) {
        script.append(i > 0 ? "," : "").append(Double.toString(c.x()[i]));
      }
      script.append("]\n");
      script
          .append("for a in pywt.wavedec(x, '")
          .append(c.wavelet().pywtName())
          .append("', mode='periodization', level=")
          .append(c.levels())
          .append("):\n    print('D', ' '.join(repr(float(v)) for v in a))\n");
      script
          .append("for a in pywt.swt(x, '")
          .append(c.wavelet().pywtName())
          .append("', level=")
          .append(c.levels())
          .append(", trim_approx=True, norm=True):\n")
          .append("    print('S', ' '.join(repr(float(v)) for v in a))\n");
    }
    List<String> out = runPython(script.toString());
    List<String> dwt = out.stream().filter(l -> l.startsWith("D ")).toList();
    List<String> swt = out.stream().filter(l -> l.startsWith("S ")).toList();

    int d = 0;
    int s = 0;
    for (Case c : cases) {
      WaveletDecomposition mine = DiscreteWaveletTransform.forward(c.x(), c.wavelet(), c.levels());
      compare(c, "dwt approximation", mine.approximation().toArray(), dwt.get(d++));
      for (int j = c.levels(); j >= 1; j--) {
        compare(c, "dwt detail " + j, mine.detail(j), dwt.get(d++));
      }
      WaveletDecomposition stationary =
          StationaryWaveletTransform.forward(c.x(), c.wavelet(), c.levels());
      compare(c, "swt approximation", stationary.approximation().toArray(), swt.get(s++));
      for (int j = c.levels(); j >= 1; j--) {
        compare(c, "swt detail " + j, stationary.detail(j), swt.get(s++));
      }
    }
    assertThat(d).isEqualTo(dwt.size());
    assertThat(s).isEqualTo(swt.size());
  }

  private static void compare(Case c, String what, double[] mine, String line) {
    String[] parts = line.substring(2).trim().split(" ");
    assertThat(parts)
        .as("%s %s N=%d J=%d coefficient count", c.wavelet(), what, c.length(), c.levels())
        .hasSize(mine.length);
    for (int i = 0; i < mine.length; i++) {
      assertThat(mine[i])
          .as("%s %s N=%d J=%d [%d]", c.wavelet(), what, c.length(), c.levels(), i)
          .isCloseTo(Double.parseDouble(parts[i]), within(TOLERANCE));
    }
  }

  private static boolean pywtPresent() throws Exception {
    if (!Files.isExecutable(PYTHON)) {
      return false;
    }
    Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import pywt").start();
    return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  private static List<String> runPython(String script) throws Exception {
    Process p =
        new ProcessBuilder(PYTHON.toString(), "-c", script).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("python3 finished").isTrue();
    assertThat(p.exitValue()).as("python3 exit status; output:%n%s", text).isZero();
    return text.lines().map(String::strip).toList();
  }
}
