package io.delos.robots.ros;

import static io.delos.robots.ros.RosHarness.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import io.delos.robots.ros.internal.ConnectionHeader;
import io.delos.robots.ros.internal.Frames;
import io.delos.robots.ros.message.Message;
import io.delos.robots.ros.message.MessageDefinitions;
import io.delos.robots.ros.message.MessageSerializer;
import io.delos.robots.ros.msg.JointState;
import io.delos.robots.ros.msg.Twist;
import java.io.InputStream;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Topics against a real ROS: rospy and rostopic publishers feed Delos subscribers, Delos publishers
 * feed rospy subscribers, a roscpp relay sits in between, latching, several subscribers, and the
 * md5 check with its wildcard.
 */
class RosTopicIT {
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

  @Test
  void aRospyPublisherFeedsADelosSubscriberWithTypedJointStates() {
    ConnectedNode delos = node("delos_js_listener");
    RosHarness.RosProcess talker =
        ros.peer("joint_state_talker.py", "py_js_talker", "/it/joint_states");
    try {
      List<JointState> got = new CopyOnWriteArrayList<>();
      Subscriber<JointState> sub = delos.newSubscriber("/it/joint_states", JointState.TYPE);
      sub.addMessageListener(got::add);
      awaitTrue("5 joint states from rospy", () -> got.size() >= 5);

      JointState last = got.get(got.size() - 1);
      assertThat(last.getName()).containsExactly("a", "b");
      assertThat(last.getPosition()[1]).isEqualTo(-last.getPosition()[0]);
      assertThat(last.getVelocity()).containsExactly(0.5, 0.25);
      assertThat(last.getHeader().getFrameId()).isEqualTo("py_js_talker");
      assertThat(last.getHeader().getStamp().secs()).isGreaterThan(1_600_000_000L);
      assertThat(sub.getNumberOfPublishers()).isEqualTo(1);
    } finally {
      talker.stop();
      delos.shutdown();
    }
  }

  @Test
  void aDelosPublisherFeedsARospySubscriber() throws InterruptedException {
    ConnectedNode delos = node("delos_twist_talker");
    Publisher<Twist> pub = delos.newPublisher("/it/cmd_vel", Twist.TYPE);
    RosHarness.RosProcess listener =
        ros.peer("twist_listener.py", "py_twist_listener", "/it/cmd_vel");
    try {
      awaitTrue("the rospy subscriber to connect", pub::hasSubscribers);
      Twist t = pub.newMessage();
      t.getLinear().setX(0.5);
      t.getAngular().setZ(0.25);
      for (int i = 0; i < 200 && !listener.output().contains("twist 0.5000 0.2500"); i++) {
        pub.publish(t);
        Thread.sleep(50);
      }
      listener.awaitOutput("twist 0.5000 0.2500");
    } finally {
      listener.stop();
      delos.shutdown();
    }
  }

  @Test
  void rostopicPubFeedsADelosSubscriberOfAPlainMessage() {
    ConnectedNode delos = node("delos_string_listener");
    RosHarness.RosProcess pub =
        ros.spawn(
            "rostopic-pub",
            List.of(
                "/usr/bin/rostopic",
                "pub",
                "-r",
                "10",
                "/it/chatter",
                "std_msgs/String",
                "data: hello from rostopic"));
    try {
      List<String> got = new CopyOnWriteArrayList<>();
      delos
          .newSubscriber("/it/chatter", "std_msgs/String")
          .addMessageListener(m -> got.add(m.getString("data")));
      awaitTrue("a string from rostopic", () -> !got.isEmpty());
      assertThat(got.get(0)).isEqualTo("hello from rostopic");
    } finally {
      pub.stop();
      delos.shutdown();
    }
  }

