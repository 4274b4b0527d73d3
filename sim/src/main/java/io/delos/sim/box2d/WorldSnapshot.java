package io.delos.sim.box2d;

import io.delos.sim.Snapshot;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jbox2d.collision.AABB;
import org.jbox2d.collision.Manifold;
import org.jbox2d.collision.broadphase.BroadPhase;
import org.jbox2d.collision.broadphase.DynamicTree;
import org.jbox2d.collision.broadphase.DynamicTreeNode;
import org.jbox2d.common.Mat22;
import org.jbox2d.common.Mat33;
import org.jbox2d.common.Rot;
import org.jbox2d.common.Vec2;
import org.jbox2d.common.Vec3;
import org.jbox2d.dynamics.Body;
import org.jbox2d.dynamics.ContactManager;
import org.jbox2d.dynamics.Fixture;
import org.jbox2d.dynamics.FixtureProxy;
import org.jbox2d.dynamics.World;
import org.jbox2d.dynamics.contacts.Contact;
import org.jbox2d.dynamics.joints.Joint;

/**
 * The complete state of a {@link RobotWorld}, captured so that restore-then-step equals the
 * original step bit for bit.
 *
 * <p>Besides body positions and velocities, JBox2D carries state that changes the next step's
 * floating-point result: warm-start impulses in joints and contact manifolds, the order contacts
 * were created in (it fixes the solver's order), the broad-phase's enlarged bounding boxes (they
 * decide when new contacts appear), and the previous step's inverse time step. All of it is copied
 * here. JBox2D keeps some of it in private fields; they are reached by reflection, which is sound
 * because the JBox2D version is pinned in the build.
 *
 * <p>A snapshot is immutable and may be restored into the world that made it or into any other
 * world built from an equal morphology and configuration.
 */
final class WorldSnapshot implements Snapshot {
  private static final int BODY_FLOATS = 18;

  private final Object recipe;
  private final double time;
  private final int substepsSinceAction;
  private final double[] action;
  private final double[] effortSum;
  private final double[] lastEffort;
  private final double[] imuPrevious;
  private final boolean[] imuHasPrevious;
  private final int[] bodyFlags;
  private final float[] bodyState;
  private final Object[][] jointState;
  private final ContactState[] contacts;
  private final float[] fatBoxes;
  private final int worldFlags;
  private final float invDt0;
  private final boolean stepComplete;
  private final Object extra;

  private record ContactState(
      int fixtureA,
      int childA,
      int fixtureB,
      int childB,
      int flags,
      Manifold manifold,
      float toiCount,
      float toi,
      float friction,
      float restitution,
      float tangentSpeed) {}

