package io.delos.robots.ros.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * XML-RPC documents: every type ROS uses round-trips, and documents as Python writes them parse.
 */
class XmlRpcCodecTest {
  private static InputStream in(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void everyTypeRoundTripsThroughACallAndAResponse() throws XmlRpcFault {
    Map<String, Object> struct = new LinkedHashMap<>();
    struct.put("gain", 2.5);
    struct.put("name", "a<b>&c\r\n");
    struct.put("nested", List.of(1, true, List.of()));
    List<Object> params =
        List.of(42, -7, true, false, "", "héllo", 0.1, -1e-9, 1e20, new byte[] {0, 1, -1}, struct);

    XmlRpcCall call = XmlRpcCodec.decodeCall(in(XmlRpcCodec.encodeCall("setParam", params)));
    assertThat(call.method()).isEqualTo("setParam");
    assertThat(call.params()).hasSize(params.size());
    assertThat(call.params().subList(0, 9)).isEqualTo(params.subList(0, 9));
    assertThat((byte[]) call.params().get(9)).containsExactly(0, 1, -1);
    assertThat(call.params().get(10)).isEqualTo(struct);

    Object back =
        XmlRpcCodec.decodeResponse(
            in(XmlRpcCodec.encodeResponse(List.of(1, "", params.subList(0, 9)))));
    assertThat(back).isEqualTo(List.of(1, "", params.subList(0, 9)));
  }

  @Test
  void longsBeyondInt32BecomeI8AndSmallOnesI4() throws XmlRpcFault {
    String doc = XmlRpcCodec.encodeResponse(List.of(5L, 1L << 40));
    assertThat(doc).contains("<i4>5</i4>").contains("<i8>1099511627776</i8>");
    assertThat(XmlRpcCodec.decodeResponse(in(doc))).isEqualTo(List.of(5, 1L << 40));
  }

  @Test
  void aPythonStyleResponseWithWhitespaceAndUntypedStringsParses() throws XmlRpcFault {
    String doc =
        """
        <?xml version='1.0'?>
        <methodResponse>
        <params>
        <param>
        <value><array><data>
        <value><int>1</int></value>
        <value><string>Registered [/talker] as publisher of [/chatter]</string></value>
        <value><array><data>
        <value>http://127.0.0.1:40001/</value>
        <value><string>  spaced  </string></value>
        </data></array></value>
        </data></array></value>
        </param>
        </params>
        </methodResponse>
        """;
    assertThat(XmlRpcCodec.decodeResponse(in(doc)))
        .isEqualTo(
            List.of(
                1,
                "Registered [/talker] as publisher of [/chatter]",
                List.of("http://127.0.0.1:40001/", "  spaced  ")));
  }

  @Test
  void faultsCarryTheirCodeAndString() {
    String doc = XmlRpcCodec.encodeFault(-32601, "no such method");
    assertThatThrownBy(() -> XmlRpcCodec.decodeResponse(in(doc)))
        .isInstanceOf(XmlRpcFault.class)
        .hasMessage("no such method")
        .satisfies(e -> assertThat(((XmlRpcFault) e).code()).isEqualTo(-32601));
  }

  @Test
  void documentTypeDeclarationsAreRefused() {
    String evil =
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
            + "<methodCall><methodName>&e;</methodName></methodCall>";
    assertThatThrownBy(() -> XmlRpcCodec.decodeCall(in(evil)))
        .isInstanceOf(XmlRpcFault.class)
        .hasMessageContaining("not a valid XML-RPC call");
  }

  @Test
  void nullAndUnsupportedValuesAreRejectedWhenEncoding() {
    assertThatThrownBy(() -> XmlRpcCodec.encodeResponse(new Object()))
        .hasMessageContaining("cannot carry");
    assertThatThrownBy(() -> XmlRpcCodec.encodeResponse(Double.NaN)).hasMessageContaining("NaN");
  }
}
