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

    if (Files.isExecutable(CHROMIUM)) {
      BufferedImage first = screenshot(dir, "first.png");
      Thread.sleep(700);
      BufferedImage second = screenshot(dir, "second.png");
      assertThat(nonWhite(first)).as("rendered content").isGreaterThan(20_000);
      // The animation moves: the two screenshots differ somewhere.
      assertThat(differingPixels(first, second)).isPositive();
    }
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
                "--virtual-time-budget=" + (name.startsWith("first") ? 200 : 1500),
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

  private static int differingPixels(BufferedImage a, BufferedImage b) {
    int n = 0;
    for (int y = 0; y < Math.min(a.getHeight(), b.getHeight()); y++) {
      for (int x = 0; x < Math.min(a.getWidth(), b.getWidth()); x++) {
        if (a.getRGB(x, y) != b.getRGB(x, y)) {
          n++;
        }
      }
    }
    return n;
  }
}
