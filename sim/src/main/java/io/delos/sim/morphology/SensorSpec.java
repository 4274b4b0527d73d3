package io.delos.sim.morphology;

import io.delos.sim.Channel;
import java.util.List;
import java.util.Objects;

/**
 * A sensor; each produces one or more observation channels, in the order the sensors are listed.
 */
public sealed interface SensorSpec {
  /** Unique name; channel names start with it. */
  String name();

  /** The channels this sensor produces, in order. */
  List<ObservationChannel> channels(Morphology morphology);

  /**
   * A joint's coordinate.
   *
   * @param name sensor name
   * @param joint joint name
   * @param encoding raw or sin/cos (sin/cos only for revolute joints)
   */
  record JointPosition(String name, String joint, AngleEncoding encoding) implements SensorSpec {
    /** Validates the sensor. */
    public JointPosition {
      Checks.name("sensor.name", name);
      Checks.name("sensor '" + name + "' joint", joint);
      Objects.requireNonNull(encoding, "sensor '" + name + "' encoding");
    }

    @Override
    public List<ObservationChannel> channels(Morphology m) {
      JointSpec j = m.joint(joint);
      if (encoding == AngleEncoding.SIN_COS) {
        if (j.type() != JointType.REVOLUTE) {
          throw new IllegalArgumentException(
              "sensor '"
                  + name
                  + "' asks sin/cos of prismatic joint '"
                  + joint
                  + "': use encoding RAW");
        }
        return List.of(
            new ObservationChannel(
                new Channel(name + ".sin", "1", -1, 1),
                ChannelKind.JOINT_ANGLE_SIN,
                j.child(),
                name),
            new ObservationChannel(
                new Channel(name + ".cos", "1", -1, 1),
                ChannelKind.JOINT_ANGLE_COS,
                j.child(),
                name));
      }
      return List.of(
          new ObservationChannel(
              Channel.unbounded(name, j.unit()), ChannelKind.JOINT_POSITION, j.child(), name));
    }
  }

  /**
   * A joint's speed.
   *
   * @param name sensor name
   * @param joint joint name
   */
  record JointVelocity(String name, String joint) implements SensorSpec {
    /** Validates the sensor. */
    public JointVelocity {
      Checks.name("sensor.name", name);
      Checks.name("sensor '" + name + "' joint", joint);
    }

    @Override
    public List<ObservationChannel> channels(Morphology m) {
      JointSpec j = m.joint(joint);
      return List.of(
          new ObservationChannel(
              Channel.unbounded(name, j.unit() + "/s"),
              ChannelKind.JOINT_VELOCITY,
              j.child(),
              name));
    }
  }

  /**
   * A body's pose in the world frame: x, y and the angle.
   *
   * @param name sensor name
   * @param body body name
   * @param includePosition whether x and y are reported (false gives the angle only)
   * @param encoding raw or sin/cos angle
   */
  record BodyPose(String name, String body, boolean includePosition, AngleEncoding encoding)
      implements SensorSpec {
    /** Validates the sensor. */
    public BodyPose {
      Checks.name("sensor.name", name);
      Checks.name("sensor '" + name + "' body", body);
      Objects.requireNonNull(encoding, "sensor '" + name + "' encoding");
    }

    @Override
    public List<ObservationChannel> channels(Morphology m) {
      m.body(body);
      List<ObservationChannel> out = new java.util.ArrayList<>();
      if (includePosition) {
        out.add(ch(name + ".x", "m", ChannelKind.BODY_POSITION));
        out.add(ch(name + ".y", "m", ChannelKind.BODY_POSITION));
      }
      if (encoding == AngleEncoding.SIN_COS) {
        out.add(
            new ObservationChannel(
                new Channel(name + ".sin", "1", -1, 1), ChannelKind.BODY_ANGLE_SIN, body, name));
        out.add(
            new ObservationChannel(
                new Channel(name + ".cos", "1", -1, 1), ChannelKind.BODY_ANGLE_COS, body, name));
      } else {
        out.add(
            new ObservationChannel(
                new Channel(name + ".angle", "rad", -Math.PI, Math.PI),
                ChannelKind.BODY_ANGLE,
                body,
                name));
      }
      return out;
    }

    private ObservationChannel ch(String n, String unit, ChannelKind kind) {
      return new ObservationChannel(Channel.unbounded(n, unit), kind, body, name);
    }
  }

