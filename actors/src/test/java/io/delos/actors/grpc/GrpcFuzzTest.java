package io.delos.actors.grpc;

import static io.delos.actors.grpc.Rpc.tensor;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.delos.proto.v1.CancelJobRequest;
import io.delos.proto.v1.ControlAction;
import io.delos.proto.v1.ControlRequest;
import io.delos.proto.v1.ControlStart;
import io.delos.proto.v1.CreatePlannerRequest;
import io.delos.proto.v1.DescribeSystemRequest;
import io.delos.proto.v1.DiscoverRequest;
import io.delos.proto.v1.ExportRequest;
import io.delos.proto.v1.FineTuneRequest;
import io.delos.proto.v1.ForecastServiceGrpc;
import io.delos.proto.v1.InterpretableModelServiceGrpc;
import io.delos.proto.v1.ListSystemsRequest;
import io.delos.proto.v1.ModelInfoRequest;
import io.delos.proto.v1.PlanRequest;
import io.delos.proto.v1.PlannerRequest;
import io.delos.proto.v1.PlannerServiceGrpc;
import io.delos.proto.v1.PredictRequest;
import io.delos.proto.v1.PredictResponse;
import io.delos.proto.v1.QueryRequest;
import io.delos.proto.v1.RecordRequest;
import io.delos.proto.v1.ResetRequest;
import io.delos.proto.v1.RobotServiceGrpc;
import io.delos.proto.v1.RolloutRequest;
import io.delos.proto.v1.SensingServiceGrpc;
import io.delos.proto.v1.SetCostWeightsRequest;
import io.delos.proto.v1.SteeringServiceGrpc;
import io.delos.proto.v1.StepRequest;
import io.delos.proto.v1.StreamObservationsRequest;
import io.delos.proto.v1.SymbolicRegressionServiceGrpc;
import io.delos.proto.v1.TokenizerServiceGrpc;
import io.delos.proto.v1.Trajectory;
import io.delos.proto.v1.TrajectoryServiceGrpc;
import io.delos.proto.v1.WorldModelServiceGrpc;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.ProtoMethodDescriptorSupplier;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Sends thousands of random and mutated messages to every method of every {@code delos.v1} service:
 * the server stays up, never answers {@code INTERNAL} (nor {@code UNKNOWN}, which would mean an
 * unexpected exception), and valid calls still work afterwards.
 *
 * <p>Random messages are built from each method's request descriptor, with values biased towards
 * edges (NaN, infinities, extreme integers, empty and odd strings, known ids, inconsistent tensor
 * shapes). Mutated messages are valid requests with bytes flipped, inserted, deleted or cut.
 */
class GrpcFuzzTest {
  /** Statuses a bad request must never produce. */
  private static final Set<Status.Code> FORBIDDEN =
      EnumSet.of(Status.Code.INTERNAL, Status.Code.UNKNOWN);

  private static final int TRIES = 2500;

  private static InProcessDelos delos;
  private static List<MethodDescriptor<?, ?>> methods;
  private static Map<String, List<byte[]>> seeds;
  private static final Map<Status.Code, Integer> SEEN = new ConcurrentHashMap<>();

  @BeforeContainer
  static void start() {
    delos =
        new InProcessDelos(
            "delos.grpc.call-timeout = 2s\n"
                + "delos.grpc.limits { max-batch = 32, max-horizon = 40, max-rollout-steps = 640,"
                + " max-steps-per-call = 5, max-query-rows = 200, max-recorded-systems = 16,"
                + " stream-buffer = 8, max-streams = 8, max-planners = 4,"
                + " default-plan-budget = 20ms, max-plan-budget = 100ms,"
                + " max-fine-tune-epochs = 2 }\n"
                + "delos.symbolic.max-budget = 1s");
    methods = new ArrayList<>();
    for (ServiceDescriptor s :
        List.of(
            RobotServiceGrpc.getServiceDescriptor(),
            TrajectoryServiceGrpc.getServiceDescriptor(),
            WorldModelServiceGrpc.getServiceDescriptor(),
            PlannerServiceGrpc.getServiceDescriptor(),
            ForecastServiceGrpc.getServiceDescriptor(),
            SymbolicRegressionServiceGrpc.getServiceDescriptor(),
            TokenizerServiceGrpc.getServiceDescriptor(),
            SteeringServiceGrpc.getServiceDescriptor(),
            SensingServiceGrpc.getServiceDescriptor(),
            InterpretableModelServiceGrpc.getServiceDescriptor())) {
      methods.addAll(s.getMethods());
    }
    seeds = validRequests();
  }

