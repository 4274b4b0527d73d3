package io.delos.actors.demo;

import io.delos.robots.catalogue.RobotSystem;
import io.delos.sim.Dynamics;
import io.delos.sim.Trajectory;
import io.delos.worldmodel.mlp.MlpConfig;
import io.delos.worldmodel.mlp.MlpDynamics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** One small MLP dynamics model per robot family, trained on that family's stream. */
final class MlpModels implements LearnedModels {
  private final Map<String, MlpDynamics> models = new LinkedHashMap<>();
  private final long seed;

  MlpModels(long seed) {
    this.seed = seed;
  }

  @Override
  public String name() {
    return "mlp";
  }

  @Override
  public void learn(
      Map<String, RobotSystem> systems,
      Map<String, List<Trajectory>> data,
      Duration budget,
      Listener listener,
      BooleanSupplier stop) {
    long end = System.nanoTime() + budget.toNanos();
    int remaining = data.size();
    for (Map.Entry<String, List<Trajectory>> e : data.entrySet()) {
      if (stop.getAsBoolean()) {
        return;
      }
      long left = Math.max(0, end - System.nanoTime());
      long familyEnd = System.nanoTime() + left / Math.max(1, remaining--);
      String family = e.getKey();
      MlpDynamics model =
          MlpDynamics.train(
              e.getValue(),
              new MlpConfig(List.of(128, 128), 60, 256, 1e-3, 0.1, 6, seed),
              new MlpDynamics.TrainingListener() {
                @Override
                public void onEpoch(int epoch, int maxEpochs, double validationLoss) {
                  listener.loss(family, epoch, validationLoss);
                }

                @Override
                public boolean finishEarly() {
                  // This family's share of the budget is spent: keep the best epoch so far.
                  return System.nanoTime() > familyEnd || stop.getAsBoolean();
                }
              });
      MlpDynamics old = models.put(e.getKey(), model);
      if (old != null) {
        old.close();
      }
    }
  }

  @Override
  public Dynamics dynamics(String family) {
    return models.get(family);
  }

  @Override
  public void close() {
    models.values().forEach(MlpDynamics::close);
    models.clear();
  }
}
