package io.delos.robots.ros;

import static io.delos.robots.ros.RosHarness.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import io.delos.robots.ros.message.Message;
import io.delos.robots.ros.msg.Float64MultiArray;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ROSJava shape: node mains started by an executor talk to each other and are told of shutdowns
 * and errors.
 */
class NodeMainExecutorIT {
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

  /** Publishes a counter at 20 Hz from onStart. */
  static final class Talker extends AbstractNodeMain {
    final List<String> events = new CopyOnWriteArrayList<>();
    private ScheduledFuture<?> loop;

    @Override
    public String getDefaultNodeName() {
      return "exec_talker";
    }

    @Override
    public void onStart(ConnectedNode node) {
      events.add("start " + node.getName());
      Publisher<Float64MultiArray> pub = node.newPublisher("counter", Float64MultiArray.TYPE);
      double[] n = {0};
      loop =
          node.getScheduledExecutorService()
              .scheduleAtFixedRate(
                  () -> pub.publish(pub.newMessage().setData(n[0]++)),
                  0,
                  50,
                  TimeUnit.MILLISECONDS);
    }

    @Override
    public void onShutdown(ConnectedNode node) {
      loop.cancel(false);
      events.add("shutdown " + node.getName());
    }
  }

  @Test
  void nodeMainsStartTalkAndShutDown() {
    NodeMainExecutor executor = DefaultNodeMainExecutor.newDefault();
    Talker talker = new Talker();
    List<Double> got = new CopyOnWriteArrayList<>();
    NodeMain listener =
        new AbstractNodeMain() {
          @Override
          public String getDefaultNodeName() {
            return "exec_listener";
          }

          @Override
          public void onStart(ConnectedNode node) {
            node.newSubscriber("/robot1/counter", Float64MultiArray.TYPE)
                .addMessageListener(m -> got.add(m.getData()[0]));
          }
        };
    try {
      NodeConfiguration config = ros.nodeConfiguration("unused").withNodeName(null);
      executor.execute(talker, config.withNamespace("/robot1"));
      executor.execute(listener, config);
      awaitTrue("counter values", () -> got.size() >= 3);
      assertThat(talker.events).containsExactly("start /robot1/exec_talker");
      executor.shutdownNodeMain(talker);
      assertThat(talker.events)
          .containsExactly("start /robot1/exec_talker", "shutdown /robot1/exec_talker");
      assertThat(ros.masterUri()).isNotNull();
      awaitTrue(
          "the talker to leave the graph",
          () ->
              new MasterClient(ros.masterUri(), "/probe", java.time.Duration.ofSeconds(5))
                  .getSystemState()
                  .publishersOf("/robot1/counter")
                  .isEmpty());
    } finally {
      executor.shutdown();
    }
  }

  @Test
  void anExceptionInOnStartReachesOnErrorAndTheNodeShutsDown() {
    NodeMainExecutor executor = DefaultNodeMainExecutor.newDefault();
    List<String> events = new CopyOnWriteArrayList<>();
    NodeMain broken =
        new AbstractNodeMain() {
          @Override
          public String getDefaultNodeName() {
            return "exec_broken";
          }

          @Override
          public void onStart(ConnectedNode node) {
            Publisher<Message> p = node.newPublisher("/exec/broken", "std_msgs/Float64");
            events.add("published on " + p.getTopicName());
            throw new IllegalStateException("boom");
          }

          @Override
          public void onShutdown(ConnectedNode node) {
            events.add("shutdown");
          }

          @Override
          public void onError(ConnectedNode node, Throwable throwable) {
            events.add("error " + throwable.getMessage());
          }
        };
    try {
      executor.execute(broken, ros.nodeConfiguration("exec_broken"));
      awaitTrue("onError and onShutdown", () -> events.size() == 3);
      assertThat(events).containsExactly("published on /exec/broken", "error boom", "shutdown");
    } finally {
      executor.shutdown();
    }
  }

  @Test
  void aNodeReplacedByAnotherOfTheSameNameIsToldToShutDown() {
    NodeMainExecutor executor = DefaultNodeMainExecutor.newDefault();
    List<String> events = new CopyOnWriteArrayList<>();
    NodeMain first =
        new AbstractNodeMain() {
          @Override
          public String getDefaultNodeName() {
            return "exec_twin";
          }

          @Override
          public void onStart(ConnectedNode node) {
            node.newPublisher("/exec/twin_a", "std_msgs/Float64");
            events.add("started");
          }

          @Override
          public void onShutdown(ConnectedNode node) {
            events.add("shutdown");
          }
        };
    ConnectedNode second = null;
    try {
      executor.execute(first, ros.nodeConfiguration("exec_twin"));
      awaitTrue("the first node to start", () -> events.contains("started"));
      second = DefaultNodeFactory.newNode(ros.nodeConfiguration("exec_twin"));
      second.newPublisher("/exec/twin_b", "std_msgs/Float64");
      awaitTrue("the master to shut the first node down", () -> events.contains("shutdown"));
    } finally {
      if (second != null) {
        second.shutdown();
      }
      executor.shutdown();
    }
  }
}
