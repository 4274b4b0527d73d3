package io.delos.robots.ros;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delos.robots.ros.internal.ConnectionHeader;
import io.delos.robots.ros.message.Message;
import io.delos.robots.ros.msg.EmptyService;
import io.delos.robots.ros.msg.SetBool;
import io.delos.robots.ros.msg.SetBoolRequest;
import io.delos.robots.ros.msg.SetBoolResponse;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Services against a real ROS, both ways: rosservice and a persistent rospy client call a Delos
 * server, a Delos client calls a rospy server, including the error replies; probes and md5 checks.
 */
class RosServiceIT {
  private static RosHarness ros;

  @BeforeAll
  static void startRos() {
    ros = RosHarness.start();
  }

  @AfterAll
  static void stopRos() {
    if (ros != null) {
      ros.close();
    }
  }

  private static ConnectedNode node(String name) {
    return DefaultNodeFactory.newNode(ros.nodeConfiguration(name));
  }

  private static ServiceServer<SetBoolRequest, SetBoolResponse> enableServer(
      ConnectedNode node, String name, AtomicInteger calls) {
    return node.newServiceServer(
        name,
        SetBool.TYPE,
        (req, res) -> {
          calls.incrementAndGet();
          if (!req.getData()) {
            throw new ServiceException("refusing false from Delos");
          }
          res.setSuccess(true).setMessage("enabled by Delos");
        });
  }

  @Test
  void rosserviceCallsADelosServerIncludingTheErrorReply() {
    ConnectedNode delos = node("delos_enable_server");
    try {
      enableServer(delos, "/it/enable", new AtomicInteger());
      String type =
          ros.run("rosservice-type", List.of("/usr/bin/rosservice", "type", "/it/enable"));
      assertThat(type.strip()).isEqualTo("std_srvs/SetBool");

      String ok =
          ros.run(
              "rosservice-call-true",
              List.of("/usr/bin/rosservice", "call", "/it/enable", "data: true"));
      assertThat(ok).contains("success: True").contains("enabled by Delos");

      RosHarness.RosProcess failing =
          ros.spawn(
              "rosservice-call-false",
              List.of("/usr/bin/rosservice", "call", "/it/enable", "data: false"));
      assertThat(failing.waitForExit(RosHarness.PATIENCE)).isTrue();
      assertThat(failing.exitValue()).isNotZero();
      assertThat(failing.output()).contains("refusing false from Delos");
    } finally {
      delos.shutdown();
    }
  }

  @Test
  void aPersistentRospyClientMakesSeveralCallsOnOneConnection() {
    ConnectedNode delos = node("delos_persistent_server");
    AtomicInteger calls = new AtomicInteger();
    try {
      enableServer(delos, "/it/persistent", calls);
      RosHarness.RosProcess client =
          ros.peer("set_bool_client.py", "py_set_bool_client", "/it/persistent");
      client.awaitOutput("done");
      assertThat(client.lines())
          .filteredOn(l -> l.startsWith("ok ") || l.startsWith("error "))
          .containsExactly(
              "ok True enabled by Delos",
              "ok True enabled by Delos",
              "error service [/it/persistent] responded with an error: b'refusing false from Delos'");
      assertThat(calls.get()).isEqualTo(3);
    } finally {
      delos.shutdown();
    }
  }

  @Test
  void aDelosClientCallsARospyServerAndSeesItsErrors() throws ServiceException {
    RosHarness.RosProcess server =
        ros.peer("set_bool_server.py", "py_set_bool_server", "/it/py_enable");
    ConnectedNode delos = node("delos_enable_client");
    try {
      server.awaitOutput("serving");
      RosHarness.awaitTrue(
          "the rospy service to register",
          () -> !delos.getMasterClient().getSystemState().providersOf("/it/py_enable").isEmpty());
      for (boolean persistent : new boolean[] {false, true}) {
        ServiceClient<SetBoolRequest, SetBoolResponse> client =
            delos.newServiceClient("/it/py_enable", SetBool.TYPE, persistent);
        SetBoolResponse r = client.call(client.newMessage().setData(true));
        assertThat(r.getSuccess()).isTrue();
        assertThat(r.getMessage()).isEqualTo("enabled by rospy");
        assertThatThrownBy(() -> client.call(client.newMessage().setData(false)))
            .isInstanceOf(ServiceException.class)
            .hasMessageContaining("refusing false");
        assertThat(client.call(client.newMessage().setData(true)).getSuccess()).isTrue();
        client.shutdown();
      }
    } finally {
      server.stop();
      delos.shutdown();
    }
  }