  @AfterContainer
  static void stop() {
    System.out.println("fuzz statuses: " + SEEN);
    delos.close();
  }

  @Provide
  Arbitrary<MethodDescriptor<?, ?>> anyMethod() {
    return Arbitraries.of(methods);
  }

  /** Random messages of each method's request type. */
  @Property(
      tries = TRIES,
      seed = "20261203",
      generation = GenerationMode.RANDOMIZED,
      shrinking = ShrinkingMode.OFF)
  void randomMessagesNeverCrashTheServerNorAnswerInternal(
      @ForAll("anyMethod") MethodDescriptor<?, ?> method, @ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Descriptor type = requestType(method);
    List<byte[]> requests = new ArrayList<>();
    int count = method.getType().clientSendsOneMessage() ? 1 : 1 + r.nextInt(3);
    for (int i = 0; i < count; i++) {
      requests.add(randomMessage(type, r, 0).toByteArray());
    }
    check(method, requests);
  }

  /** Valid requests with bytes flipped, inserted, deleted, duplicated or cut. */
  @Property(
      tries = TRIES,
      seed = "20261204",
      generation = GenerationMode.RANDOMIZED,
      shrinking = ShrinkingMode.OFF)
  void mutatedMessagesNeverCrashTheServerNorAnswerInternal(
      @ForAll("anyMethod") MethodDescriptor<?, ?> method, @ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<byte[]> valid = seeds.getOrDefault(method.getFullMethodName(), List.of(new byte[0]));
    List<byte[]> requests = new ArrayList<>();
    for (byte[] v : valid) {
      requests.add(r.nextInt(4) == 0 ? v : mutate(v, r));
    }
    check(method, requests);
  }

  @AfterProperty
  void validCallsStillWork() {
    assertThat(
            HealthGrpc.newBlockingStub(delos.channel)
                .check(HealthCheckRequest.getDefaultInstance())
                .getStatus())
        .isEqualTo(ServingStatus.SERVING);
    assertThat(
            RobotServiceGrpc.newBlockingStub(delos.channel)
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .listSystems(ListSystemsRequest.getDefaultInstance())
                .getSystems(0)
                .getSystemId())
        .isEqualTo(InProcessDelos.ROBOT);
    PredictResponse p =
        WorldModelServiceGrpc.newBlockingStub(delos.channel)
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .predict(
                PredictRequest.newBuilder()
                    .setModelId("cartpole-simulator")
                    .setObservations(tensor(new double[] {0, 0, 1, 0, 0}, 1, 5))
                    .setActions(tensor(new double[] {0.5}, 1, 1))
                    .build());
    assertThat(p.getObservations().getDataCount()).isEqualTo(5);
  }

  private static void check(MethodDescriptor<?, ?> method, List<byte[]> requests) {
    // A Discover stream is read to its end: it is short (budgets are at most 1 s here), and a
    // client cancel racing the server's completion can lose the call's close in the in-process
    // transport, which is not what this test is about.
    int responses =
        method
                .getFullMethodName()
                .equals(SymbolicRegressionServiceGrpc.getDiscoverMethod().getFullMethodName())
            ? 1_000
            : 3;
    Status s = RawCalls.call(delos.channel, method, requests, responses, 3_000);
    SEEN.merge(s.getCode(), 1, Integer::sum);
    assertThat(s.getCode()).as("%s answered %s", method.getFullMethodName(), s).isNotIn(FORBIDDEN);
    if (s.getDescription() != null) {
      assertThat(s.getDescription())
          .doesNotContain("\tat ")
          .hasSizeLessThanOrEqualTo(Problems.MAX_DESCRIPTION);
    }
  }

