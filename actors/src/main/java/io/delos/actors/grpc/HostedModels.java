package io.delos.actors.grpc;

import io.delos.actors.model.HostedDynamics;
import io.delos.actors.model.ModelHost;
import io.delos.actors.runtime.DelosRuntime;
import io.delos.proto.v1.ModelKind;
import io.delos.robots.catalogue.Catalogue;
import io.delos.robots.catalogue.RobotSystem;
import io.delos.sim.Dynamics;
import io.delos.sim.box2d.SimConfig;
import io.delos.sim.box2d.SimulatorDynamics;
import io.delos.worldmodel.mlp.MlpDynamics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models the gRPC services serve, each behind a {@link ModelHost}: for every catalogue family,
 * {@code <family>-simulator} (the physics simulator, ready at once) and {@code <family>-mlp} (an
 * MLP, ready after its first fine-tuning). Fine-tuning runs on a dedicated thread, never on the
 * actors' dispatchers or the model pool.
 *
 * <p>Threading: safe for concurrent use; entries change through volatile fields and one training
 * flag per model.
 */
final class HostedModels implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HostedModels.class);
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  /** One served model. */
  static final class Entry {
    final String id;
    final ModelKind kind;
    final RobotSystem system;
    final AtomicBoolean training = new AtomicBoolean();
    volatile ActorRef<ModelHost.Command> host;
    volatile MlpDynamics mlp;
    volatile String version = "";
    volatile double validationLoss;
    int generation;

    Entry(String id, ModelKind kind, RobotSystem system) {
      this.id = id;
      this.kind = kind;
      this.system = system;
    }

    boolean ready() {
      return host != null;
    }

    int observationSize() {
      return system.observationSize();
    }

    int actionSize() {
      return system.actionSize();
    }
  }

  private final DelosRuntime runtime;
  private final GrpcLimits limits;
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final String suffix = "-" + INSTANCES.incrementAndGet();
  private final ExecutorService training;
  private final Semaphore trainingSlots;
  private final List<MlpDynamics> retired = new ArrayList<>();

  HostedModels(DelosRuntime runtime, GrpcLimits limits) {
    this.runtime = runtime;
    this.limits = limits;
    this.trainingSlots = new Semaphore(limits.maxConcurrentFineTunes());
    this.training =
        Executors.newFixedThreadPool(
            limits.maxConcurrentFineTunes(),
            r -> {
              Thread t = new Thread(r, "delos-fine-tune" + suffix);
              t.setDaemon(true);
              return t;
            });
    ModelHost.Batching batching =
        new ModelHost.Batching(limits.batchingWindow(), limits.maxBatchSequences());
    for (String family : Catalogue.families()) {
      RobotSystem system = Catalogue.system(family);
      Entry sim = new Entry(family + "-simulator", ModelKind.MODEL_KIND_SIMULATOR, system);
      sim.version = "simulator";
      sim.host =
          runtime.spawnModelHost(
              "model-" + sim.id + suffix,
              () -> new SimulatorDynamics(system.morphology(), SimConfig.DEFAULT),
              sim.version,
              batching);
      entries.put(sim.id, sim);
      Entry mlp = new Entry(family + "-mlp", ModelKind.MODEL_KIND_MLP, system);
      entries.put(mlp.id, mlp);
    }
  }

  /** Every model, simulators first within each family. */
  List<Entry> all() {
    return List.copyOf(entries.values());
  }

  /**
   * The model called {@code id}.
   *
   * @throws io.grpc.StatusRuntimeException {@code INVALID_ARGUMENT} for a malformed id, {@code
   *     NOT_FOUND} for an unknown one
   */
  Entry get(String field, String id) {
    Problems.requireId(field, id);
    Entry e = entries.get(id);
    if (e == null) {
      throw Problems.notFound(
          field
              + " = "
              + Problems.quote(id)
              + " is not a served model; models: "
              + Problems.list(entries.keySet()));
    }
    return e;
  }

  /**
   * The model, ready to answer.
   *
   * @throws io.grpc.StatusRuntimeException {@code FAILED_PRECONDITION} when it has no weights yet
   */
  Entry ready(String field, String id) {
    Entry e = get(field, id);
    if (!e.ready()) {
      throw Problems.precondition(
          "model "
              + Problems.quote(id)
              + " has no weights yet: train it first with WorldModelService.FineTune");
    }
    return e;
  }

  /** A {@link Dynamics} that asks the model's host, for planners; waits up to {@code timeout}. */
  Dynamics dynamics(Entry e, Duration timeout) {
    return new HostedDynamics(
        e.host, runtime.system().scheduler(), e.observationSize(), e.actionSize(), timeout);
  }

  /** Reserves a training slot; false when every slot is busy. */
  boolean tryStartTraining() {
    return trainingSlots.tryAcquire();
  }

  /** Releases a slot reserved by {@link #tryStartTraining}. */
  void trainingDone() {
    trainingSlots.release();
  }

  /** The dedicated training pool. */
  ExecutorService trainingExecutor() {
    return training;
  }

  /**
   * Serves a newly trained MLP: spawns the model's host on the first call, swaps the model in
   * afterwards (requests in flight finish on the old one).
   *
   * @return the version now served
   */
  synchronized String serve(Entry e, MlpDynamics model, double validationLoss, Duration timeout) {
    e.generation++;
    String version = "v" + e.generation;
    MlpDynamics previous = e.mlp;
    e.mlp = model;
    if (e.host == null) {
      ModelHost.Batching batching =
          new ModelHost.Batching(limits.batchingWindow(), limits.maxBatchSequences());
      // The host reloads the latest weights if it restarts after a failure.
      e.host = runtime.spawnModelHost("model-" + e.id + suffix, () -> e.mlp, version, batching);
    } else {
      AskPattern.<ModelHost.Command, String>ask(
              e.host,
              replyTo -> new ModelHost.Swap(model, version, replyTo),
              timeout,
              runtime.system().scheduler())
          .toCompletableFuture()
          .join();
    }
    if (previous != null) {
      // Limitation: a replaced model is closed only when the server closes, because a batch that
      // started before the swap may still run on it; each holds well under a megabyte.
      retired.add(previous);
    }
    e.version = version;
    e.validationLoss = validationLoss;
    LOG.info("model {} now serves {} (validation loss {})", e.id, version, validationLoss);
    return version;
  }

  @Override
  public synchronized void close() {
    training.shutdownNow();
    for (Entry e : entries.values()) {
      if (e.mlp != null) {
        retired.add(e.mlp);
      }
    }
    for (MlpDynamics m : retired) {
      m.close();
    }
    retired.clear();
  }
}
