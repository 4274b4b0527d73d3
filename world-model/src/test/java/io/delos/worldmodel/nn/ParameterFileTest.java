package io.delos.worldmodel.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delos.sim.json.Json;
import io.delos.sim.json.JsonValue;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterFileTest {
  private static Map<String, float[]> set(String prefix, float... values) {
    Map<String, float[]> m = new LinkedHashMap<>();
    m.put(prefix + ".w", values);
    m.put(prefix + ".b", new float[] {Float.MIN_VALUE, -0f, Float.MAX_VALUE});
    return m;
  }

  private static JsonValue listing(List<Object> entries) {
    return Json.parse(Json.write(entries), "listing");
  }

  @Test
  void setsRoundTripBitForBitInTheirListedOrder() {
    Map<String, float[]> first = set("a", 1.5f, Float.NaN, 1e-30f);
    Map<String, float[]> second = set("b", -2f);
    ParameterFile.Encoded file = ParameterFile.encode(List.of(first, second));
    assertThat(file.bytes()).hasSize(4 * (3 + 3 + 1 + 3));
    assertThat(ParameterFile.problem(file.bytes(), file.bytes().length, file.crc32(), "p.bin"))
        .isNull();
    ByteBuffer in = ParameterFile.reader(file.bytes());
    Map<String, float[]> a = ParameterFile.take(in, listing(file.listings().get(0)), "p.bin");
    Map<String, float[]> b = ParameterFile.take(in, listing(file.listings().get(1)), "p.bin");
    assertThat(in.hasRemaining()).isFalse();
    assertThat(a.keySet()).containsExactly("a.w", "a.b");
    assertThat(b.keySet()).containsExactly("b.w", "b.b");
    for (String k : first.keySet()) {
      assertThat(Arrays.equals(a.get(k), first.get(k))).as(k).isTrue();
    }
    assertThat(Float.floatToRawIntBits(a.get("a.b")[1])).isEqualTo(Float.floatToRawIntBits(-0f));
  }

  @Test
  void aCutShortDamagedOrOverlistedFileIsNamed() {
    ParameterFile.Encoded file = ParameterFile.encode(List.of(set("a", 1f, 2f)));
    byte[] cut = Arrays.copyOf(file.bytes(), file.bytes().length - 4);
    assertThat(ParameterFile.problem(cut, file.bytes().length, file.crc32(), "p.bin"))
        .isEqualTo("p.bin has 16 bytes; the metadata lists 20 (cut short or replaced)");
    byte[] flipped = file.bytes().clone();
    flipped[0] ^= 1;
    assertThat(ParameterFile.problem(flipped, flipped.length, file.crc32(), "p.bin"))
        .contains("has CRC-32")
        .endsWith("(damaged)");
    JsonValue tooLong = Json.parse("[{\"name\": \"a.w\", \"size\": 6}]", "listing");
    assertThatThrownBy(() -> ParameterFile.take(ParameterFile.reader(cut), tooLong, "p.bin"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("parameter a.w runs past the end of p.bin");
  }
}