  private static Descriptor requestType(MethodDescriptor<?, ?> method) {
    return ((ProtoMethodDescriptorSupplier) method.getSchemaDescriptor())
        .getMethodDescriptor()
        .getInputType();
  }

  private static final String[] STRINGS = {
    "",
    InProcessDelos.ROBOT,
    "cartpole",
    "cartpole-simulator",
    "cartpole-mlp",
    "planner-1",
    "planner-2",
    "balance",
    "swingup",
    "cost.0",
    "terminal.1",
    "constraint",
    "fuzz-client",
    "a b",
    "../../etc/passwd",
    "ü\u0000\n\t",
    "x".repeat(300)
  };

  private static final double[] DOUBLES = {
    0,
    1,
    -1,
    0.5,
    1e-300,
    1e30,
    -1e30,
    Double.NaN,
    Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY,
    Double.MAX_VALUE,
    20,
    0.02
  };

  private static final long[] LONGS = {
    0,
    1,
    -1,
    2,
    3,
    5,
    10,
    50,
    100,
    1000,
    Integer.MAX_VALUE,
    Integer.MIN_VALUE,
    Long.MAX_VALUE,
    Long.MIN_VALUE
  };

  private static Message randomMessage(Descriptor type, SplittableRandom r, int depth) {
    if (type.getFullName().equals("delos.v1.Tensor")) {
      return randomTensor(r);
    }
    DynamicMessage.Builder b = DynamicMessage.newBuilder(type);
    for (FieldDescriptor f : type.getFields()) {
      if (r.nextInt(4) == 0) {
        continue; // leave unset
      }
      if (f.isRepeated()) {
        int n = r.nextInt(depth > 1 ? 2 : 5);
        for (int i = 0; i < n; i++) {
          Object v = value(f, r, depth);
          if (v != null) {
            b.addRepeatedField(f, v);
          }
        }
      } else {
        Object v = value(f, r, depth);
        if (v != null) {
          b.setField(f, v);
        }
      }
    }
    return b.build();
  }

  private static Object value(FieldDescriptor f, SplittableRandom r, int depth) {
    return switch (f.getJavaType()) {
      case INT -> (int) pickLong(r);
      case LONG -> pickLong(r);
      case FLOAT -> (float) pickDouble(r);
      case DOUBLE -> pickDouble(r);
      case BOOLEAN -> r.nextBoolean();
      case STRING -> r.nextInt(5) == 0 ? randomString(r) : STRINGS[r.nextInt(STRINGS.length)];
      case BYTE_STRING -> {
        byte[] bytes = new byte[r.nextInt(16)];
        r.nextBytes(bytes);
        yield ByteString.copyFrom(bytes);
      }
      case ENUM -> {
        EnumDescriptor e = f.getEnumType();
        yield r.nextInt(4) == 0
            ? e.findValueByNumberCreatingIfUnknown(r.nextInt(-3, 100))
            : e.getValues().get(r.nextInt(e.getValues().size()));
      }
      case MESSAGE -> depth >= 3 ? null : randomMessage(f.getMessageType(), r, depth + 1);
    };
  }

  private static long pickLong(SplittableRandom r) {
    return r.nextInt(4) == 0 ? r.nextLong() : LONGS[r.nextInt(LONGS.length)];
  }

  private static double pickDouble(SplittableRandom r) {
    return r.nextInt(4) == 0 ? r.nextGaussian() * 10 : DOUBLES[r.nextInt(DOUBLES.length)];
  }

  private static String randomString(SplittableRandom r) {
    StringBuilder b = new StringBuilder();
    int n = r.nextInt(40);
    for (int i = 0; i < n; i++) {
      b.appendCodePoint(r.nextInt(3) == 0 ? r.nextInt(0x20, 0x3000) : r.nextInt(0x20, 0x7f));
    }
    return b.toString();
  }

  private static final long[][] SHAPES = {
    {5},
    {1},
    {1, 5},
    {2, 5},
    {1, 1},
    {3, 1},
    {1, 4, 1},
    {2, 3, 1},
    {4, 3},
    {0, 5},
    {},
    {1, 6},
    {33, 5},
    {1, 41, 1},
    {-1, 5},
    {Long.MAX_VALUE, 2},
    {1 << 20}
  };

