package io.delos.worldmodel.westworld;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.delos.worldmodel.baseline.FlatTransformer;
import io.delos.worldmodel.baseline.MlpEnsemble;
import io.delos.worldmodel.baseline.TrajWorldModel;
import io.delos.worldmodel.sequence.Checkpoint;
import io.delos.worldmodel.sequence.CheckpointException;
import io.delos.worldmodel.sequence.SequenceModel;
import io.delos.worldmodel.sequence.WestWorldConfig;
import java.util.List;

/** Builds any sequence model by kind: WestWorld, its ablations and the baselines. */
public final class SequenceModels {
  /** Every kind, WestWorld first. */
  public static final List<String> KINDS =
      List.of(
          "westworld",
          "westworld-dense",
          "westworld-nostructure",
          "trajworld",
          "tdm",
          "mlp-ensemble");

  private SequenceModels() {}

  /**
   * A model with fresh parameters.
   *
   * @param kind one of {@link #KINDS}
   * @param config sizes
   * @param device where the parameters live
   * @param seed seeds the initial parameters
   * @throws IllegalArgumentException for an unknown kind, naming the known ones
   */
  public static SequenceModel create(
      String kind, WestWorldConfig config, Device device, long seed) {
    return switch (kind) {
      case "westworld", "westworld-dense", "westworld-nostructure" ->
          new WestWorld(config, Variant.ofKind(kind), device, seed);
      case "trajworld" -> new TrajWorldModel(config, device, seed);
      case "tdm" -> new FlatTransformer(config, device, seed);
      case "mlp-ensemble" -> new MlpEnsemble(config, device, seed);
      default ->
          throw new IllegalArgumentException("kind = '" + kind + "': known kinds are " + KINDS);
    };
  }

  /**
   * Builds the model a checkpoint describes, with its parameters, on the engine's default device (a
   * GPU when DJL sees one).
   *
   * @throws CheckpointException when the parameters do not fit the named kind and configuration
   */
  public static SequenceModel restore(Checkpoint checkpoint) {
    return restore(checkpoint, Engine.getInstance().defaultDevice());
  }

  /**
   * Builds the model a checkpoint describes on {@code device}.
   *
   * @throws CheckpointException when the parameters do not fit the named kind and configuration
   */
  public static SequenceModel restore(Checkpoint checkpoint, Device device) {
    SequenceModel model = create(checkpoint.kind(), checkpoint.config(), device, 0);
    try {
      model.params().load(checkpoint.parameters());
    } catch (IllegalArgumentException e) {
      model.close();
      throw new CheckpointException(
          "checkpoint does not fit a '" + checkpoint.kind() + "' model: " + e.getMessage(), e);
    }
    return model;
  }
}
