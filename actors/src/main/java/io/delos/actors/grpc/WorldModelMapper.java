package io.delos.actors.grpc;

import io.delos.actors.model.ModelHost;
import io.delos.proto.v1.FineTuneProgress;
import io.delos.proto.v1.ModelInfo;
import io.delos.proto.v1.Tensor;
import io.delos.sim.State;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Converts between model-host messages and {@code delos.v1} world-model messages. */
final class WorldModelMapper {
  private static final List<String> BATCH = List.of("batch", "channel");
  private static final List<String> ROLLOUT = List.of("batch", "time", "channel");

  private WorldModelMapper() {}

  /**
   * A model's description.
   *
   * @param e the model
   * @param info what its host reports, or null when it has no host yet
   */
  static ModelInfo info(HostedModels.Entry e, ModelHost.Info info) {
    ModelInfo.Builder b =
        ModelInfo.newBuilder()
            .setModelId(e.id)
            .setKind(e.kind)
            .setFamily(e.system.family())
            .setVersion(e.version)
            .setReady(e.ready())
            .setObservationSize(e.observationSize())
            .setActionSize(e.actionSize())
            .addAllObservationNames(e.system.morphology().observationSpace().names())
            .addAllActionNames(e.system.morphology().actionSpace().names())
            .setValidationLoss(e.validationLoss);
    if (info != null) {
      b.setVersion(info.version())
          .setRequests(info.requests())
          .setBatches(info.batches())
          .setLargestBatch(info.largestBatch());
    }
    return b.build();
  }

  /** Start states, one per row of a {@code [batch, n]} input. */
  static List<State> starts(Tensors.Input observations, int n) {
    int batch = (int) observations.extent(0);
    double[] v = observations.values();
    List<State> out = new ArrayList<>(batch);
    for (int b = 0; b < batch; b++) {
      out.add(State.of(Arrays.copyOfRange(v, b * n, (b + 1) * n)));
    }
    return out;
  }

  static Tensor next(double[] predicted, int batch, int n) {
    return Tensors.of(predicted, BATCH, batch, n);
  }

  static Tensor rollout(double[] predicted, int batch, int horizon, int n) {
    return Tensors.of(predicted, ROLLOUT, batch, horizon, n);
  }

  static FineTuneProgress progress(int epoch, int maxEpochs, double loss, long transitions) {
    return FineTuneProgress.newBuilder()
        .setEpoch(epoch)
        .setMaxEpochs(maxEpochs)
        .setValidationLoss(loss)
        .setTransitions(transitions)
        .build();
  }
}
