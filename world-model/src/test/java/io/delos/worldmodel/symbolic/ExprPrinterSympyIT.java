package io.delos.worldmodel.symbolic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The printed infix form parses in SymPy ({@code python3} with Debian's {@code python3-sympy}) into
 * the same function: SymPy evaluates each parsed expression at random points, and the values match
 * this library's evaluation; SymPy also proves the printed form of a simplified expression equal to
 * the printed original (up to float rounding below 1e-12 in the difference's coefficients).
 */
class ExprPrinterSympyIT {
  /** Relative agreement of SymPy's and this library's values. */
  private static final double VALUE_TOLERANCE = 1e-10;

  private static final List<String> NAMES = List.of("q1", "q2", "epsilon", "r");

  private static final List<String> FORMULAS =
      List.of(
          "q1*q2/(4*pi*epsilon*r**2)",
          "sqrt(1 - q1**2/(4*r**2))*exp(-(q1 - q2)**2/2)",
          "q1/(exp(q2/r) - 1) - 3.5e-3*log(epsilon)",
          "cos(q1*r)**3 - 1/(q1*q2) + sin(epsilon - 2*q2)",
          "(q1 + 1)**2*(q2 - r)/(epsilon + 1)**3");

  @Test
  void printedExpressionsParseInSympyToTheSameFunction() throws Exception {
    SplittableRandom random = new SplittableRandom(17);
    int points = 8;
    double[][] cols = new double[4][points];
    for (double[] col : cols) {
      for (int i = 0; i < points; i++) {
        col[i] = random.nextDouble(1, 2);
      }
    }
    StringBuilder script = new StringBuilder();
    script.append("import sympy as sp\n");
    script.append("syms = sp.symbols('q1 q2 epsilon r', positive=True)\n");
    script.append("names = dict(zip(['q1', 'q2', 'epsilon', 'r'], syms))\n");
    // Equal when the difference simplifies to zero, directly or once floats are written as
    // simple numbers (0.5 as 1/2, 0.0795… as 1/(4π)); float rounding below 1e-12 counts as zero.
    script.append("def same(e, o):\n");
    script.append("    def ns(x):\n");
    script.append("        return sp.nsimplify(x, [sp.pi], tolerance=1e-12, rational=False)\n");
    script.append("    for a, b in ((e, o), (ns(e), ns(o))):\n");
    script.append("        d = sp.expand(sp.simplify(a - b))\n");
    script.append("        d = d.xreplace({f: 0 for f in d.atoms(sp.Float) if abs(f) < 1e-12})\n");
    script.append("        if sp.simplify(d) == 0:\n");
    script.append("            return True\n");
    script.append("    return False\n");
    script.append("pts = [");
    for (int i = 0; i < points; i++) {
      script.append(i > 0 ? ", " : "").append('[');
      for (int v = 0; v < 4; v++) {
        script.append(v > 0 ? ", " : "").append(Double.toString(cols[v][i]));
      }
      script.append(']');
    }
    script.append("]\n");
    List<double[]> expected = new ArrayList<>();
    List<String> printed = new ArrayList<>();
    for (String f : FORMULAS) {
      Expr e = ExprParser.parse(f, NAMES);
      Expr s = Simplifier.simplify(e);
      printed.add(ExprPrinter.infix(s, NAMES, 0));
      expected.add(Program.compile(s).evaluate(cols, points));
      String original = ExprPrinter.infix(e, NAMES, 0);
      String simplified = ExprPrinter.infix(s, NAMES, 0);
      script
          .append("e = sp.sympify('")
          .append(simplified)
          .append("', locals=names)\n")
          .append("o = sp.sympify('")
          .append(original)
          .append("', locals=names)\n")
          .append("print('EQ', same(e, o))\n")
          .append("print('V', ' '.join(repr(float(e.subs(dict(zip(syms, p))))) for p in pts))\n");
    }
    List<String> out = runPython(script.toString());
    List<String> values = out.stream().filter(l -> l.startsWith("V ")).toList();
    List<String> equal = out.stream().filter(l -> l.startsWith("EQ ")).toList();
    assertThat(values).hasSize(FORMULAS.size());
    for (int k = 0; k < FORMULAS.size(); k++) {
      assertThat(equal.get(k)).as("SymPy proof for %s", printed.get(k)).isEqualTo("EQ True");
      String[] parts = values.get(k).substring(2).trim().split(" ");
      for (int i = 0; i < points; i++) {
        double want = expected.get(k)[i];
        assertThat(Double.parseDouble(parts[i]))
            .as("%s at point %d", printed.get(k), i)
            .isCloseTo(want, within(VALUE_TOLERANCE * (1 + Math.abs(want))));
      }
    }
  }

  private static List<String> runPython(String script) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("python3 finished").isTrue();
    assertThat(p.exitValue()).as("python3 exit status; output:%n%s", text).isZero();
    return text.lines().map(String::strip).toList();
  }
}
