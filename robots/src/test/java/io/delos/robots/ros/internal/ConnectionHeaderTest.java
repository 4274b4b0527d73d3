package io.delos.robots.ros.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The TCPROS connection header: byte layout, splitting at the first '=', and malformed input. */
class ConnectionHeaderTest {
  @Test
  void encodesTotalLengthThenLengthPrefixedKeyValueFields() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("topic", "/a");
    fields.put("md5sum", "*");
    byte[] bytes = ConnectionHeader.encode(fields);
    // 4 + "topic=/a" (8) + 4 + "md5sum=*" (8) = 24
    assertThat(HexFormat.of().formatHex(bytes))
        .isEqualTo(
            "18000000"
                + "08000000"
                + HexFormat.of().formatHex("topic=/a".getBytes())
                + "08000000"
                + HexFormat.of().formatHex("md5sum=*".getBytes()));
  }

  @Test
  void decodesValuesHoldingEqualsSignsAndNewlines() throws IOException {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("message_definition", "int32 A=1\nstring s\n");
    fields.put("callerid", "/x");
    byte[] bytes = ConnectionHeader.encode(fields);
    Map<String, String> back = ConnectionHeader.read(new ByteArrayInputStream(bytes));
    assertThat(back).containsExactlyEntriesOf(fields);
  }

  @Test
  void malformedHeadersAreRejected() {
    byte[] noEquals = HexFormat.of().parseHex("0700000003000000616263");
    assertThatThrownBy(() -> ConnectionHeader.read(new ByteArrayInputStream(noEquals)))
        .hasMessageContaining("has no '='");
    byte[] fieldTooLong = HexFormat.of().parseHex("08000000ff00000061626364");
    assertThatThrownBy(() -> ConnectionHeader.read(new ByteArrayInputStream(fieldTooLong)))
        .hasMessageContaining("runs past the end");
    byte[] cut = HexFormat.of().parseHex("10000000ff000000");
    assertThatThrownBy(() -> ConnectionHeader.read(new ByteArrayInputStream(cut)))
        .isInstanceOf(EOFException.class);
    byte[] huge = HexFormat.of().parseHex("ffffff7f");
    assertThatThrownBy(() -> ConnectionHeader.read(new ByteArrayInputStream(huge)))
        .hasMessageContaining("exceeds");
    assertThatThrownBy(() -> ConnectionHeader.encode(Map.of("a=b", "c")))
        .hasMessageContaining("no '='");
  }
}