  @Test
  void aRoscppRelayCarriesDelosMessagesToADelosSubscriber() throws InterruptedException {
    ConnectedNode talker = node("delos_relay_talker");
    ConnectedNode listener = node("delos_relay_listener");
    RosHarness.RosProcess relay =
        ros.spawn("relay", List.of("/usr/lib/topic_tools/relay", "/it/relay_in", "/it/relay_out"));
    try {
      Publisher<JointState> pub = talker.newPublisher("/it/relay_in", JointState.TYPE);
      List<JointState> got = new CopyOnWriteArrayList<>();
      awaitTrue("the relay to subscribe", pub::hasSubscribers);
      // The relay advertises its output only after its first message (it learns the type then).
      JointState js = pub.newMessage();
      js.setName(List.of("relayed"));
      js.setPosition(new double[] {1.25});
      Subscriber<JointState> sub = listener.newSubscriber("/it/relay_out", JointState.TYPE);
      sub.addMessageListener(got::add);
      for (int i = 0; i < 1200 && got.isEmpty(); i++) {
        pub.publish(js);
        Thread.sleep(50);
      }
      awaitTrue("a relayed message", () -> !got.isEmpty());
      assertThat(got.get(0).getName()).containsExactly("relayed");
      assertThat(got.get(0).getPosition()).containsExactly(1.25);
    } finally {
      relay.stop();
      talker.shutdown();
      listener.shutdown();
    }
  }

  @Test
  void aLatchedDelosTopicReachesSubscribersThatComeLater() throws InterruptedException {
    ConnectedNode talker = node("delos_latch_talker");
    ConnectedNode late = node("delos_latch_late");
    Publisher<JointState> pub = talker.newPublisher("/it/latched", JointState.TYPE);
    pub.setLatchMode(true);
    JointState js = pub.newMessage();
    js.setName(List.of("latched"));
    js.setPosition(new double[] {7.0});
    pub.publish(js);
    RosHarness.RosProcess py =
        ros.peer("joint_state_listener.py", "py_latch_listener", "/it/latched");
    try {
      py.awaitOutput("names latched position 7.0000");
      List<JointState> got = new CopyOnWriteArrayList<>();
      Subscriber<JointState> sub = late.newSubscriber("/it/latched", JointState.TYPE);
      // The latched message arrives with the connection, before any listener: it is kept for the
      // first one.
      awaitTrue("the connection", () -> sub.getNumberOfPublishers() == 1);
      Thread.sleep(300);
      sub.addMessageListener(got::add);
      awaitTrue("the latched message", () -> !got.isEmpty());
      assertThat(got.get(0).getPosition()).containsExactly(7.0);
    } finally {
      py.stop();
      talker.shutdown();
      late.shutdown();
    }
  }

  @Test
  void aLatchedRospyTopicReachesADelosSubscriberThatComesLater() {
    RosHarness.RosProcess py =
        ros.peer("joint_state_talker.py", "py_latch_talker", "/it/py_latched", "latch");
    ConnectedNode delos = node("delos_py_latch_listener");
    try {
      py.awaitOutput("published latched");
      List<JointState> got = new CopyOnWriteArrayList<>();
      delos.newSubscriber("/it/py_latched", JointState.TYPE).addMessageListener(got::add);
      awaitTrue("the latched rospy message", () -> !got.isEmpty());
      assertThat(got.get(0).getName()).containsExactly("latched");
      assertThat(got.get(0).getPosition()).containsExactly(42.0);
    } finally {
      py.stop();
      delos.shutdown();
    }
  }

  @Test
  void severalSubscribersReceiveTheSameStream() throws InterruptedException {
    ConnectedNode talker = node("delos_fan_talker");
    ConnectedNode delosListener = node("delos_fan_listener");
    Publisher<Twist> pub = talker.newPublisher("/it/fan", Twist.TYPE);
    RosHarness.RosProcess py1 = ros.peer("twist_listener.py", "py_fan_1", "/it/fan");
    RosHarness.RosProcess py2 = ros.peer("twist_listener.py", "py_fan_2", "/it/fan");
    try {
      List<Twist> got = new CopyOnWriteArrayList<>();
      delosListener.newSubscriber("/it/fan", Twist.TYPE).addMessageListener(got::add);
      awaitTrue("three subscribers", () -> pub.getNumberOfSubscribers() == 3);
      Twist t = pub.newMessage();
      t.getLinear().setX(3.0);
      for (int i = 0; i < 400; i++) {
        pub.publish(t);
        if (!got.isEmpty()
            && py1.output().contains("twist 3.0000")
            && py2.output().contains("twist 3.0000")) {
          break;
        }
        Thread.sleep(50);
      }
      py1.awaitOutput("twist 3.0000");
      py2.awaitOutput("twist 3.0000");
      awaitTrue("the Delos subscriber's copy", () -> !got.isEmpty());
    } finally {
      py1.stop();
      py2.stop();
      talker.shutdown();
      delosListener.shutdown();
    }
  }