  /**
   * A body's velocity: vx, vy (world frame, or body frame when {@code bodyFrame}) and ω.
   *
   * @param name sensor name
   * @param body body name
   * @param bodyFrame report the linear velocity in the body frame instead of the world frame
   */
  record BodyVelocity(String name, String body, boolean bodyFrame) implements SensorSpec {
    /** Validates the sensor. */
    public BodyVelocity {
      Checks.name("sensor.name", name);
      Checks.name("sensor '" + name + "' body", body);
    }

    @Override
    public List<ObservationChannel> channels(Morphology m) {
      m.body(body);
      return List.of(
          new ObservationChannel(
              Channel.unbounded(name + ".vx", "m/s"), ChannelKind.BODY_VELOCITY, body, name),
          new ObservationChannel(
              Channel.unbounded(name + ".vy", "m/s"), ChannelKind.BODY_VELOCITY, body, name),
          new ObservationChannel(
              Channel.unbounded(name + ".omega", "rad/s"),
              ChannelKind.BODY_ANGULAR_VELOCITY,
              body,
              name));
    }
  }

  /**
   * An inertial measurement unit: specific force (ax, ay) in the body frame and angular rate.
   *
   * @param name sensor name
   * @param body body it is mounted on
   * @param point mounting point in the body frame
   */
  record Imu(String name, String body, Point point) implements SensorSpec {
    /** Validates the sensor. */
    public Imu {
      Checks.name("sensor.name", name);
      Checks.name("sensor '" + name + "' body", body);
      Objects.requireNonNull(point, "sensor '" + name + "' point");
    }

    @Override
    public List<ObservationChannel> channels(Morphology m) {
      m.body(body);
      return List.of(
          new ObservationChannel(
              Channel.unbounded(name + ".ax", "m/s^2"), ChannelKind.IMU_ACCELERATION, body, name),
          new ObservationChannel(
              Channel.unbounded(name + ".ay", "m/s^2"), ChannelKind.IMU_ACCELERATION, body, name),
          new ObservationChannel(
              Channel.unbounded(name + ".gyro", "rad/s"),
              ChannelKind.IMU_ANGULAR_RATE,
              body,
              name));
    }
  }

  /**
   * A contact switch: 1 when the body touches anything that is not part of the robot.
   *
   * @param name sensor name
   * @param body body name
   */
  record Contact(String name, String body) implements SensorSpec {
    /** Validates the sensor. */
    public Contact {
      Checks.name("sensor.name", name);
      Checks.name("sensor '" + name + "' body", body);
    }

    @Override
    public List<ObservationChannel> channels(Morphology m) {
      m.body(body);
      return List.of(
          new ObservationChannel(new Channel(name, "1", 0, 1), ChannelKind.CONTACT, body, name));
    }
  }

  /**
   * A range finder: distance along a ray fixed to a body to the first thing outside the robot.
   *
   * @param name sensor name
   * @param body body it is mounted on
   * @param point ray origin in the body frame
   * @param angle ray direction in the body frame, radians from the body x axis
   * @param maxRange longest distance measured, metres, > 0
   */
  record Range(String name, String body, Point point, double angle, double maxRange)
      implements SensorSpec {
    /** Validates the sensor. */
    public Range {
      Checks.name("sensor.name", name);
      Checks.name("sensor '" + name + "' body", body);
      Objects.requireNonNull(point, "sensor '" + name + "' point");
      Checks.finite("sensor '" + name + "' angle", angle, "rad");
      Checks.positive("sensor '" + name + "' maxRange", maxRange, "m");
    }

    @Override
    public List<ObservationChannel> channels(Morphology m) {
      m.body(body);
      return List.of(
          new ObservationChannel(
              new Channel(name, "m", 0, maxRange), ChannelKind.RANGE, body, name));
    }
  }

  /**
   * The effort an actuator applied during the last step.
   *
   * @param name sensor name
   * @param actuator actuator name
   */
  record ActuatorEffort(String name, String actuator) implements SensorSpec {
    /** Validates the sensor. */
    public ActuatorEffort {
      Checks.name("sensor.name", name);
      Checks.name("sensor '" + name + "' actuator", actuator);
    }

    @Override
    public List<ObservationChannel> channels(Morphology m) {
      ActuatorSpec a = m.actuator(actuator);
      return List.of(
          new ObservationChannel(
              Channel.unbounded(name, "N·m or N"), ChannelKind.ACTUATOR_EFFORT, a.bodyOf(m), name));
    }
  }
}
