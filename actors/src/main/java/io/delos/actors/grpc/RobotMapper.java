package io.delos.actors.grpc;

import io.delos.actors.robot.RobotSystemActor;
import io.delos.proto.v1.Actuator;
import io.delos.proto.v1.Body;
import io.delos.proto.v1.ChannelInfo;
import io.delos.proto.v1.Joint;
import io.delos.proto.v1.JointType;
import io.delos.proto.v1.Morphology;
import io.delos.proto.v1.Observation;
import io.delos.proto.v1.Sensor;
import io.delos.proto.v1.SystemDescription;
import io.delos.proto.v1.SystemInfo;
import io.delos.proto.v1.Tensor;
import io.delos.robots.catalogue.RobotSystem;
import io.delos.robots.format.MorphologyFormat;
import io.delos.sim.Channel;
import io.delos.sim.Vec;
import io.delos.sim.morphology.ActuatorSpec;
import io.delos.sim.morphology.BodySpec;
import io.delos.sim.morphology.BodyTree;
import io.delos.sim.morphology.JointSpec;
import io.delos.sim.morphology.ObservationChannel;
import io.delos.sim.morphology.SensorSpec;
import io.delos.sim.task.TaskSpec;
import java.util.List;

/** Converts between the robot protocol of the actors and {@code delos.v1} robot messages. */
final class RobotMapper {
  private static final List<String> CHANNEL = List.of("channel");

  private RobotMapper() {}

  static SystemInfo info(RobotSystemActor.Status s) {
    return SystemInfo.newBuilder()
        .setSystemId(s.systemId())
        .setFamily(s.family())
        .setObservationSize(s.observationSize())
        .setActionSize(s.actionSize())
        .setControlPeriod(s.controlPeriod())
        .setSteps(s.steps())
        .setEpisodes(s.episodes())
        .setFailures(s.failures())
        .build();
  }

  /**
   * The description of a robot.
   *
   * @param s its status
   * @param system its catalogue entry, or null when the family is not in the catalogue
   */
  static SystemDescription description(RobotSystemActor.Status s, RobotSystem system) {
    SystemDescription.Builder b = SystemDescription.newBuilder().setInfo(info(s));
    if (system == null) {
      return b.build();
    }
    io.delos.sim.morphology.Morphology m = system.morphology();
    for (ObservationChannel oc : m.observationChannels()) {
      b.addObservationChannels(
          channel(oc.channel())
              .setKind(oc.kind().name())
              .setBody(oc.body())
              .setSource(oc.sensor()));
    }
    for (ActuatorSpec a : m.actuators()) {
      Channel c = m.actionSpace().channel(m.actionSpace().indexOf(a.name()));
      b.addActionChannels(channel(c).setBody(a.bodyOf(m)).setSource(a.name()));
    }
    b.setMorphology(morphology(m));
    for (TaskSpec t : system.tasks()) {
      b.addTasks(t.name());
    }
    return b.build();
  }

  private static ChannelInfo.Builder channel(Channel c) {
    return ChannelInfo.newBuilder()
        .setName(c.name())
        .setUnit(c.unit())
        .setLow(c.low())
        .setHigh(c.high());
  }

  static Morphology morphology(io.delos.sim.morphology.Morphology m) {
    Morphology.Builder b =
        Morphology.newBuilder()
            .setName(m.name())
            .setGravityX(m.world().gravity().x())
            .setGravityY(m.world().gravity().y())
            .setMorphologyJson(MorphologyFormat.write(m));
    BodyTree tree = m.bodyTree();
    for (int i = 0; i < m.bodies().size(); i++) {
      BodySpec body = m.bodies().get(i);
      int id = tree.objectId(body.name());
      b.addBodies(
          Body.newBuilder()
              .setName(body.name())
              .setMass(body.mass())
              .setObjectId(id)
              .setPreOrder(tree.preOrder(id))
              .setInOrder(tree.inOrder(id))
              .setPostOrder(tree.postOrder(id))
              .setParent(tree.parent(id)));
    }
    for (JointSpec j : m.joints()) {
      b.addJoints(
          Joint.newBuilder()
              .setName(j.name())
              .setType(
                  j.type() == io.delos.sim.morphology.JointType.REVOLUTE
                      ? JointType.JOINT_TYPE_REVOLUTE
                      : JointType.JOINT_TYPE_PRISMATIC)
              .setParent(j.parent())
              .setChild(j.child())
              .setLower(j.lower())
              .setUpper(j.upper()));
    }
    for (ActuatorSpec a : m.actuators()) {
      b.addActuators(
          Actuator.newBuilder()
              .setName(a.name())
              .setBody(a.bodyOf(m))
              .setLow(a.low())
              .setHigh(a.high())
              .setUnit(a.unit()));
    }
    for (SensorSpec s : m.sensors()) {
      b.addSensors(Sensor.newBuilder().setName(s.name()).setKind(s.getClass().getSimpleName()));
    }
    return b.build();
  }

  static Observation observation(RobotSystemActor.Observed o) {
    return Observation.newBuilder()
        .setSystemId(o.systemId())
        .setStep(o.step())
        .setEpisode(o.episode())
        .setTime(o.time())
        .setObservation(vector(o.observation()))
        .setReward(o.reward())
        .setFlags(o.flags())
        .build();
  }

  /**
   * The observation a controller gets, with the reward, flags and episode of the subscriber's view
   * of the same step when {@code same} is that step's, else none.
   */
  static Observation observation(
      RobotSystemActor.ObservationUpdate u, RobotSystemActor.Observed same) {
    Observation.Builder b =
        Observation.newBuilder()
            .setSystemId(u.systemId())
            .setStep(u.step())
            .setTime(u.time())
            .setObservation(vector(u.observation()));
    if (same != null && same.step() == u.step()) {
      b.setEpisode(same.episode()).setReward(same.reward()).setFlags(same.flags());
    }
    return b.build();
  }

  static Tensor vector(Vec v) {
    Tensor.Builder b = Tensor.newBuilder().addShape(v.size()).addAllDims(CHANNEL);
    for (int i = 0; i < v.size(); i++) {
      b.addData((float) v.get(i));
    }
    return b.build();
  }
}