  @Test
  void aSubscriberWithAnotherMd5GetsAnErrorHeaderAndTheWildcardGetsTheDefinition()
      throws Exception {
    ConnectedNode talker = node("delos_md5_talker");
    try {
      Publisher<Twist> pub = talker.newPublisher("/it/md5", Twist.TYPE);
      List<?> endpoint =
          (List<?>)
              ((List<?>)
                      new io.delos.robots.ros.internal.XmlRpcClient(
                              java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(5))
                          .call(
                              talker.getUri(),
                              "requestTopic",
                              "/raw",
                              "/it/md5",
                              List.of(List.of("TCPROS"))))
                  .get(2);
      String host = (String) endpoint.get(1);
      int port = (Integer) endpoint.get(2);

      try (Socket s = new Socket(host, port)) {
        ConnectionHeader.write(
            s.getOutputStream(),
            Map.of(
                "callerid",
                "/raw",
                "topic",
                "/it/md5",
                "md5sum",
                "0123456789abcdef0123456789abcdef",
                "type",
                "geometry_msgs/Twist"));
        Map<String, String> answer = ConnectionHeader.read(s.getInputStream());
        assertThat(answer).containsOnlyKeys("error");
        assertThat(answer.get("error")).contains("9f195f881246fdfa2798d1d3eebca84a");
        assertThat(s.getInputStream().read()).isEqualTo(-1);
      }

      try (Socket s = new Socket(host, port)) {
        ConnectionHeader.write(
            s.getOutputStream(),
            Map.of(
                "callerid",
                "/raw",
                "topic",
                "/it/md5",
                "md5sum",
                "*",
                "type",
                "*",
                "tcp_nodelay",
                "1"));
        InputStream in = s.getInputStream();
        Map<String, String> answer = ConnectionHeader.read(in);
        assertThat(answer)
            .containsEntry("type", "geometry_msgs/Twist")
            .containsEntry("md5sum", "9f195f881246fdfa2798d1d3eebca84a")
            .containsEntry("latching", "0")
            .containsEntry(
                "message_definition",
                MessageDefinitions.builtIn().message("geometry_msgs/Twist").definition());
        awaitTrue("the raw subscriber to count", () -> pub.getNumberOfSubscribers() == 1);
        Twist t = pub.newMessage();
        t.getAngular().setZ(-1.5);
        pub.publish(t);
        Message back =
            MessageSerializer.deserialize(
                MessageDefinitions.builtIn().message("geometry_msgs/Twist"), Frames.readFrame(in));
        assertThat(back.getMessage("angular").getDouble("z")).isEqualTo(-1.5);
      }
    } finally {
      talker.shutdown();
    }
  }

  @Test
  void theMasterListsDelosRegistrationsAndForgetsThemAtShutdown() {
    ConnectedNode delos = node("delos_registrations");
    MasterClient master = delos.getMasterClient();
    delos.newPublisher("/it/reg_pub", Twist.TYPE);
    delos.newSubscriber("/it/reg_sub", JointState.TYPE);
    SystemState state = master.getSystemState();
    assertThat(state.publishersOf("/it/reg_pub")).contains("/delos_registrations");
    assertThat(state.subscribersOf("/it/reg_sub")).contains("/delos_registrations");
    assertThat(master.getTopicTypes())
        .contains(new TopicType("/it/reg_pub", "geometry_msgs/Twist"));
    assertThat(master.getPublishedTopics(""))
        .contains(new TopicType("/it/reg_pub", "geometry_msgs/Twist"));
    assertThat(master.lookupNode("/delos_registrations")).isEqualTo(delos.getUri());
    String info = ros.run("rostopic-info", List.of("/usr/bin/rostopic", "info", "/it/reg_pub"));
    assertThat(info).contains("geometry_msgs/Twist").contains("/delos_registrations");

    delos.shutdown();
    SystemState after = master.getSystemState();
    assertThat(after.publishersOf("/it/reg_pub")).doesNotContain("/delos_registrations");
    assertThat(after.subscribersOf("/it/reg_sub")).doesNotContain("/delos_registrations");
  }
}