  private WorldSnapshot(RobotWorld w, Object recipe, Object extra) {
    this.recipe = recipe;
    this.extra = extra;
    time = w.time();
    substepsSinceAction = w.substepsSinceAction();
    action = w.heldAction().clone();
    effortSum = w.effortSums().clone();
    lastEffort = w.lastEffortArray().clone();
    imuPrevious = w.sensorRuntime().imuPreviousArray().clone();
    imuHasPrevious = w.sensorRuntime().imuHasPreviousArray().clone();

    Body[] bodies = w.engineBodies();
    bodyFlags = new int[bodies.length];
    bodyState = new float[bodies.length * BODY_FLOATS];
    for (int i = 0; i < bodies.length; i++) {
      Body b = bodies[i];
      bodyFlags[i] = b.m_flags;
      int o = i * BODY_FLOATS;
      float[] s = bodyState;
      s[o] = b.m_xf.p.x;
      s[o + 1] = b.m_xf.p.y;
      s[o + 2] = b.m_xf.q.s;
      s[o + 3] = b.m_xf.q.c;
      s[o + 4] = b.m_sweep.c0.x;
      s[o + 5] = b.m_sweep.c0.y;
      s[o + 6] = b.m_sweep.c.x;
      s[o + 7] = b.m_sweep.c.y;
      s[o + 8] = b.m_sweep.a0;
      s[o + 9] = b.m_sweep.a;
      s[o + 10] = b.m_sweep.alpha0;
      s[o + 11] = b.m_linearVelocity.x;
      s[o + 12] = b.m_linearVelocity.y;
      s[o + 13] = b.m_angularVelocity;
      s[o + 14] = b.m_force.x;
      s[o + 15] = b.m_force.y;
      s[o + 16] = b.m_torque;
      s[o + 17] = b.m_sleepTime;
    }

    Joint[] joints = w.engineJoints();
    jointState = new Object[joints.length][];
    for (int k = 0; k < joints.length; k++) {
      jointState[k] = FieldCopier.of(joints[k].getClass()).capture(joints[k]);
    }

    Map<Fixture, Integer> fixtureIndex = Engine.fixtureIndex(w);
    List<ContactState> list = new ArrayList<>();
    for (Contact c = w.engine().getContactList(); c != null; c = c.m_next) {
      list.add(
          new ContactState(
              fixtureIndex.get(c.m_fixtureA),
              c.m_indexA,
              fixtureIndex.get(c.m_fixtureB),
              c.m_indexB,
              c.m_flags,
              new Manifold(c.m_manifold),
              c.m_toiCount,
              c.m_toi,
              c.m_friction,
              c.m_restitution,
              c.m_tangentSpeed));
    }
    // The world's list runs newest first; keep creation order, oldest first.
    contacts = new ContactState[list.size()];
    for (int i = 0; i < contacts.length; i++) {
      contacts[i] = list.get(list.size() - 1 - i);
    }

    BroadPhase bp = w.engine().getContactManager().m_broadPhase;
    List<Fixture> fixtures = w.engineFixtures();
    List<Float> boxes = new ArrayList<>();
    for (Fixture f : fixtures) {
      for (int c = 0; c < f.m_proxyCount; c++) {
        AABB box = bp.getFatAABB(Engine.proxyId(f.m_proxies[c]));
        boxes.add(box.lowerBound.x);
        boxes.add(box.lowerBound.y);
        boxes.add(box.upperBound.x);
        boxes.add(box.upperBound.y);
      }
    }
    fatBoxes = new float[boxes.size()];
    for (int i = 0; i < fatBoxes.length; i++) {
      fatBoxes[i] = boxes.get(i);
    }

    World world = w.engine();
    worldFlags = Engine.getInt(Engine.WORLD_FLAGS, world);
    invDt0 = Engine.getFloat(Engine.WORLD_INV_DT0, world);
    stepComplete = Engine.getBoolean(Engine.WORLD_STEP_COMPLETE, world);
  }

  /** Captures {@code world}; {@code recipe} identifies how it was built. */
  static WorldSnapshot capture(RobotWorld world, Object recipe, Object extra) {
    return new WorldSnapshot(world, recipe, extra);
  }

  @Override
  public double time() {
    return time;
  }

  /** What the environment stored beside the world (its own counters). */
  Object extra() {
    return extra;
  }

  /** The recipe of the world that made this snapshot. */
  Object recipe() {
    return recipe;
  }

