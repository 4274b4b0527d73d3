package io.delos.robots.ros;

import static io.delos.robots.ros.RosHarness.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delos.robots.ros.msg.JointState;
import io.delos.robots.ros.msg.Twist;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The parameter tree and the rest of the master and slave APIs against a real ROS: values of every
 * type, private names, searches, subscriptions fed by {@code rosparam set} (also after a master
 * restart), and {@code rosnode} reading a Delos node's slave API.
 */
class RosParameterIT {
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

  @Test
  void valuesOfEveryTypeRoundTripAndRosparamSeesThem() {
    ConnectedNode delos = DefaultNodeFactory.newNode(ros.nodeConfiguration("delos_params"));
    try {
      ParameterTree params = delos.getParameterTree();
      Map<String, Object> gains = new LinkedHashMap<>();
      gains.put("p", 2.5);
      gains.put("d", 0.1);
      params.set("/it/gains", gains);
      params.set("/it/name", "cartpole");
      params.set("/it/count", 3);
      params.set("/it/on", true);
      params.set("/it/list", List.of(1, "two", 3.0));
      params.set("~rate", 50.0);

      assertThat(params.getDouble("/it/gains/p", 0)).isEqualTo(2.5);
      assertThat(params.getMap("/it/gains", Map.of())).isEqualTo(gains);
      assertThat(params.getString("/it/name", "")).isEqualTo("cartpole");
      assertThat(params.getInteger("/it/count", 0)).isEqualTo(3);
      assertThat(params.getBoolean("/it/on", false)).isTrue();
      assertThat(params.getList("/it/list", List.of())).isEqualTo(List.of(1, "two", 3.0));
      assertThat(params.get("/delos_params/rate")).isEqualTo(50.0);
      assertThat(params.getDouble("/it/missing", -1)).isEqualTo(-1);
      assertThatThrownBy(() -> params.get("/it/missing")).isInstanceOf(RosRpcException.class);
      assertThatThrownBy(() -> params.getInteger("/it/name", 0))
          .hasMessageContaining("/it/name")
          .hasMessageContaining("not a Integer");
      assertThat(params.has("/it/count")).isTrue();
      assertThat(params.getNames()).contains("/it/gains/p", "/it/name", "/delos_params/rate");
      assertThat(params.search("name")).isNull();
      params.set("/name", "top");
      assertThat(params.search("name")).isEqualTo("/name");
      params.delete("/it/count");
      assertThat(params.has("/it/count")).isFalse();

      assertThat(
              ros.run("rosparam-get", List.of("/usr/bin/rosparam", "get", "/it/gains/p")).strip())
          .isEqualTo("2.5");
    } finally {
      delos.shutdown();
    }
  }

  @Test
  void parameterListenersHearRosparamSetAlsoAfterAMasterRestart() {
    ConnectedNode delos = DefaultNodeFactory.newNode(ros.nodeConfiguration("delos_param_listener"));
    try {
      List<String> heard = new CopyOnWriteArrayList<>();
      delos
          .getParameterTree()
          .addParameterListener("/watch", (name, value) -> heard.add(name + "=" + value));
      ros.run("rosparam-set-1", List.of("/usr/bin/rosparam", "set", "/watch/gain", "5"));
      awaitTrue("the first update", () -> heard.contains("/watch/gain=5"));

      ros.restartMaster();
      awaitTrue(
          "the node to register again",
          () -> {
            try {
              return delos.getMasterClient().lookupNode(delos.getName()).equals(delos.getUri());
            } catch (RuntimeException e) {
              return false;
            }
          });
      ros.run("rosparam-set-2", List.of("/usr/bin/rosparam", "set", "/watch/gain", "7"));
      awaitTrue("an update after the restart", () -> heard.contains("/watch/gain=7"));
    } finally {
      delos.shutdown();
    }
  }

  @Test
  void rosnodeReadsTheSlaveApiOfADelosNode() throws Exception {
    ConnectedNode delos = DefaultNodeFactory.newNode(ros.nodeConfiguration("delos_inspected"));
    RosHarness.RosProcess talker =
        ros.peer("joint_state_talker.py", "py_inspect_talker", "/it/inspect_in");
    try {
      delos.newPublisher("/it/inspect_out", Twist.TYPE);
      Subscriber<JointState> sub = delos.newSubscriber("/it/inspect_in", JointState.TYPE);
      awaitTrue("the talker connection", () -> sub.getNumberOfPublishers() == 1);
      String info =
          ros.run("rosnode-info", List.of("/usr/bin/rosnode", "info", "/delos_inspected"));
      assertThat(info)
          .contains("/it/inspect_out [geometry_msgs/Twist]")
          .contains("/it/inspect_in [sensor_msgs/JointState]")
          .contains("Pid: " + ProcessHandle.current().pid())
          .contains("topic: /it/inspect_in")
          .contains("/py_inspect_talker");
      String ping =
          ros.run(
              "rosnode-ping", List.of("/usr/bin/rosnode", "ping", "-c", "1", "/delos_inspected"));
      assertThat(ping).contains("reply from " + delos.getUri());
      List<?> stats =
          (List<?>)
              new io.delos.robots.ros.internal.XmlRpcClient(
                      java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(5))
                  .call(delos.getUri(), "getBusStats", "/probe");
      assertThat(stats.get(0)).isEqualTo(1);
      assertThat((List<?>) stats.get(2)).hasSize(3);
      MasterClient master = delos.getMasterClient();
      assertThat(master.getUri()).isEqualTo(ros.masterUri().resolve("/"));
      assertThat(master.getPid()).isPositive();
    } finally {
      talker.stop();
      delos.shutdown();
    }
  }
}
