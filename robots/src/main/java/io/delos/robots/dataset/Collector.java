package io.delos.robots.dataset;

import io.delos.robots.Seeds;
import io.delos.robots.catalogue.RobotSystem;
import io.delos.sim.EndReason;
import io.delos.sim.Space;
import io.delos.sim.StepFlags;
import io.delos.sim.StepResult;
import io.delos.sim.Vec;
import io.delos.sim.box2d.MorphologyEnvironment;
import io.delos.sim.box2d.SimConfig;
import io.delos.sim.morphology.BodyTree;
import io.delos.sim.morphology.Morphology;
import io.delos.sim.morphology.ObservationChannel;
import io.delos.sim.task.TaskSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Rolls out exploration policies on robot systems and stores the trajectories as a dataset: a
 * folder with {@code dataset.json} and NPZ shards under {@code shards/}.
 *
 * <p>Work is split into shards (a run of episodes of one system) spread over a thread pool. Each
 * episode's randomness comes from seeds derived from (seed, system index, episode index), so the
 * dataset is the same bit for bit whatever the thread count. Each shard is written to a temporary
 * file and renamed into place, then the manifest is rewritten the same way, so a killed collection
 * leaves every shard listed in the manifest complete and readable. Collecting again into the same
 * folder with the same settings resumes: shards already listed are kept.
 */
public final class Collector {
  private final CollectionSettings settings;
  private final SimConfig config;

  /**
   * Creates a collector.
   *
   * @param settings what to collect
   * @param config physics rates (the default is {@link SimConfig#DEFAULT})
   */
  public Collector(CollectionSettings settings, SimConfig config) {
    this.settings = settings;
    this.config = config;
  }

  /** A collector at the default physics rates. */
  public Collector(CollectionSettings settings) {
    this(settings, SimConfig.DEFAULT);
  }

  /** One planned shard. */
  private record Plan(int system, int firstEpisode, int episodes, String file) {}

