package io.delos.actors.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.delos.actors.demo.report.ReportWriter;
import io.delos.actors.demo.report.RunRecord;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short demo run end to end: streaming, learning, control through the learned model and the
 * oracle, and the report; then the report's table is checked against the run's records, and the
 * page is opened in headless Chromium (Debian's, installed by .ci/run) to check that it renders the
 * table and a moving animation.
 */
class MainDemoIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @Test
  void shortRunWritesAReportWhoseTableIsTheRunsRecords(@TempDir Path dir) throws Exception {
    MainDemo.Options options =
        new MainDemo.Options(
            List.of("pendulum"), List.of("pendulum:swingup"), 0.5, 3, dir, true, 1);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    RunRecord run =
        new MainDemo(
                options,
                ConfigFactory.parseString("delos.grpc.port = 0").withFallback(ConfigFactory.load()),
                new PrintStream(log, true, StandardCharsets.UTF_8),
                new AtomicBoolean())
            .run();

    assertThat(run.results()).hasSize(2); // learned model and oracle
    assertThat(run.results()).extracting(RunRecord.TaskResult::model).contains("oracle");
    assertThat(dir.resolve("index.html")).exists();
    assertThat(dir.resolve("run.json")).exists();
    assertThat(dir.resolve("learning.png")).exists();
    assertThat(run.animations()).isNotEmpty();
    for (RunRecord.Animation a : run.animations()) {
      assertThat(dir.resolve(a.file())).exists();
    }

    // The page's results table is exactly the records, row by row, cell by cell.
    String html = Files.readString(dir.resolve("index.html"));
    List<List<String>> rows = tableRows(html);
    assertThat(rows).hasSize(run.results().size());
    for (int i = 0; i < rows.size(); i++) {
      assertThat(rows.get(i)).isEqualTo(ReportWriter.cells(run.results().get(i)));
    }
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("Report:");

    // Each animation has many distinct frames.
    for (RunRecord.Animation a : run.animations()) {
      assertThat(gifFrames(dir.resolve(a.file()))).isGreaterThan(10);
    }

    if (Files.isExecutable(CHROMIUM)) {
      BufferedImage shot = screenshot(dir, "page.png");
      assertThat(nonWhite(shot)).as("rendered content").isGreaterThan(20_000);
      // The table's success cells are green or red text; the animations' robot bodies are
      // outlined in half the renderer's first body colour (48, 103, 180), that is (24, 51, 90):
      // a pendulum's pole in each of the two animations gives a few hundred such pixels.
      assertThat(pixels(shot, 24, 51, 90, 25))
          .as("robot outline pixels of the animations")
          .isGreaterThan(100);
      assertThat(pixels(shot, 26, 127, 55, 40) + pixels(shot, 180, 35, 24, 40))
          .as("success cells of the table")
          .isPositive();
    }
  }

  private static int gifFrames(Path gif) throws Exception {
    try (javax.imageio.stream.ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
      javax.imageio.ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
      reader.setInput(in);
      int n = reader.getNumImages(true);
      reader.dispose();
      return n;
    }
  }

  /** Pixels within {@code tolerance} (per channel) of the colour (r, g, b). */
  private static int pixels(BufferedImage img, int r, int g, int b, int tolerance) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y);
        if (Math.abs(((rgb >> 16) & 0xFF) - r) <= tolerance
            && Math.abs(((rgb >> 8) & 0xFF) - g) <= tolerance
            && Math.abs((rgb & 0xFF) - b) <= tolerance) {
          n++;
        }
      }
    }
    return n;
  }

  private static List<List<String>> tableRows(String html) {
    String table = html.substring(html.indexOf("<table id=\"results\">"), html.indexOf("</table>"));
    List<List<String>> rows = new ArrayList<>();
    Matcher row = Pattern.compile("<tr>(.*?)</tr>").matcher(table);
    while (row.find()) {
      List<String> cells = new ArrayList<>();
      Matcher cell = Pattern.compile("<td[^>]*>(.*?)</td>").matcher(row.group(1));
      while (cell.find()) {
        cells.add(cell.group(1).replace("&amp;", "&"));
      }
      if (!cells.isEmpty()) {
        rows.add(cells);
      }
    }
    return rows;
  }

  private static BufferedImage screenshot(Path dir, String name) throws Exception {
    Path shot = dir.resolve(name);
    Process p =
        new ProcessBuilder(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chrome"),
                "--window-size=1280,1600",
                "--virtual-time-budget=1000",
                "--screenshot=" + shot,
                dir.resolve("index.html").toUri().toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(output).doesNotContain("Uncaught");
    return ImageIO.read(shot.toFile());
  }

  private static int nonWhite(BufferedImage img) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
          n++;
        }
      }
    }
    return n;
  }
}
