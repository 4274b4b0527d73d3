package io.delos.worldmodel.sequence;

import io.delos.sim.json.JsonValue;
import io.delos.sim.morphology.BodyTree;
import io.delos.sim.morphology.Morphology;
import io.delos.sim.morphology.ObservationChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a multi-system world model needs to know about one robot system: its observation and action
 * channels, in vector order, each with the body it measures or actuates and that body's place in
 * the body tree.
 *
 * <p>WestWorld's structural embedding (Wang et al., ICML 2026, §3.2) gives each channel the
 * embedding of its body: the body's object id and its pre-, in- and post-order ranks in the
 * left-child-right-sibling form of the kinematic tree ({@link BodyTree}).
 *
 * @param id system id
 * @param observations observation channels, in vector order
 * @param actions action channels, in vector order
 */
public record SystemLayout(String id, List<ChannelInfo> observations, List<ChannelInfo> actions) {
  /** Validates the layout. */
  public SystemLayout {
    Objects.requireNonNull(id, "id");
    observations = List.copyOf(observations);
    actions = List.copyOf(actions);
    if (observations.isEmpty()) {
      throw new IllegalArgumentException("system '" + id + "' has no observation channel");
    }
  }

  /**
   * The place of one body in the body tree.
   *
   * @param objectId the body's index in its morphology
   * @param preOrder pre-order rank in the left-child-right-sibling tree, 0-based
   * @param inOrder in-order rank
   * @param postOrder post-order rank
   */
  public record BodyRanks(int objectId, int preOrder, int inOrder, int postOrder) {
    /** Validates the ranks. */
    public BodyRanks {
      if (objectId < 0 || preOrder < 0 || inOrder < 0 || postOrder < 0) {
        throw new IllegalArgumentException(
            "body ranks must be >= 0, got id "
                + objectId
                + ", pre "
                + preOrder
                + ", in "
                + inOrder
                + ", post "
                + postOrder);
      }
    }

    /** The largest of the four numbers. */
    public int max() {
      return Math.max(Math.max(objectId, preOrder), Math.max(inOrder, postOrder));
    }
  }

  /**
   * One channel.
   *
   * @param name channel name
   * @param body the body's name
   * @param ranks the body's place in the tree
   */
  public record ChannelInfo(String name, String body, BodyRanks ranks) {
    /** Validates the channel. */
    public ChannelInfo {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(ranks, "ranks");
    }
  }

  /**
   * The layout of a morphology: observation channels map to the bodies they measure (the child body
   * for joint channels), action channels to the bodies their actuators drive.
   *
   * @param id system id
   * @param morphology the robot
   */
  public static SystemLayout of(String id, Morphology morphology) {
    BodyTree tree = morphology.bodyTree();
    List<ChannelInfo> obs = new ArrayList<>();
    for (ObservationChannel c : morphology.observationChannels()) {
      obs.add(new ChannelInfo(c.channel().name(), c.body(), ranks(tree, c.body())));
    }
    List<ChannelInfo> act = new ArrayList<>();
    List<String> bodies = morphology.actionBodies();
    for (int i = 0; i < bodies.size(); i++) {
      String name = morphology.actuators().get(i).name();
      act.add(new ChannelInfo(name, bodies.get(i), ranks(tree, bodies.get(i))));
    }
    return new SystemLayout(id, obs, act);
  }

  private static BodyRanks ranks(BodyTree tree, String body) {
    int id = tree.objectId(body);
    return new BodyRanks(id, tree.preOrder(id), tree.inOrder(id), tree.postOrder(id));
  }

  /** Number of observation channels. */
  public int observationSize() {
    return observations.size();
  }

  /** Number of action channels. */
  public int actionSize() {
    return actions.size();
  }

  /** The largest rank or object id of any channel's body. */
  public int maxRank() {
    int m = 0;
    for (ChannelInfo c : observations) {
      m = Math.max(m, c.ranks().max());
    }
    for (ChannelInfo c : actions) {
      m = Math.max(m, c.ranks().max());
    }
    return m;
  }

  /** The layout as plain maps and lists for JSON. */
  public Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", id);
    out.put("observations", channelsJson(observations));
    out.put("actions", channelsJson(actions));
    return out;
  }

  private static List<Object> channelsJson(List<ChannelInfo> channels) {
    List<Object> out = new ArrayList<>();
    for (ChannelInfo c : channels) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", c.name());
      m.put("body", c.body());
      BodyRanks r = c.ranks();
      m.put("ranks", List.of(r.objectId(), r.preOrder(), r.inOrder(), r.postOrder()));
      out.add(m);
    }
    return out;
  }

  /** Reads a layout written by {@link #toJson}. */
  public static SystemLayout fromJson(JsonValue v) {
    v.allowOnly("id", "observations", "actions");
    return new SystemLayout(
        v.get("id").asString(), channels(v.get("observations")), channels(v.get("actions")));
  }

  private static List<ChannelInfo> channels(JsonValue v) {
    List<ChannelInfo> out = new ArrayList<>();
    for (JsonValue c : v.asArray()) {
      c.allowOnly("name", "body", "ranks");
      double[] r = c.get("ranks").asDoubles(4);
      out.add(
          new ChannelInfo(
              c.get("name").asString(),
              c.get("body").asString(),
              new BodyRanks((int) r[0], (int) r[1], (int) r[2], (int) r[3])));
    }
    return out;
  }
}
