package io.delos.robots.generator;

import io.delos.robots.catalogue.Catalogue;
import io.delos.robots.catalogue.RobotSystem;
import java.util.ArrayList;
import java.util.List;

/**
 * Every system Delos knows by id: the catalogue robots (ids are family names) and the systems the
 * standard generator makes from its default seed.
 *
 * <p>Threading: safe; the list is built once.
 */
public final class Systems {
  private static volatile List<RobotSystem> all;

  private Systems() {}

  /** Catalogue systems first (sorted by family), then generated ones in generator order. */
  public static List<RobotSystem> all() {
    List<RobotSystem> a = all;
    if (a == null) {
      synchronized (Systems.class) {
        if (all == null) {
          List<RobotSystem> out = new ArrayList<>(Catalogue.systems());
          Generator g = Generator.standard();
          for (GeneratedSystem s : g.generate(g.defaultSeed())) {
            out.add(s.system());
          }
          all = List.copyOf(out);
        }
        a = all;
      }
    }
    return a;
  }

  /**
   * The system with {@code id}.
   *
   * @throws IllegalArgumentException naming the id and a few known ones
   */
  public static RobotSystem get(String id) {
    for (RobotSystem s : all()) {
      if (s.id().equals(id)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "no system '"
            + id
            + "'; catalogue systems are "
            + Catalogue.families()
            + ", generated ones look like walker-5link-v01 ('delos systems' lists all)");
  }
}
