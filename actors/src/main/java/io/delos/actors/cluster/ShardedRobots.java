package io.delos.actors.cluster;

import io.delos.actors.robot.RobotSystemActor;
import io.delos.actors.store.TrajectoryStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.ORSet;
import org.apache.pekko.cluster.ddata.ORSetKey;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * Robot-system actors as Cluster Sharding entities: each robot lives on one node, and when that
 * node leaves, its shards are handed to the others where the robots start again (sharding remembers
 * its entities). The ids of every robot started anywhere are kept in a replicated set, so any node
 * can list and reach all of them.
 *
 * <p>Each node writes the chunks of the robots it hosts to its own trajectory store; with the
 * stores' logs in one shared folder, nothing a leaving node acknowledged is lost.
 */
public final class ShardedRobots {
  /** The entity type of robots. */
  public static final EntityTypeKey<RobotSystemActor.Command> ROBOT =
      EntityTypeKey.create(RobotSystemActor.Command.class, "robot");

  private static final Key<ORSet<String>> IDS = ORSetKey.create("delos-robot-ids");

  private final ActorSystem<?> system;
  private final ClusterSharding sharding;
  private final ActorRef<Replicator.Command> replicator;
  private final SelfUniqueAddress self;

  /**
   * Starts sharding of robots on this node.
   *
   * @param system the clustered actor system
   * @param blueprints turns a robot id into what to run; must give the same answer on every node
   * @param store this node's trajectory store
   * @param dispatcher where robots run
   */
  public ShardedRobots(
      ActorSystem<?> system,
      Function<String, RobotBlueprint> blueprints,
      ActorRef<TrajectoryStore.Command> store,
      String dispatcher) {
    this.system = system;
    this.sharding = ClusterSharding.get(system);
    this.replicator = DistributedData.get(system).replicator();
    this.self = DistributedData.get(system).selfUniqueAddress();
    sharding.init(
        Entity.of(
                ROBOT,
                ctx -> {
                  RobotBlueprint b = blueprints.apply(ctx.getEntityId());
                  return RobotSystemActor.create(
                      ctx.getEntityId(), b.family(), b.environment(), b.settings(), store);
                })
            .withStopMessage(new RobotSystemActor.Passivate())
            .withSettings(ClusterShardingSettings.create(system).withRememberEntities(true))
            .withEntityProps(DispatcherSelector.fromConfig(dispatcher)));
  }

  /** Starts robot {@code id} somewhere in the cluster (or does nothing if it runs). */
  public CompletionStage<Void> start(String id, Duration timeout) {
    CompletionStage<Replicator.UpdateResponse<ORSet<String>>> added =
        AskPattern.ask(
            replicator,
            (ActorRef<Replicator.UpdateResponse<ORSet<String>>> replyTo) ->
                new Replicator.Update<>(
                    IDS, ORSet.empty(), Replicator.writeLocal(), replyTo, set -> set.add(self, id)),
            timeout,
            system.scheduler());
    return added.thenAccept(r -> entity(id).tell(new RobotSystemActor.Ping()));
  }

  /** The ids of every robot started in the cluster, as this node knows them. */
  public CompletionStage<Set<String>> ids(Duration timeout) {
    CompletionStage<Replicator.GetResponse<ORSet<String>>> got =
        AskPattern.ask(
            replicator,
            (ActorRef<Replicator.GetResponse<ORSet<String>>> replyTo) ->
                new Replicator.Get<>(IDS, Replicator.readLocal(), replyTo),
            timeout,
            system.scheduler());
    return got.thenApply(
        r ->
            r instanceof Replicator.GetSuccess<ORSet<String>> s
                ? s.get(IDS).getElements()
                : Set.of());
  }

  /** A reference to robot {@code id} wherever it runs. */
  public EntityRef<RobotSystemActor.Command> entity(String id) {
    return sharding.entityRefFor(ROBOT, id);
  }

  /** Every robot's status, in id order. */
  public CompletionStage<List<RobotSystemActor.Status>> statuses(Duration timeout) {
    return ids(timeout)
        .thenCompose(
            ids -> {
              List<CompletableFuture<RobotSystemActor.Status>> futures = new ArrayList<>();
              for (String id : ids.stream().sorted().toList()) {
                futures.add(
                    entity(id)
                        .<RobotSystemActor.Status>ask(RobotSystemActor.GetStatus::new, timeout)
                        .toCompletableFuture());
              }
              return CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
                  .thenApply(v -> futures.stream().map(CompletableFuture::join).toList());
            });
  }
}