  /** Puts {@code w} into this snapshot's state. */
  void restoreInto(RobotWorld w) {
    World world = w.engine();
    ContactManager cm = world.getContactManager();
    while (cm.m_contactList != null) {
      cm.destroy(cm.m_contactList);
    }

    BroadPhase bp = cm.m_broadPhase;
    DynamicTree tree = Engine.tree(bp);
    List<Fixture> fixtures = w.engineFixtures();
    int at = 0;
    for (Fixture f : fixtures) {
      for (int c = 0; c < f.m_proxyCount; c++) {
        int id = Engine.proxyId(f.m_proxies[c]);
        AABB box = bp.getFatAABB(id);
        float lx = fatBoxes[at];
        float ly = fatBoxes[at + 1];
        float ux = fatBoxes[at + 2];
        float uy = fatBoxes[at + 3];
        at += 4;
        if (box.lowerBound.x != lx
            || box.lowerBound.y != ly
            || box.upperBound.x != ux
            || box.upperBound.y != uy) {
          Engine.replaceLeafBox(tree, id, lx, ly, ux, uy);
        }
      }
    }
    Engine.setInt(Engine.BROADPHASE_MOVE_COUNT, bp, 0);

    Fixture[] byIndex = fixtures.toArray(new Fixture[0]);
    for (ContactState s : contacts) {
      Fixture fa = byIndex[s.fixtureA];
      Fixture fb = byIndex[s.fixtureB];
      cm.addPair(fa.m_proxies[s.childA], fb.m_proxies[s.childB]);
      Contact c = cm.m_contactList;
      if (c == null || c.m_fixtureA != fa || c.m_fixtureB != fb) {
        throw new IllegalStateException(
            "contact between fixtures "
                + s.fixtureA
                + " and "
                + s.fixtureB
                + " could not be re-created; the snapshot does not fit this world");
      }
      c.m_flags = s.flags;
      c.m_manifold.set(s.manifold);
      c.m_toiCount = s.toiCount;
      c.m_toi = s.toi;
      c.m_friction = s.friction;
      c.m_restitution = s.restitution;
      c.m_tangentSpeed = s.tangentSpeed;
    }

    Body[] bodies = w.engineBodies();
    for (int i = 0; i < bodies.length; i++) {
      Body b = bodies[i];
      int o = i * BODY_FLOATS;
      float[] s = bodyState;
      b.m_flags = bodyFlags[i];
      b.m_xf.p.x = s[o];
      b.m_xf.p.y = s[o + 1];
      b.m_xf.q.s = s[o + 2];
      b.m_xf.q.c = s[o + 3];
      b.m_sweep.c0.x = s[o + 4];
      b.m_sweep.c0.y = s[o + 5];
      b.m_sweep.c.x = s[o + 6];
      b.m_sweep.c.y = s[o + 7];
      b.m_sweep.a0 = s[o + 8];
      b.m_sweep.a = s[o + 9];
      b.m_sweep.alpha0 = s[o + 10];
      b.m_linearVelocity.x = s[o + 11];
      b.m_linearVelocity.y = s[o + 12];
      b.m_angularVelocity = s[o + 13];
      b.m_force.x = s[o + 14];
      b.m_force.y = s[o + 15];
      b.m_torque = s[o + 16];
      b.m_sleepTime = s[o + 17];
    }

    Joint[] joints = w.engineJoints();
    for (int k = 0; k < joints.length; k++) {
      FieldCopier.of(joints[k].getClass()).restore(joints[k], jointState[k]);
    }

    Engine.setInt(Engine.WORLD_FLAGS, world, worldFlags);
    Engine.setFloat(Engine.WORLD_INV_DT0, world, invDt0);
    Engine.setBoolean(Engine.WORLD_STEP_COMPLETE, world, stepComplete);

    System.arraycopy(action, 0, w.heldAction(), 0, action.length);
    System.arraycopy(effortSum, 0, w.effortSums(), 0, effortSum.length);
    System.arraycopy(lastEffort, 0, w.lastEffortArray(), 0, lastEffort.length);
    System.arraycopy(imuPrevious, 0, w.sensorRuntime().imuPreviousArray(), 0, imuPrevious.length);
    System.arraycopy(
        imuHasPrevious, 0, w.sensorRuntime().imuHasPreviousArray(), 0, imuHasPrevious.length);
    w.restoreCounters(time, substepsSinceAction);
  }

  /** Reflective access to the JBox2D 2.2.1.1 internals the snapshot needs. */
  static final class Engine {
    static final Field WORLD_FLAGS = field(World.class, "m_flags");
    static final Field WORLD_INV_DT0 = field(World.class, "m_inv_dt0");
    static final Field WORLD_STEP_COMPLETE = field(World.class, "m_stepComplete");
    static final Field BROADPHASE_TREE = field(BroadPhase.class, "m_tree");
    static final Field BROADPHASE_MOVE_COUNT = field(BroadPhase.class, "m_moveCount");
    static final Field TREE_NODES = field(DynamicTree.class, "m_nodes");
    static final Field PROXY_ID = field(FixtureProxy.class, "proxyId");
    static final Method REMOVE_LEAF =
        method(DynamicTree.class, "removeLeaf", DynamicTreeNode.class);
    static final Method INSERT_LEAF = method(DynamicTree.class, "insertLeaf", int.class);

    private Engine() {}

    static Field field(Class<?> owner, String name) {
      try {
        Field f = owner.getDeclaredField(name);
        f.setAccessible(true);
        return f;
      } catch (NoSuchFieldException e) {
        throw new IllegalStateException(
            "JBox2D has no field "
                + owner.getSimpleName()
                + "."
                + name
                + ": snapshots need JBox2D 2.2.1.1",
            e);
      }
    }

    static Method method(Class<?> owner, String name, Class<?>... types) {
      try {
        Method m = owner.getDeclaredMethod(name, types);
        m.setAccessible(true);
        return m;
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException(
            "JBox2D has no method "
                + owner.getSimpleName()
                + "."
                + name
                + ": snapshots need JBox2D 2.2.1.1",
            e);
      }
    }

