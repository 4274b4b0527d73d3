package io.delos.actors.worldmodel;

import io.delos.sim.render.ImageFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Small headless Java2D charts for the evaluation report: grouped bars and line plots. */
public final class Charts {
  private static final int W = 900;
  private static final int H = 520;
  private static final int LEFT = 80;
  private static final int RIGHT = 200;
  private static final int TOP = 50;
  private static final int BOTTOM = 70;
  private static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)
  };

  private Charts() {}

  /**
   * One line of a line chart.
   *
   * @param name legend label
   * @param x abscissae
   * @param y ordinates (NaN for a gap)
   */
  public record Series(String name, double[] x, double[] y) {}

  /**
   * A bar of a bar chart.
   *
   * @param label category label
   * @param value height
   * @param error half-length of the error bar (0 for none)
   */
  public record Bar(String label, double value, double error) {}

  private static Graphics2D canvas(BufferedImage img, String title) {
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(title, LEFT, 28);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    return g;
  }

  private static void axes(Graphics2D g, double lo, double hi, String yLabel, int right) {
    int x0 = LEFT;
    int y0 = H - BOTTOM;
    g.setColor(Color.BLACK);
    g.drawLine(x0, TOP, x0, y0);
    g.drawLine(x0, y0, W - right, y0);
    for (int i = 0; i <= 5; i++) {
      double v = lo + (hi - lo) * i / 5;
      int y = (int) (y0 - (y0 - TOP) * (double) i / 5);
      g.setColor(new Color(0xdddddd));
      g.drawLine(x0 + 1, y, W - right, y);
      g.setColor(Color.BLACK);
      g.drawString(format(v), 8, y + 4);
    }
    g.rotate(-Math.PI / 2);
    g.drawString(yLabel, -(TOP + y0) / 2 - 40, 20);
    g.rotate(Math.PI / 2);
  }

  static String format(double v) {
    double a = Math.abs(v);
    if (a != 0 && (a < 0.01 || a >= 10000)) {
      return String.format(Locale.ROOT, "%.2e", v);
    }
    return String.format(Locale.ROOT, a < 1 ? "%.4f" : "%.1f", v);
  }

  /**
   * Grouped bars: one group per category, one bar per series within it.
   *
   * @param file PNG to write
   * @param title chart title
   * @param yLabel axis label
   * @param categories group labels
   * @param series series names
   * @param values {@code values[s][c]}
   * @param errors {@code errors[s][c]} (may be null)
   */
  public static void bars(
      Path file,
      String title,
      String yLabel,
      List<String> categories,
      List<String> series,
      double[][] values,
      double[][] errors) {
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas(img, title);
    double lo = 0;
    double hi = 0;
    for (int s = 0; s < values.length; s++) {
      for (int c = 0; c < values[s].length; c++) {
        double e = errors == null ? 0 : errors[s][c];
        if (Double.isFinite(values[s][c])) {
          hi = Math.max(hi, values[s][c] + e);
          lo = Math.min(lo, values[s][c] - e);
        }
      }
    }
    if (hi == lo) {
      hi = lo + 1;
    }
    hi += 0.05 * (hi - lo);
    axes(g, lo, hi, yLabel, RIGHT);
    int y0 = H - BOTTOM;
    double plotW = W - RIGHT - LEFT;
    double groupW = plotW / categories.size();
    double barW = groupW * 0.8 / series.size();
    for (int c = 0; c < categories.size(); c++) {
      double gx = LEFT + c * groupW + groupW * 0.1;
      for (int s = 0; s < series.size(); s++) {
        double v = values[s][c];
        if (!Double.isFinite(v)) {
          continue;
        }
        int x = (int) (gx + s * barW);
        int yv = (int) (y0 - (y0 - TOP) * (v - lo) / (hi - lo));
        int yz = (int) (y0 - (y0 - TOP) * (0 - lo) / (hi - lo));
        g.setColor(PALETTE[s % PALETTE.length]);
        g.fillRect(x, Math.min(yv, yz), Math.max(1, (int) barW - 2), Math.abs(yz - yv));
        if (errors != null && errors[s][c] > 0) {
          int ye1 = (int) (y0 - (y0 - TOP) * (v + errors[s][c] - lo) / (hi - lo));
          int ye2 = (int) (y0 - (y0 - TOP) * (v - errors[s][c] - lo) / (hi - lo));
          int xm = x + (int) (barW / 2) - 1;
          g.setColor(Color.BLACK);
          g.drawLine(xm, ye1, xm, ye2);
          g.drawLine(xm - 4, ye1, xm + 4, ye1);
          g.drawLine(xm - 4, ye2, xm + 4, ye2);
        }
      }
      g.setColor(Color.BLACK);
      g.drawString(categories.get(c), (int) (gx), y0 + 18);
    }
    legend(g, series);
    write(img, file);
  }

  /**
   * Lines with markers.
   *
   * @param file PNG to write
   * @param title chart title
   * @param xLabel axis label
   * @param yLabel axis label
   * @param logX logarithmic abscissa
   * @param lines the series
   */
  public static void lines(
      Path file, String title, String xLabel, String yLabel, boolean logX, List<Series> lines) {
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas(img, title);
    double xl = Double.POSITIVE_INFINITY;
    double xh = Double.NEGATIVE_INFINITY;
    double yl = Double.POSITIVE_INFINITY;
    double yh = Double.NEGATIVE_INFINITY;
    for (Series s : lines) {
      for (int i = 0; i < s.x().length; i++) {
        if (!Double.isFinite(s.y()[i])) {
          continue;
        }
        double x = logX ? Math.log10(s.x()[i]) : s.x()[i];
        xl = Math.min(xl, x);
        xh = Math.max(xh, x);
        yl = Math.min(yl, s.y()[i]);
        yh = Math.max(yh, s.y()[i]);
      }
    }
    if (!(xh > xl)) {
      xh = xl + 1;
    }
    if (!(yh > yl)) {
      yh = yl + 1;
    }
    double pad = 0.05 * (yh - yl);
    yl -= pad;
    yh += pad;
    axes(g, yl, yh, yLabel, RIGHT);
    int y0 = H - BOTTOM;
    int x1 = W - RIGHT;
    g.setColor(Color.BLACK);
    for (int i = 0; i <= 5; i++) {
      double v = xl + (xh - xl) * i / 5;
      int x = (int) (LEFT + (x1 - LEFT) * (double) i / 5);
      g.drawString(format(logX ? Math.pow(10, v) : v), x - 10, y0 + 18);
    }
    g.drawString(xLabel + (logX ? " (log scale)" : ""), (LEFT + x1) / 2 - 60, y0 + 45);
    g.setStroke(new BasicStroke(2f));
    for (int s = 0; s < lines.size(); s++) {
      Series ser = lines.get(s);
      g.setColor(PALETTE[s % PALETTE.length]);
      int px = -1;
      int py = -1;
      for (int i = 0; i < ser.x().length; i++) {
        if (!Double.isFinite(ser.y()[i])) {
          px = -1;
          continue;
        }
        double xv = logX ? Math.log10(ser.x()[i]) : ser.x()[i];
        int x = (int) (LEFT + (x1 - LEFT) * (xv - xl) / (xh - xl));
        int y = (int) (y0 - (y0 - TOP) * (ser.y()[i] - yl) / (yh - yl));
        if (px >= 0) {
          g.drawLine(px, py, x, y);
        }
        if (ser.x().length <= 40) {
          g.fillOval(x - 3, y - 3, 7, 7);
        }
        px = x;
        py = y;
      }
    }
    legend(g, lines.stream().map(Series::name).toList());
    write(img, file);
  }

  private static void legend(Graphics2D g, List<String> names) {
    int x = W - RIGHT + 15;
    int y = TOP + 10;
    for (int i = 0; i < names.size(); i++) {
      g.setColor(PALETTE[i % PALETTE.length]);
      g.fillRect(x, y + 20 * i - 9, 12, 12);
      g.setColor(Color.BLACK);
      g.drawString(names.get(i), x + 18, y + 20 * i + 2);
    }
  }

  private static void write(BufferedImage img, Path file) {
    try {
      ImageFiles.writePng(img, file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
