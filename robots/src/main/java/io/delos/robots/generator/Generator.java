package io.delos.robots.generator;

import io.delos.robots.Seeds;
import io.delos.robots.catalogue.Catalogue;
import io.delos.robots.catalogue.RobotSystem;
import io.delos.sim.json.Json;
import io.delos.sim.json.JsonValue;
import io.delos.sim.morphology.Morphology;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The procedural generator: from a seed, a fixed list of robot systems across the ten families,
 * varying topology (chain length, number and placement of limbs or rotors) and physical parameters
 * within the ranges of its resource file {@code io/delos/robots/generator/generator.json}.
 *
 * <p>System ids read {@code <family>-<topology>-v<NN>}, for example {@code walker-5link-v07}, where
 * NN is the variant's index within its family. The same seed always gives the same systems, with
 * equal morphologies: each variant draws from its own generator seeded by {@link Seeds#derive}
 * (seed, family index, variant index).
 */
public final class Generator {
  /** The generator file's format name. */
  public static final String FORMAT = "delos-generator";

  /** The only generator file version this code reads. */
  public static final int VERSION = 1;

  private static final String RESOURCE = "/io/delos/robots/generator/generator.json";

  private final JsonValue root;

  private Generator(JsonValue root) {
    this.root = root;
    root.allowOnly("format", "version", "notes", "defaultSeed", "families");
    String format = root.get("format").asString();
    if (!format.equals(FORMAT)) {
      throw root.get("format").error("is \"" + format + "\": expected \"" + FORMAT + "\"");
    }
    int version = root.get("version").asInt();
    if (version != VERSION) {
      throw root.get("version")
          .error("version " + version + " is not supported; this Delos reads version " + VERSION);
    }
    for (String f : root.get("families").fields()) {
      Families.get(f);
    }
  }

  /** The generator with the ranges shipped in this module. */
  public static Generator standard() {
    try (InputStream in = Generator.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("generator resource " + RESOURCE + " is missing");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "generator.json");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A generator reading its ranges from {@code text}; {@code source} names it in messages. */
  public static Generator parse(String text, String source) {
    return new Generator(Json.parse(text, source));
  }

  /** The seed the shipped split was made with. */
  public long defaultSeed() {
    return root.get("defaultSeed").asLong();
  }

  /** The ranges of {@code family}. */
  public Ranges ranges(String family) {
    return new Ranges(root.get("families").get(family));
  }

  /** Every generated system for {@code seed}, family by family, variants in index order. */
  public List<GeneratedSystem> generate(long seed) {
    List<GeneratedSystem> out = new ArrayList<>();
    List<Family> families = Families.all();
    for (int f = 0; f < families.size(); f++) {
      Family family = families.get(f);
      JsonValue fv = root.get("families").opt(family.name());
      if (fv == null) {
        continue;
      }
      Ranges ranges = new Ranges(fv);
      List<Integer> topologies = family.topologies(ranges);
      int count = ranges.integer("count");
      for (int v = 0; v < count; v++) {
        int topology = topologies.get(v % topologies.size());
        String id = String.format("%s-%s-v%02d", family.name(), family.tag(topology), v);
        SplittableRandom random = new SplittableRandom(Seeds.derive(seed, f, v));
        Morphology m = family.generate(id, topology, ranges, random);
        RobotSystem system =
            new RobotSystem(
                id, family.name(), m, List.of(ExploreTask.of(family.name(), m, fv.get("explore"))));
        out.add(new GeneratedSystem(system, topology, family.tag(topology), role(fv, topology)));
      }
    }
    return out;
  }

  /**
   * The split of the catalogue systems and the systems generated from {@code seed}. A catalogue
   * system takes the role of its topology, so no held-out topology leaks into training.
   */
  public Split split(long seed) {
    List<Split.Entry> entries = new ArrayList<>();
    for (RobotSystem s : Catalogue.systems()) {
      int topology = Catalogue.topology(s.family());
      entries.add(
          new Split.Entry(
              s.id(),
              s.family(),
              Families.get(s.family()).tag(topology),
              role(s.family(), topology),
              s.observationSize(),
              s.actionSize()));
    }
    for (GeneratedSystem g : generate(seed)) {
      entries.add(
          new Split.Entry(
              g.id(),
              g.system().family(),
              g.tag(),
              g.role(),
              g.system().observationSize(),
              g.system().actionSize()));
    }
    return new Split(seed, entries);
  }

  /** The split role of systems of {@code family} with {@code topology}. */
  public Split.Role role(String family, int topology) {
    JsonValue fv = root.get("families").opt(family);
    return fv == null ? Split.Role.TRAINING : role(fv, topology);
  }

  private static Split.Role role(JsonValue family, int topology) {
    for (JsonValue t : family.get("fewShot").asArray()) {
      if (t.asInt() == topology) {
        return Split.Role.FEW_SHOT;
      }
    }
    for (JsonValue t : family.get("zeroShot").asArray()) {
      if (t.asInt() == topology) {
        return Split.Role.ZERO_SHOT;
      }
    }
    return Split.Role.TRAINING;
  }
}