    static Map<Fixture, Integer> fixtureIndex(RobotWorld w) {
      Map<Fixture, Integer> index = new IdentityHashMap<>();
      List<Fixture> fixtures = w.engineFixtures();
      for (int i = 0; i < fixtures.size(); i++) {
        index.put(fixtures.get(i), i);
      }
      return index;
    }

    static DynamicTree tree(BroadPhase bp) {
      try {
        return (DynamicTree) BROADPHASE_TREE.get(bp);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }

    static int proxyId(FixtureProxy proxy) {
      try {
        return PROXY_ID.getInt(proxy);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }

    static void replaceLeafBox(DynamicTree tree, int id, float lx, float ly, float ux, float uy) {
      try {
        DynamicTreeNode node = ((DynamicTreeNode[]) TREE_NODES.get(tree))[id];
        REMOVE_LEAF.invoke(tree, node);
        node.aabb.lowerBound.set(lx, ly);
        node.aabb.upperBound.set(ux, uy);
        INSERT_LEAF.invoke(tree, id);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("could not restore a broad-phase box", e);
      }
    }

    static int getInt(Field f, Object o) {
      try {
        return f.getInt(o);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }

    static float getFloat(Field f, Object o) {
      try {
        return f.getFloat(o);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }

    static boolean getBoolean(Field f, Object o) {
      try {
        return f.getBoolean(o);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }

    static void setInt(Field f, Object o, int v) {
      try {
        f.setInt(o, v);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }

    static void setFloat(Field f, Object o, float v) {
      try {
        f.setFloat(o, v);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }

    static void setBoolean(Field f, Object o, boolean v) {
      try {
        f.setBoolean(o, v);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * Copies the value fields of a joint class: primitives, enums and JBox2D's small vector and
   * matrix types. References to bodies, edges and the world are structure, not state, and are left
   * alone.
   */
  static final class FieldCopier {
    private static final Map<Class<?>, FieldCopier> CACHE = new ConcurrentHashMap<>();

    private final Field[] fields;

    private FieldCopier(Class<?> type) {
      List<Field> found = new ArrayList<>();
      for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
        for (Field f : c.getDeclaredFields()) {
          if (Modifier.isStatic(f.getModifiers())) {
            continue;
          }
          Class<?> t = f.getType();
          boolean value =
              t.isPrimitive()
                  || t.isEnum()
                  || t == Vec2.class
                  || t == Vec3.class
                  || t == Mat22.class
                  || t == Mat33.class
                  || t == Rot.class;
          if (value) {
            f.setAccessible(true);
            found.add(f);
          }
        }
      }
      fields = found.toArray(new Field[0]);
    }

    static FieldCopier of(Class<?> type) {
      return CACHE.computeIfAbsent(type, FieldCopier::new);
    }

    Object[] capture(Object o) {
      Object[] out = new Object[fields.length];
      try {
        for (int i = 0; i < fields.length; i++) {
          Object v = fields[i].get(o);
          out[i] = copyOf(v);
        }
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
      return out;
    }

    void restore(Object o, Object[] values) {
      try {
        for (int i = 0; i < fields.length; i++) {
          Field f = fields[i];
          Object v = values[i];
          Class<?> t = f.getType();
          if (t == Vec2.class) {
            ((Vec2) f.get(o)).set((Vec2) v);
          } else if (t == Vec3.class) {
            ((Vec3) f.get(o)).set((Vec3) v);
          } else if (t == Mat22.class) {
            ((Mat22) f.get(o)).set((Mat22) v);
          } else if (t == Mat33.class) {
            Mat33 m = (Mat33) f.get(o);
            Mat33 src = (Mat33) v;
            m.ex.set(src.ex);
            m.ey.set(src.ey);
            m.ez.set(src.ez);
          } else if (t == Rot.class) {
            ((Rot) f.get(o)).set((Rot) v);
          } else if (!Modifier.isFinal(f.getModifiers())) {
            f.set(o, v);
          }
        }
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }

    private static Object copyOf(Object v) {
      if (v instanceof Vec2 x) {
        return new Vec2(x);
      }
      if (v instanceof Vec3 x) {
        return new Vec3(x);
      }
      if (v instanceof Mat22 x) {
        return new Mat22(x.ex.clone(), x.ey.clone());
      }
      if (v instanceof Mat33 x) {
        return new Mat33(x.ex.clone(), x.ey.clone(), x.ez.clone());
      }
      if (v instanceof Rot x) {
        return new Rot().set(x);
      }
      return v;
    }
  }
}