  private static Message randomTensor(SplittableRandom r) {
    io.delos.proto.v1.Tensor.Builder t = io.delos.proto.v1.Tensor.newBuilder();
    long[] shape = SHAPES[r.nextInt(SHAPES.length)];
    long count = 1;
    for (long s : shape) {
      t.addShape(s);
      count = s < 0 || count > 10_000 ? 10_001 : count * Math.max(0, s);
    }
    if (r.nextInt(5) == 0) {
      t.addDims("batch");
    }
    long n = count <= 2000 && r.nextInt(4) != 0 ? count : r.nextInt(12);
    for (long i = 0; i < n; i++) {
      t.addData(r.nextInt(20) == 0 ? (float) pickDouble(r) : (float) r.nextGaussian());
    }
    return t.build();
  }

  private static byte[] mutate(byte[] v, SplittableRandom r) {
    List<Byte> bytes = new ArrayList<>(v.length + 8);
    for (byte b : v) {
      bytes.add(b);
    }
    int edits = 1 + r.nextInt(4);
    for (int e = 0; e < edits; e++) {
      int op = r.nextInt(5);
      int at = bytes.isEmpty() ? 0 : r.nextInt(bytes.size());
      switch (op) {
        case 0 -> {
          if (!bytes.isEmpty()) {
            bytes.set(at, (byte) (bytes.get(at) ^ (1 << r.nextInt(8))));
          }
        }
        case 1 -> bytes.add(at, (byte) r.nextInt(256));
        case 2 -> {
          if (!bytes.isEmpty()) {
            bytes.remove(at);
          }
        }
        case 3 -> {
          if (!bytes.isEmpty()) {
            bytes.subList(at, bytes.size()).clear();
          }
        }
        default -> {
          int len = Math.min(bytes.size() - at, 1 + r.nextInt(8));
          bytes.addAll(at, new ArrayList<>(bytes.subList(at, at + len)));
        }
      }
    }
    byte[] out = new byte[bytes.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = bytes.get(i);
    }
    return out;
  }

