package io.delos.actors.grpc;

import io.delos.actors.runtime.DelosRuntime;
import io.delos.actors.symbolic.SymbolicRegressionActor;
import io.delos.proto.v1.ForecastServiceGrpc;
import io.delos.proto.v1.InterpretableModelServiceGrpc;
import io.delos.proto.v1.PlannerServiceGrpc;
import io.delos.proto.v1.RobotServiceGrpc;
import io.delos.proto.v1.SensingServiceGrpc;
import io.delos.proto.v1.SteeringServiceGrpc;
import io.delos.proto.v1.SymbolicRegressionServiceGrpc;
import io.delos.proto.v1.TokenizerServiceGrpc;
import io.delos.proto.v1.TrajectoryServiceGrpc;
import io.delos.proto.v1.WorldModelServiceGrpc;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Every {@code delos.v1} service of a runtime, guarded against bad input (see {@link CallGuard}),
 * with the health service reporting each {@code SERVING} until shutdown.
 *
 * <p>Owns the model hosts, planner sessions, symbolic regression job host and steering threads the
 * services created; {@link #close} releases them.
 */
public final class DelosServices implements AutoCloseable {
  /** The services, by full name. */
  public static final List<String> SERVING =
      List.of(
          RobotServiceGrpc.SERVICE_NAME,
          TrajectoryServiceGrpc.SERVICE_NAME,
          WorldModelServiceGrpc.SERVICE_NAME,
          PlannerServiceGrpc.SERVICE_NAME,
          SymbolicRegressionServiceGrpc.SERVICE_NAME,
          InterpretableModelServiceGrpc.SERVICE_NAME,
          SteeringServiceGrpc.SERVICE_NAME,
          ForecastServiceGrpc.SERVICE_NAME,
          TokenizerServiceGrpc.SERVICE_NAME,
          SensingServiceGrpc.SERVICE_NAME);

  private final List<ServerServiceDefinition> definitions = new ArrayList<>();
  private final HealthStatusManager health = new HealthStatusManager();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final HostedModels models;
  private final PlannerServiceImpl planners;
  private final SymbolicRegressionServiceImpl symbolic;
  private final SteeringServiceImpl steering;

  /**
   * Creates the services of {@code runtime}.
   *
   * @param runtime the runtime whose actors answer
   * @param callTimeout how long a call waits for the actors
   * @param limits request bounds
   */
  public DelosServices(DelosRuntime runtime, Duration callTimeout, GrpcLimits limits) {
    this.models = new HostedModels(runtime, limits);
    this.planners = new PlannerServiceImpl(runtime, callTimeout, limits, models);
    this.symbolic =
        new SymbolicRegressionServiceImpl(
            runtime.system(),
            runtime.spawnSymbolicRegression(SymbolicRegressionActor.SCALESR),
            runtime.symbolicSettings(),
            callTimeout);
    add(new RobotServiceImpl(runtime, callTimeout, limits).bindService());
    add(new TrajectoryServiceImpl(runtime, callTimeout, limits).bindService());
    add(new WorldModelServiceImpl(runtime, callTimeout, limits, models).bindService());
    add(planners.bindService());
    add(symbolic.bindService());
    add(new InterpretableModelServiceImpl(runtime, callTimeout, models).bindService());
    this.steering = new SteeringServiceImpl(runtime, callTimeout, limits, models);
    add(steering.bindService());
    add(new ForecastServiceImpl(runtime, callTimeout).bindService());
    add(new TokenizerServiceImpl(runtime, callTimeout).bindService());
    add(new SensingServiceImpl(runtime, callTimeout).bindService());
    health.setStatus("", ServingStatus.SERVING);
    for (String s : SERVING) {
      health.setStatus(s, ServingStatus.SERVING);
    }
  }

  private void add(ServerServiceDefinition service) {
    definitions.add(CallGuard.guard(service));
  }

  /** The guarded {@code delos.v1} services. */
  public List<ServerServiceDefinition> definitions() {
    return List.copyOf(definitions);
  }

  /** The health service's definition. */
  public ServerServiceDefinition healthService() {
    return health.getHealthService().bindService();
  }

  /** Reports every service {@code NOT_SERVING} from now on (at shutdown). */
  public void stopServing() {
    if (stopped.compareAndSet(false, true)) {
      health.enterTerminalState();
    }
  }

  @Override
  public void close() {
    stopServing();
    symbolic.close();
    steering.close();
    planners.close();
    models.close();
  }
}
