package io.delos.robots.generator;

import io.delos.sim.morphology.Morphology;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One family of robots the generator varies: its topologies (chain lengths, limb or rotor counts)
 * and, within a topology, its physical parameters.
 *
 * <p>Implementations are stateless; every random choice comes from the generator passed in, so the
 * same seed gives the same robots.
 */
public interface Family {
  /** Family name, for example {@code "walker"}. */
  String name();

  /**
   * The topologies this family can build, for example link counts {@code [4, 5, 6, 7]}.
   *
   * @param ranges the family's parameter ranges
   */
  List<Integer> topologies(Ranges ranges);

  /** The tag a topology gets in system ids, for example {@code "5link"}. */
  String tag(int topology);

  /**
   * Builds one robot of {@code topology} with physical parameters drawn from {@code ranges}.
   *
   * @param name the robot's name (its system id)
   * @param topology one of {@link #topologies}
   * @param ranges the family's parameter ranges
   * @param random the variant's own seeded generator
   */
  Morphology generate(String name, int topology, Ranges ranges, SplittableRandom random);
}