  /**
   * Collects into {@code folder}, creating it if needed.
   *
   * @param folder the dataset folder
   * @param threads worker threads, >= 1
   * @param listener progress; called from worker threads
   * @return the final manifest
   * @throws DatasetException when the folder holds a dataset with other settings
   */
  public Manifest collect(Path folder, int threads, CollectionListener listener) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads = " + threads + ": must be >= 1");
    }
    try {
      Files.createDirectories(folder.resolve("shards"));
      removeTemporaryFiles(folder);
      Manifest fresh = new Manifest(settingsMap(), systemsInfo(), List.of());
      Manifest manifest = fresh;
      Path manifestFile = folder.resolve(Manifest.FILE);
      if (Files.exists(manifestFile)) {
        Manifest old = Dataset.open(folder).manifest();
        if (!old.settings().equals(fresh.settings())
            || !old.systems().stream()
                .map(Manifest.SystemInfo::id)
                .toList()
                .equals(fresh.systems().stream().map(Manifest.SystemInfo::id).toList())) {
          throw new DatasetException(
              folder
                  + " holds a dataset collected with other settings or systems; choose an empty"
                  + " folder to start a new collection");
        }
        manifest = old;
      }
      writeAtomically(manifestFile, manifest.write().getBytes(StandardCharsets.UTF_8));
      List<Plan> todo = new ArrayList<>();
      for (Plan p : plan()) {
        String file = p.file();
        if (manifest.shards().stream().noneMatch(s -> s.file().equals(file))) {
          todo.add(p);
        }
      }
      long episodes = todo.stream().mapToLong(Plan::episodes).sum();
      listener.started(episodes, episodes * settings.steps());
      return run(folder, manifest, todo, threads, listener);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<Plan> plan() {
    List<Plan> out = new ArrayList<>();
    for (int s = 0; s < settings.systems().size(); s++) {
      String id = settings.systems().get(s).id();
      int index = 0;
      for (int e = 0; e < settings.episodes(); e += settings.episodesPerShard()) {
        int n = Math.min(settings.episodesPerShard(), settings.episodes() - e);
        out.add(new Plan(s, e, n, String.format("shards/%s-%05d.npz", id, index++)));
      }
    }
    return out;
  }

  private Manifest run(
      Path folder, Manifest start, List<Plan> todo, int threads, CollectionListener listener)
      throws IOException {
    AtomicInteger names = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "delos-collect-" + names.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    Manifest[] current = {start};
    Object lock = new Object();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Plan p : todo) {
        futures.add(
            pool.submit(
                () -> {
                  Manifest.Shard shard = writeShard(folder, p, listener);
                  synchronized (lock) {
                    current[0] = current[0].with(shard);
                    writeAtomically(
                        folder.resolve(Manifest.FILE),
                        current[0].write().getBytes(StandardCharsets.UTF_8));
                  }
                  listener.shardWritten(shard);
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          futures.forEach(x -> x.cancel(true));
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException re) {
            throw re;
          }
          if (cause instanceof IOException io) {
            throw io;
          }
          throw new DatasetException("collection failed: " + cause, cause);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DatasetException("collection interrupted", e);
    } finally {
      pool.shutdownNow();
    }
    synchronized (lock) {
      return current[0];
    }
  }

  private Manifest.Shard writeShard(Path folder, Plan p, CollectionListener listener)
      throws IOException {
    RobotSystem system = settings.systems().get(p.system());
    Morphology m = system.morphology();
    int obs = m.observationSpace().size();
    int act = m.actionSpace().size();
    MorphologyEnvironment env = system.environment(collectionTask(system), config);
    env.reset(0);
    RolloutPolicy policy = settings.policy().create(config.controlPeriod());
    int capacity = p.episodes() * settings.steps();
    double[] observations = new double[capacity * obs];
    double[] actions = new double[capacity * act];
    double[] rewards = new double[capacity];
    double[] times = new double[capacity];
    long[] flags = new long[capacity];
    long[] episodeIds = new long[capacity];
    double[] last = new double[p.episodes() * obs];
    long[] seeds = new long[p.episodes()];
    Space actionSpace = m.actionSpace();
    int row = 0;
    for (int k = 0; k < p.episodes(); k++) {
      int episode = p.firstEpisode() + k;
      long seed = Seeds.derive(settings.seed(), p.system(), episode);
      seeds[k] = seed;
      Vec o = env.reset(seed);
      policy.reset(m, new SplittableRandom(Seeds.derive(seed, 1)));
      int first = row;
      for (int t = 0; t < settings.steps(); t++) {
        double[] observation = o.toArray();
        double[] a = policy.act(observation);
        actionSpace.requireValid(a, "action of policy " + settings.policy().kind());
        a = actionSpace.clip(a);
        double time = env.time();
        StepResult r = env.step(a);
        System.arraycopy(observation, 0, observations, row * obs, obs);
        System.arraycopy(a, 0, actions, row * act, act);
        rewards[row] = r.reward();
        times[row] = time;
        int f = t == 0 ? StepFlags.RESET : StepFlags.NONE;
        EndReason why = r.info().endReason();
        if (why == EndReason.PHYSICS_NOT_FINITE || why == EndReason.PHYSICS_RUNAWAY) {
          f |= StepFlags.FAILED;
        } else if (r.terminated()) {
          f |= StepFlags.TERMINATED;
        } else if (r.truncated()) {
          f |= StepFlags.TRUNCATED;
        }
        flags[row] = f;
        episodeIds[row] = episode;
        row++;
        o = r.observation();
        if (r.done()) {
          break;
        }
      }
      o.copyTo(last, k * obs);
      listener.episodeFinished(system.id(), row - first);
    }
    Map<String, Npz.Array> arrays = new LinkedHashMap<>();
    String f = settings.doublePrecision() ? "<f8" : "<f4";
    arrays.put("observations", Npz.Array.floats(f, new int[] {row, obs}, observations));
    arrays.put("actions", Npz.Array.floats(f, new int[] {row, act}, actions));
    arrays.put("rewards", Npz.Array.floats(f, new int[] {row}, rewards));
    arrays.put("times", Npz.Array.floats("<f8", new int[] {row}, times));
    arrays.put("flags", Npz.Array.ints("<i4", new int[] {row}, flags));
    arrays.put("episode_ids", Npz.Array.ints("<i8", new int[] {row}, episodeIds));
    arrays.put("last_observations", Npz.Array.floats(f, new int[] {p.episodes(), obs}, last));
    arrays.put("episode_seeds", Npz.Array.ints("<i8", new int[] {p.episodes()}, seeds));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Npz.write(arrays, bytes);
    byte[] data = bytes.toByteArray();
    writeAtomically(folder.resolve(p.file()), data);
    return new Manifest.Shard(
        p.file(),
        system.id(),
        p.firstEpisode(),
        p.episodes(),
        row,
        data.length,
        Dataset.sha256(data));
  }

  /** The system's default task with no termination and the collection's episode length. */
  private TaskSpec collectionTask(RobotSystem system) {
    TaskSpec t = system.defaultTask();
    return new TaskSpec(
        t.name(),
        t.robot(),
        settings.steps(),
        t.jointStarts(),
        t.rootStarts(),
        t.reward(),
        List.of(),
        new TaskSpec.Success(1, List.of()),
        List.of(),
        List.of(),
        Map.of());
  }

  private Map<String, Object> settingsMap() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("seed", (double) settings.seed());
    Map<String, Object> policy = new LinkedHashMap<>();
    policy.put("kind", settings.policy().kind());
    policy.put("parameters", new LinkedHashMap<>(settings.policy().resolved()));
    s.put("policy", policy);
    s.put("episodesPerSystem", (double) settings.episodes());
    s.put("stepsPerEpisode", (double) settings.steps());
    s.put("episodesPerShard", (double) settings.episodesPerShard());
    s.put("dtype", settings.doublePrecision() ? "float64" : "float32");
    s.put("controlPeriod", config.controlPeriod());
    s.put("physicsPeriod", config.physicsPeriod());
    return s;
  }

  private List<Manifest.SystemInfo> systemsInfo() {
    List<Manifest.SystemInfo> out = new ArrayList<>();
    for (RobotSystem s : settings.systems()) {
      out.add(systemInfo(s));
    }
    return out;
  }

  /** A system's manifest entry: channel layouts with units, kinds and bodies, and its body tree. */
  static Manifest.SystemInfo systemInfo(RobotSystem s) {
    Morphology m = s.morphology();
    BodyTree tree = m.bodyTree();
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("id", s.id());
    o.put("family", s.family());
    o.put("task", s.defaultTask().name());
    o.put("observationSize", (double) s.observationSize());
    o.put("actionSize", (double) s.actionSize());
    List<Object> obs = new ArrayList<>();
    List<String> obsNames = new ArrayList<>();
    for (ObservationChannel c : m.observationChannels()) {
      Map<String, Object> ch = new LinkedHashMap<>();
      ch.put("name", c.channel().name());
      ch.put("unit", c.channel().unit());
      ch.put("kind", c.kind().name());
      ch.put("body", c.body());
      ch.put("bodyId", (double) tree.objectId(c.body()));
      bounds(ch, c.channel().low(), c.channel().high());
      obs.add(ch);
      obsNames.add(c.channel().name());
    }
    o.put("observations", obs);
    List<Object> act = new ArrayList<>();
    List<String> actNames = new ArrayList<>();
    List<String> bodies = m.actionBodies();
    for (int i = 0; i < m.actionSpace().size(); i++) {
      var c = m.actionSpace().channel(i);
      Map<String, Object> ch = new LinkedHashMap<>();
      ch.put("name", c.name());
      ch.put("unit", c.unit());
      ch.put("body", bodies.get(i));
      ch.put("bodyId", (double) tree.objectId(bodies.get(i)));
      bounds(ch, c.low(), c.high());
      act.add(ch);
      actNames.add(c.name());
    }
    o.put("actions", act);
    Map<String, Object> t = new LinkedHashMap<>();
    List<Object> pre = new ArrayList<>();
    List<Object> in = new ArrayList<>();
    List<Object> post = new ArrayList<>();
    List<Object> parent = new ArrayList<>();
    for (int i = 0; i < tree.size(); i++) {
      pre.add((double) tree.preOrder(i));
      in.add((double) tree.inOrder(i));
      post.add((double) tree.postOrder(i));
      parent.add((double) tree.parent(i));
    }
    t.put("bodies", tree.names());
    t.put("parent", parent);
    t.put("preOrder", pre);
    t.put("inOrder", in);
    t.put("postOrder", post);
    o.put("bodyTree", t);
    return new Manifest.SystemInfo(s.id(), obsNames, actNames, o);
  }

  private static void bounds(Map<String, Object> ch, double low, double high) {
    if (Double.isFinite(low)) {
      ch.put("low", low);
    }
    if (Double.isFinite(high)) {
      ch.put("high", high);
    }
  }

  /** Writes {@code data} to a temporary file beside {@code target}, then renames it into place. */
  static void writeAtomically(Path target, byte[] data) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.write(tmp, data);
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void removeTemporaryFiles(Path folder) throws IOException {
    for (Path dir : List.of(folder, folder.resolve("shards"))) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(x -> x.getFileName().toString().endsWith(".tmp")).toList()) {
          Files.delete(f);
        }
      }
    }
  }
}