  @Test
  void delosClientAndServerTalkOverAPersistentConnectionAndEmptyServicesWork() throws Exception {
    ConnectedNode server = node("delos_both_server");
    ConnectedNode caller = node("delos_both_client");
    AtomicInteger resets = new AtomicInteger();
    try {
      enableServer(server, "/it/both", new AtomicInteger());
      server.newServiceServer(
          "/it/reset", EmptyService.TYPE, (req, res) -> resets.incrementAndGet());
      ServiceClient<SetBoolRequest, SetBoolResponse> c =
          caller.newServiceClient("/it/both", SetBool.TYPE, true);
      for (int i = 0; i < 5; i++) {
        assertThat(c.call(c.newMessage().setData(true)).getMessage()).isEqualTo("enabled by Delos");
      }
      assertThat(c.callAsync(c.newMessage().setData(true)).get().getSuccess()).isTrue();

      ros.run("rosservice-call-reset", List.of("/usr/bin/rosservice", "call", "/it/reset"));
      ServiceClient<Message, Message> reset =
          caller.newServiceClient("/it/reset", "std_srvs/Empty");
      reset.call(reset.newMessage());
      assertThat(resets.get()).isEqualTo(2);
    } finally {
      server.shutdown();
      caller.shutdown();
    }
  }

  @Test
  void unknownServicesAndMd5MismatchesAreReported() throws Exception {
    ConnectedNode delos = node("delos_md5_server");
    try {
      ServiceClient<Message, Message> missing =
          delos.newServiceClient("/it/nobody", "std_srvs/Empty");
      assertThatThrownBy(() -> missing.call(missing.newMessage()))
          .isInstanceOf(ServiceException.class)
          .hasMessageContaining("/it/nobody is not registered");

      ServiceServer<SetBoolRequest, SetBoolResponse> s =
          enableServer(delos, "/it/md5", new AtomicInteger());
      URI uri = delos.getMasterClient().lookupService("/it/md5");
      assertThat(uri).isEqualTo(s.getUri());
      try (Socket sock = new Socket(uri.getHost(), uri.getPort())) {
        ConnectionHeader.write(
            sock.getOutputStream(),
            Map.of(
                "callerid",
                "/raw",
                "service",
                "/it/md5",
                "md5sum",
                "00000000000000000000000000000000"));
        Map<String, String> answer = ConnectionHeader.read(sock.getInputStream());
        assertThat(answer).containsOnlyKeys("error");
        assertThat(answer.get("error")).contains("09fb03525b03e7ea1fd3992bafd87e16");
      }
      try (Socket sock = new Socket(uri.getHost(), uri.getPort())) {
        ConnectionHeader.write(
            sock.getOutputStream(),
            Map.of("callerid", "/raw", "service", "/it/md5", "md5sum", "*", "probe", "1"));
        Map<String, String> answer = ConnectionHeader.read(sock.getInputStream());
        assertThat(answer)
            .containsEntry("type", "std_srvs/SetBool")
            .containsEntry("request_type", "std_srvs/SetBoolRequest")
            .containsEntry("response_type", "std_srvs/SetBoolResponse")
            .containsEntry("md5sum", "09fb03525b03e7ea1fd3992bafd87e16");
        assertThat(sock.getInputStream().read()).isEqualTo(-1);
      }
      s.shutdown();
      assertThat(delos.getMasterClient().getSystemState().providersOf("/it/md5")).isEmpty();
    } finally {
      delos.shutdown();
    }
  }
}
