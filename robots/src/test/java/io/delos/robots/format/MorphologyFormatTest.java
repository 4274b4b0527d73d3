package io.delos.robots.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delos.sim.json.JsonException;
import io.delos.sim.morphology.Morphology;
import org.junit.jupiter.api.Test;

class MorphologyFormatTest {
  /** A valid file; each test breaks one line of it. Line numbers are 1-based. */
  private static final String VALID =
      String.join(
          "\n",
          "{",
          "  \"format\": \"delos-morphology\",",
          "  \"version\": 1,",
          "  \"name\": \"arm\",",
          "  \"world\": {\"gravity\": [0, -9.81]},",
          "  \"bodies\": [",
          "    {\"name\": \"link\", \"pose\": [0, 0, 0], \"mass\": 1.0,",
          "     \"shapes\": [{\"box\": {\"halfWidth\": 0.05, \"halfHeight\": 0.5}}]}",
          "  ],",
          "  \"joints\": [",
          "    {\"name\": \"hinge\", \"type\": \"revolute\", \"parent\": \"world\", \"child\": \"link\","
              + " \"anchor\": [0, 0]}",
          "  ],",
          "  \"actuators\": [",
          "    {\"name\": \"motor\", \"type\": \"motor\", \"joint\": \"hinge\", \"range\": [-1, 1],"
              + " \"gear\": 2, \"maxEffort\": 2}",
          "  ],",
          "  \"sensors\": [",
          "    {\"name\": \"q\", \"type\": \"jointPosition\", \"joint\": \"hinge\"}",
          "  ]",
          "}");

  private static Morphology parse(String text) {
    return MorphologyFormat.parse(text, "arm.json");
  }

  @Test
  void theValidFileLoadsAndRoundTrips() {
    Morphology m = parse(VALID);
    assertThat(parse(MorphologyFormat.write(m))).isEqualTo(m);
  }

  @Test
  void aNegativeMassIsRejectedNamingFieldValueAndLine() {
    assertThatThrownBy(() -> parse(VALID.replace("\"mass\": 1.0", "\"mass\": -2")))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("arm.json:7:")
        .hasMessageContaining("mass = -2.0 kg")
        .hasMessageContaining("> 0");
  }

  @Test
  void anUnknownFieldIsRejectedNamingItAndTheAllowedOnes() {
    assertThatThrownBy(
            () -> parse(VALID.replace("\"mass\": 1.0,", "\"mass\": 1.0, \"colour\": 3,")))
        .hasMessageContaining("arm.json:7:")
        .hasMessageContaining("$.bodies[0].colour")
        .hasMessageContaining("unknown field \"colour\"")
        .hasMessageContaining("friction");
  }

  @Test
  void anUnknownJointTypeIsRejectedNamingTheAllowedTypes() {
    assertThatThrownBy(() -> parse(VALID.replace("\"revolute\"", "\"ball\"")))
        .hasMessageContaining("arm.json:11:")
        .hasMessageContaining("$.joints[0].type")
        .hasMessageContaining("\"ball\"")
        .hasMessageContaining("revolute, prismatic");
  }

  @Test
  void aMissingRequiredFieldIsRejectedNamingItAndItsLine() {
    assertThatThrownBy(
            () ->
                parse(
                    VALID.replace(
                        ",\n     \"shapes\": [{\"box\": {\"halfWidth\": 0.05, \"halfHeight\": 0.5}}]",
                        "")))
        .hasMessageContaining("arm.json:7:")
        .hasMessageContaining("$.bodies[0]")
        .hasMessageContaining("missing required field \"shapes\"");
  }

  @Test
  void aBadShapeSizeIsRejectedAtTheShapesLine() {
    assertThatThrownBy(() -> parse(VALID.replace("\"halfWidth\": 0.05", "\"halfWidth\": 0")))
        .hasMessageContaining("arm.json:8:")
        .hasMessageContaining("box.halfWidth = 0.0 m");
  }

  @Test
  void aJointToAnUnknownBodyIsRejectedNamingJointAndBody() {
    assertThatThrownBy(() -> parse(VALID.replace("\"child\": \"link\"", "\"child\": \"lnk\"")))
        .hasMessageContaining("arm.json:")
        .hasMessageContaining("joint 'hinge' child 'lnk' is not a body");
  }

  @Test
  void anUnknownVersionIsRejectedNamingFoundAndSupported() {
    assertThatThrownBy(() -> parse(VALID.replace("\"version\": 1", "\"version\": 3")))
        .hasMessageContaining("arm.json:3:")
        .hasMessageContaining("version 3 is not supported")
        .hasMessageContaining("reads version 1");
  }

  @Test
  void brokenJsonIsRejectedAtTheLineOfTheError() {
    assertThatThrownBy(() -> parse(VALID.replace("\"name\": \"arm\",", "\"name\": \"arm\"")))
        .hasMessageContaining("arm.json:5:")
        .hasMessageContaining("expected ',' or '}'");
  }
}
