package io.delos.robots.ros;

import static io.delos.robots.ros.RosHarness.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import io.delos.robots.ros.msg.JointState;
import io.delos.robots.ros.msg.Twist;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A lost publisher or master is survived: the subscriber reconnects to a restarted peer, nodes
 * re-register with a restarted master, connections to peers that never re-register stay open, and
 * nothing already received is lost.
 */
class RosFaultToleranceIT {
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

  /** Received position[0] values of messages from one talker (by frame id). */
  private static List<Double> from(List<JointState> got, String talker) {
    List<Double> out = new ArrayList<>();
    for (JointState js : got) {
      if (js.getHeader().getFrameId().equals(talker)) {
        out.add(js.getPosition()[0]);
      }
    }
    return out;
  }

  private static void assertIncreasing(List<Double> values) {
    for (int i = 1; i < values.size(); i++) {
      assertThat(values.get(i)).as("value %d of %s", i, values).isGreaterThan(values.get(i - 1));
    }
  }

  @Test
  void aSubscriberReconnectsToAPublisherThatCrashedAndRestarted() {
    ConnectedNode delos = node("delos_ft_peer_listener");
    List<JointState> got = new CopyOnWriteArrayList<>();
    delos.newSubscriber("/ft/peer", JointState.TYPE).addMessageListener(got::add);
    RosHarness.RosProcess first = ros.peer("joint_state_talker.py", "py_ft_crashy", "/ft/peer");
    try {
      awaitTrue("5 messages from the first talker", () -> got.size() >= 5);
      first.kill();
      List<JointState> before = List.copyOf(got);

      RosHarness.RosProcess second = ros.peer("joint_state_talker.py", "py_ft_crashy", "/ft/peer");
      try {
        // The restarted talker counts from 0 again: a value below the last one proves it is new.
        double lastBefore = before.get(before.size() - 1).getPosition()[0];
        awaitTrue("messages from the restarted talker", () -> got.size() > before.size() + 5);
        List<JointState> all = List.copyOf(got);
        assertThat(all.subList(0, before.size())).containsExactlyElementsOf(before);
        List<Double> after = new ArrayList<>();
        for (JointState js : all.subList(before.size(), all.size())) {
          after.add(js.getPosition()[0]);
        }
        assertThat(after.get(0)).isLessThan(lastBefore);
        assertIncreasing(after);
      } finally {
        second.stop();
      }

      // A talker that leaves cleanly unregisters; one with another name is found through the
      // master's publisherUpdate.
      RosHarness.RosProcess third = ros.peer("joint_state_talker.py", "py_ft_other", "/ft/peer");
      try {
        awaitTrue("messages from another talker", () -> !from(got, "py_ft_other").isEmpty());
      } finally {
        third.stop();
      }
    } finally {
      first.stop();
      delos.shutdown();
    }
  }

  @Test
  void nodesReRegisterWithARestartedMasterAndKeepEveryConnection() throws Exception {
    ConnectedNode talker = node("delos_ft_talker");
    ConnectedNode listener = node("delos_ft_listener");
    Publisher<Twist> twists = talker.newPublisher("/ft/twist", Twist.TYPE);
    List<Twist> twistsGot = new CopyOnWriteArrayList<>();
    listener.newSubscriber("/ft/twist", Twist.TYPE).addMessageListener(twistsGot::add);
    List<JointState> statesGot = new CopyOnWriteArrayList<>();
    Subscriber<JointState> states = listener.newSubscriber("/ft/states", JointState.TYPE);
    states.addMessageListener(statesGot::add);
    RosHarness.RosProcess pyTalker =
        ros.peer("joint_state_talker.py", "py_ft_talker", "/ft/states");
    RosHarness.RosProcess pyListener = ros.peer("twist_listener.py", "py_ft_listener", "/ft/twist");

    AtomicBoolean running = new AtomicBoolean(true);
    Thread publishing =
        new Thread(
            () -> {
              double x = 0;
              while (running.get()) {
                Twist t = twists.newMessage();
                t.getLinear().setX(x++);
                twists.publish(t);
                try {
                  Thread.sleep(50);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    publishing.start();
    ConnectedNode late = null;
    ConnectedNode duringOutage = null;
    RosHarness.RosProcess pyTalker2 = null;
    try {
      awaitTrue("twists between Delos nodes", () -> twistsGot.size() >= 5);
      awaitTrue("states from rospy", () -> statesGot.size() >= 5);
      pyListener.awaitOutput("twist ");

      ros.stopMaster();
      int statesAtStop = statesGot.size();
      int twistsAtStop = twistsGot.size();
      int pyLinesAtStop = pyListener.lines().size();
      awaitTrue("the nodes to notice the lost master", () -> !talker.isRegistered());
      // Peer connections do not need the master.
      awaitTrue("states while the master is down", () -> statesGot.size() > statesAtStop + 5);
      awaitTrue("twists while the master is down", () -> twistsGot.size() > twistsAtStop + 5);
      // A subscriber made while the master is down registers once it is back.
      duringOutage = node("delos_ft_outage");
      List<Twist> outageGot = new CopyOnWriteArrayList<>();
      duringOutage.newSubscriber("/ft/twist", Twist.TYPE).addMessageListener(outageGot::add);

      ros.startMaster();
      MasterClient master = talker.getMasterClient();
      awaitTrue(
          "Delos registrations on the new master",
          () -> {
            SystemState s = master.getSystemState();
            return s.publishersOf("/ft/twist").contains("/delos_ft_talker")
                && s.subscribersOf("/ft/twist").contains("/delos_ft_listener")
                && s.subscribersOf("/ft/twist").contains("/delos_ft_outage")
                && s.subscribersOf("/ft/states").contains("/delos_ft_listener");
          });
      awaitTrue("the outage subscriber to receive", () -> outageGot.size() >= 3);

      late = node("delos_ft_late");
      List<Twist> lateGot = new CopyOnWriteArrayList<>();
      late.newSubscriber("/ft/twist", Twist.TYPE).addMessageListener(lateGot::add);
      awaitTrue("a subscriber made after the restart to receive", () -> lateGot.size() >= 3);

      // The first rospy talker never re-registers; a new one does. The Delos subscriber must keep
      // the first connection when the master's update lists only the second talker.
      pyTalker2 = ros.peer("joint_state_talker.py", "py_ft_talker_2", "/ft/states");
      awaitTrue(
          "states from the second rospy talker",
          () -> from(statesGot, "py_ft_talker_2").size() >= 5);
      int fromFirst = from(statesGot, "py_ft_talker").size();
      awaitTrue(
          "more states from the first rospy talker",
          () -> from(statesGot, "py_ft_talker").size() > fromFirst + 5);
      assertThat(states.getNumberOfPublishers()).isEqualTo(2);
      awaitTrue(
          "the rospy listener to keep receiving Delos twists",
          () -> pyListener.lines().size() > pyLinesAtStop + 5);

      // Nothing received was lost or reordered.
      assertIncreasing(from(statesGot, "py_ft_talker"));
      List<Double> xs = new ArrayList<>();
      twistsGot.forEach(t -> xs.add(t.getLinear().getX()));
      assertIncreasing(xs);
    } finally {
      running.set(false);
      publishing.join();
      pyTalker.stop();
      pyListener.stop();
      if (pyTalker2 != null) {
        pyTalker2.stop();
      }
      if (late != null) {
        late.shutdown();
      }
      if (duringOutage != null) {
        duringOutage.shutdown();
      }
      talker.shutdown();
      listener.shutdown();
    }
  }
}
