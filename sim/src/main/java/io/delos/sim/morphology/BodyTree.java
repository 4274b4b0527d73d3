package io.delos.sim.morphology;

import java.util.ArrayList;
import java.util.List;

/**
 * The body tree of a morphology in left-child-right-sibling form, with each body's traversal ranks.
 *
 * <p>WestWorld's structural embedding (Wang et al., ICML 2026, §3.2) turns the kinematic tree into
 * a binary tree: a body's first child becomes its left child and its next sibling its right child;
 * the roots (bodies with no parent joint) are siblings in body order. Each body then gets its
 * pre-order, in-order and post-order rank in that binary tree (0-based), and its object id, which
 * is its index in {@link Morphology#bodies()}.
 */
public final class BodyTree {
  private final List<String> names;
  private final int[] leftChild;
  private final int[] rightSibling;
  private final int[] parent;
  private final int root;
  private final int[] preOrder;
  private final int[] inOrder;
  private final int[] postOrder;

  private BodyTree(Morphology m) {
    int n = m.bodies().size();
    names = m.bodies().stream().map(BodySpec::name).toList();
    leftChild = new int[n];
    rightSibling = new int[n];
    parent = new int[n];
    java.util.Arrays.fill(leftChild, -1);
    java.util.Arrays.fill(rightSibling, -1);
    java.util.Arrays.fill(parent, -1);
    // Children in body order, so the tree does not depend on the order joints are listed in.
    List<List<Integer>> children = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      children.add(new ArrayList<>());
    }
    List<Integer> roots = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      JointSpec j = m.parentJoint(names.get(i));
      if (j == null || j.parent().equals(JointSpec.WORLD)) {
        roots.add(i);
      } else {
        int p = m.bodyIndex(j.parent());
        parent[i] = p;
        children.get(p).add(i);
      }
    }
    for (int i = 0; i < n; i++) {
      link(children.get(i), i);
    }
    link(roots, -1);
    root = roots.get(0);
    preOrder = new int[n];
    inOrder = new int[n];
    postOrder = new int[n];
    int[] counters = new int[3];
    walk(root, counters);
  }

  private void link(List<Integer> siblings, int owner) {
    for (int k = 0; k < siblings.size(); k++) {
      if (k == 0 && owner >= 0) {
        leftChild[owner] = siblings.get(0);
      }
      if (k + 1 < siblings.size()) {
        rightSibling[siblings.get(k)] = siblings.get(k + 1);
      }
    }
  }

  // Iterative traversal would avoid deep recursion, but planar robots have at most tens of bodies.
  private void walk(int node, int[] counters) {
    if (node < 0) {
      return;
    }
    preOrder[node] = counters[0]++;
    walk(leftChild[node], counters);
    inOrder[node] = counters[1]++;
    walk(rightSibling[node], counters);
    postOrder[node] = counters[2]++;
  }

  /** Builds the tree of {@code morphology}. */
  public static BodyTree of(Morphology morphology) {
    return new BodyTree(morphology);
  }

  /** Number of bodies. */
  public int size() {
    return names.size();
  }

  /** Body names in object-id order. */
  public List<String> names() {
    return names;
  }

  /** Object id of a body: its index in the morphology. */
  public int objectId(String body) {
    int i = names.indexOf(body);
    if (i < 0) {
      throw new IllegalArgumentException("no body '" + body + "' in the tree; bodies: " + names);
    }
    return i;
  }

  /** Pre-order rank of body {@code id} in the binary tree. */
  public int preOrder(int id) {
    return preOrder[id];
  }

  /** In-order rank of body {@code id} in the binary tree. */
  public int inOrder(int id) {
    return inOrder[id];
  }

  /** Post-order rank of body {@code id} in the binary tree. */
  public int postOrder(int id) {
    return postOrder[id];
  }

  /** Kinematic parent of body {@code id}, or -1 for a root. */
  public int parent(int id) {
    return parent[id];
  }

  /** Left child (first kinematic child) of body {@code id} in the binary tree, or -1. */
  public int leftChild(int id) {
    return leftChild[id];
  }

  /** Right child (next sibling) of body {@code id} in the binary tree, or -1. */
  public int rightSibling(int id) {
    return rightSibling[id];
  }

  /** The binary tree's root: the first root body. */
  public int root() {
    return root;
  }
}
