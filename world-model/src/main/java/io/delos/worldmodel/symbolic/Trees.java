package io.delos.worldmodel.symbolic;

import java.util.ArrayList;
import java.util.List;

/** Addressing nodes of an {@link Expr} by path (child indices from the root). */
final class Trees {
  private Trees() {}

  /** Every node's path, root first (pre-order). */
  static List<int[]> paths(Expr e) {
    List<int[]> out = new ArrayList<>();
    collect(e, new int[0], out);
    return out;
  }

  private static void collect(Expr e, int[] prefix, List<int[]> out) {
    out.add(prefix);
    List<Expr> cs = e.children();
    for (int i = 0; i < cs.size(); i++) {
      int[] p = new int[prefix.length + 1];
      System.arraycopy(prefix, 0, p, 0, prefix.length);
      p[prefix.length] = i;
      collect(cs.get(i), p, out);
    }
  }

  /** The node at {@code path}. */
  static Expr get(Expr e, int[] path) {
    Expr at = e;
    for (int i : path) {
      at = at.children().get(i);
    }
    return at;
  }

  /** {@code e} with the node at {@code path} replaced by {@code replacement}. */
  static Expr replace(Expr e, int[] path, Expr replacement) {
    return replace(e, path, 0, replacement);
  }

  private static Expr replace(Expr e, int[] path, int depth, Expr replacement) {
    if (depth == path.length) {
      return replacement;
    }
    List<Expr> cs = new ArrayList<>(e.children());
    cs.set(path[depth], replace(cs.get(path[depth]), path, depth + 1, replacement));
    return e.withChildren(cs);
  }
}
