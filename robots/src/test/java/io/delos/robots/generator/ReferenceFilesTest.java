package io.delos.robots.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.delos.robots.catalogue.Catalogue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped files are what the code makes; regenerate them with {@link WriteReferenceFiles}. */
class ReferenceFilesTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "pendulum",
        "acrobot",
        "reacher",
        "hopper",
        "walker",
        "cheetah",
        "quadrotor",
        "car",
        "lander"
      })
  void catalogueMorphologyFileIsTheFamilysReferenceRobot(String family) {
    assertThat(Catalogue.system(family).morphology()).isEqualTo(Families.reference(family));
  }

  @Test
  void shippedSplitIsTheSplitOfTheDefaultSeed() throws IOException {
    Generator g = Generator.standard();
    String shipped;
    try (InputStream in = getClass().getResourceAsStream("/io/delos/robots/generator/split.json")) {
      shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(shipped).isEqualTo(SplitFormat.write(g.split(g.defaultSeed())));
    assertThat(SplitFormat.parse(shipped, "split.json")).isEqualTo(g.split(g.defaultSeed()));
  }
}
