package io.delos.robots.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.delos.robots.catalogue.Catalogue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Debian's python3-numpy loads a shard (installed by .ci/run). */
class NumpyReadsShardIT {
  /** float32 rounding of observations, in their units. */
  private static final double FLOAT32_TOLERANCE = 1e-5;

  @TempDir Path tmp;

  @Test
  void numpyLoadsAShardWithTheDocumentedArraysShapesAndValues()
      throws IOException, InterruptedException {
    CollectionSettings s =
        new CollectionSettings(
            List.of(Catalogue.system("cartpole")), PolicySpec.of("uniform"), 2, 25, 7, 2, false);
    Manifest m = new Collector(s).collect(tmp, 1, CollectionListener.NONE);
    Path shard = tmp.resolve(m.shards().get(0).file());
    String script =
        "import numpy as np, sys\n"
            + "z = np.load(sys.argv[1])\n"
            + "print(sorted(z.files))\n"
            + "print(z['observations'].dtype, z['observations'].shape, z['actions'].shape,"
            + " z['rewards'].shape, z['times'].dtype, z['flags'].dtype, z['episode_ids'].dtype,"
            + " z['last_observations'].shape)\n"
            + "print(repr(float(z['observations'][3, 1])))\n";
    Process p =
        new ProcessBuilder("python3", "-c", script, shard.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    String[] lines = out.strip().split("\n");
    assertThat(lines[0])
        .isEqualTo(
            "['actions', 'episode_ids', 'episode_seeds', 'flags', 'last_observations',"
                + " 'observations', 'rewards', 'times']");
    assertThat(lines[1]).isEqualTo("float32 (50, 5) (50, 1) (50,) float64 int32 int64 (2, 5)");
    double java = Dataset.open(tmp).read(m.shards().get(0)).observations()[3 * 5 + 1];
    assertThat(Double.parseDouble(lines[2])).isCloseTo(java, within(FLOAT32_TOLERANCE));
  }
}
