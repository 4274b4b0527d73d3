package io.delos.robots.ros.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JDK XML-RPC client and server round-trip every value type, faults and bad requests. */
class XmlRpcLoopbackIT {
  @Test
  void callsFaultsAndNonPostRequestsOverLoopback() throws Exception {
    try (XmlRpcServer server =
        XmlRpcServer.start(
            "127.0.0.1",
            0,
            2,
            "xmlrpc-test",
            (method, params) -> {
              if (method.equals("echo")) {
                return List.of(1, "echoed", params);
              }
              throw new XmlRpcFault(-32601, "no method " + method);
            })) {
      URI uri = server.uri("127.0.0.1");
      assertThat(uri.toString()).isEqualTo("http://127.0.0.1:" + server.port() + "/");
      XmlRpcClient client = new XmlRpcClient(Duration.ofSeconds(5), Duration.ofSeconds(5));
      Map<String, Object> struct = new LinkedHashMap<>();
      struct.put("k", List.of(1.5, false));
      Object reply = client.call(uri, "echo", 7, "s<&>", true, 2.25, struct, new byte[] {9});
      List<?> l = (List<?>) reply;
      assertThat(l.subList(0, 2)).isEqualTo(List.of(1, "echoed"));
      List<?> params = (List<?>) l.get(2);
      assertThat(params.subList(0, 5)).isEqualTo(List.of(7, "s<&>", true, 2.25, struct));
      assertThat((byte[]) params.get(5)).containsExactly(9);

      assertThatThrownBy(() -> client.call(uri, "nope"))
          .isInstanceOf(XmlRpcFault.class)
          .hasMessage("no method nope");

      HttpResponse<String> get =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(get.statusCode()).isEqualTo(405);
    }
  }

  @Test
  void anUnreachableServerIsAnIoError() {
    XmlRpcClient client = new XmlRpcClient(Duration.ofSeconds(2), Duration.ofSeconds(2));
    int port = io.delos.robots.ros.RosHarness.freePort();
    assertThatThrownBy(() -> client.call(URI.create("http://127.0.0.1:" + port), "getPid", "/x"))
        .isInstanceOf(java.io.IOException.class);
  }
}