  /** One valid request (or a stream of them) per method, for mutation. */
  private static Map<String, List<byte[]>> validRequests() {
    Map<String, List<byte[]>> m = new HashMap<>();
    io.delos.proto.v1.Tensor state = tensor(new double[] {0, 0.1, 0.99, 0, 0}, 5);
    io.delos.proto.v1.Tensor action = tensor(new double[] {0.5}, 1);
    put(m, RobotServiceGrpc.getListSystemsMethod(), ListSystemsRequest.getDefaultInstance());
    put(
        m,
        RobotServiceGrpc.getDescribeSystemMethod(),
        DescribeSystemRequest.newBuilder().setSystemId(InProcessDelos.ROBOT).build());
    put(
        m,
        RobotServiceGrpc.getResetMethod(),
        ResetRequest.newBuilder().setSystemId(InProcessDelos.ROBOT).setSeed(3).build());
    put(
        m,
        RobotServiceGrpc.getStepMethod(),
        StepRequest.newBuilder()
            .setSystemId(InProcessDelos.ROBOT)
            .setAction(action)
            .setSteps(2)
            .build());
    put(
        m,
        RobotServiceGrpc.getStreamObservationsMethod(),
        StreamObservationsRequest.newBuilder()
            .setSystemId(InProcessDelos.ROBOT)
            .setMaxMessages(2)
            .build());
    put(
        m,
        RobotServiceGrpc.getControlMethod(),
        ControlRequest.newBuilder()
            .setStart(ControlStart.newBuilder().setSystemId(InProcessDelos.ROBOT))
            .build(),
        ControlRequest.newBuilder()
            .setAction(ControlAction.newBuilder().setStep(1).setAction(action))
            .build());
    Trajectory chunk =
        Trajectory.newBuilder()
            .setSystemId("fuzz-client")
            .addTimes(0)
            .addTimes(0.02)
            .addTimes(0.04)
            .setObservations(tensor(new double[15], 3, 5))
            .setActions(tensor(new double[3], 3, 1))
            .addRewards(0)
            .addRewards(0)
            .addRewards(0)
            .addFlags(1)
            .addFlags(0)
            .addFlags(0)
            .build();
    put(
        m,
        TrajectoryServiceGrpc.getRecordMethod(),
        RecordRequest.newBuilder().setChunk(chunk).build(),
        RecordRequest.newBuilder().setChunk(chunk).build());
    put(
        m,
        TrajectoryServiceGrpc.getQueryMethod(),
        QueryRequest.newBuilder().setSystemId(InProcessDelos.ROBOT).setMaxRows(5).build());
    put(
        m,
        TrajectoryServiceGrpc.getExportMethod(),
        ExportRequest.newBuilder().setSystemId("fuzz-client").build());
    put(
        m,
        WorldModelServiceGrpc.getGetModelInfoMethod(),
        ModelInfoRequest.newBuilder().setModelId("cartpole-mlp").build());
    put(
        m,
        WorldModelServiceGrpc.getPredictMethod(),
        PredictRequest.newBuilder()
            .setModelId("cartpole-simulator")
            .setObservations(tensor(new double[] {0, 0.1, 0.99, 0, 0}, 1, 5))
            .setActions(tensor(new double[] {0.5}, 1, 1))
            .build());
    put(
        m,
        WorldModelServiceGrpc.getRolloutMethod(),
        RolloutRequest.newBuilder()
            .setModelId("cartpole-simulator")
            .setObservations(tensor(new double[] {0, 0.1, 0.99, 0, 0}, 1, 5))
            .setActions(tensor(new double[] {0.5, 0.5, 0.5}, 1, 3, 1))
            .build());
    put(
        m,
        WorldModelServiceGrpc.getFineTuneMethod(),
        FineTuneRequest.newBuilder()
            .setModelId("cartpole-mlp")
            .addTrajectories(chunk)
            .setEpochs(1)
            .build());
    put(
        m,
        PlannerServiceGrpc.getCreatePlannerMethod(),
        CreatePlannerRequest.newBuilder()
            .setFamily("cartpole")
            .setHorizon(5)
            .setSamples(4)
            .build());
    put(
        m,
        PlannerServiceGrpc.getGetPlannerInfoMethod(),
        PlannerRequest.newBuilder().setPlannerId("planner-1").build());
    put(
        m,
        PlannerServiceGrpc.getPlanMethod(),
        PlanRequest.newBuilder()
            .setPlannerId("planner-1")
            .setObservation(state)
            .setBudgetMs(10)
            .build());
    put(
        m,
        PlannerServiceGrpc.getSetCostWeightsMethod(),
        SetCostWeightsRequest.newBuilder()
            .setPlannerId("planner-1")
            .putWeights("cost.0", 2)
            .build());
    put(
        m,
        PlannerServiceGrpc.getGetBestTrajectoryMethod(),
        PlannerRequest.newBuilder().setPlannerId("planner-1").build());
    put(
        m,
        PlannerServiceGrpc.getClosePlannerMethod(),
        PlannerRequest.newBuilder().setPlannerId("planner-2").build());
    double[] line = new double[24];
    for (int i = 0; i < 12; i++) {
      line[2 * i] = i;
      line[2 * i + 1] = 2 * i + 1;
    }
    put(
        m,
        SymbolicRegressionServiceGrpc.getDiscoverMethod(),
        DiscoverRequest.newBuilder()
            .addColumns("x")
            .addColumns("y")
            .setTable(tensor(line, 12, 2))
            .setTarget("y")
            .setBudgetSeconds(0.5)
            .setSeed(1)
            .build());
    put(
        m,
        SymbolicRegressionServiceGrpc.getCancelMethod(),
        CancelJobRequest.newBuilder().setJobId("sr-1").build());
    return m;
  }

  private static void put(
      Map<String, List<byte[]>> m, MethodDescriptor<?, ?> method, Message... requests) {
    List<byte[]> bytes = new ArrayList<>();
    for (Message r : requests) {
      bytes.add(r.toByteArray());
    }
    m.put(method.getFullMethodName(), bytes);
  }
}
