package io.delos.actors.cli;

import io.delos.actors.worldmodel.WorldModelEvaluation;
import io.delos.robots.dataset.DatasetException;
import io.delos.worldmodel.sequence.CheckpointException;
import io.delos.worldmodel.sequence.TrainingSettings;
import io.delos.worldmodel.sequence.WestWorldConfig;
import io.delos.worldmodel.westworld.SequenceModels;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code delos eval world-model}: the WestWorld evaluation protocol with its report. */
@Command(
    name = "world-model",
    mixinStandardHelpOptions = true,
    description =
        "Evaluate WestWorld against its baselines and ablations: zero-shot and few-shot"
            + " prediction error on the held-out systems of the split, a scaling curve, and MPPI"
            + " control through the model with and without pretraining. Writes OUT/report.md with"
            + " tables and PNG plots. Every finished piece is kept under OUT, so running the same"
            + " command again resumes.")
final class WorldModelEvalCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--out", required = true, description = "Report folder (data, models, results).")
  Path out;

  @Option(
      names = "--config",
      defaultValue = "cpu",
      description = "Model configuration (default: ${DEFAULT-VALUE}).")
  String config;

  @Option(
      names = "--parts",
      split = ",",
      defaultValue = "data,pretrain,zero-shot,few-shot,scaling,control,report",
      description = "Parts to run (default: all): ${DEFAULT-VALUE}.")
  List<String> parts;

  @Option(
      names = "--kinds",
      split = ",",
      defaultValue = "westworld,westworld-dense,westworld-nostructure,trajworld,tdm,mlp-ensemble",
      description = "Models to compare (default: ${DEFAULT-VALUE}).")
  List<String> kinds;

  @Option(
      names = "--pretrain-steps",
      defaultValue = "1000",
      description = "Pretraining steps per model (default: ${DEFAULT-VALUE}).")
  int pretrainSteps;

  @Option(
      names = "--batch",
      defaultValue = "16",
      description = "Windows per pretraining step (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--train-episodes",
      defaultValue = "8",
      description = "Episodes per training system, the last held out (default: ${DEFAULT-VALUE}).")
  int trainEpisodes;

  @Option(
      names = "--episode-steps",
      defaultValue = "500",
      description = "Steps per collected episode (default: ${DEFAULT-VALUE}).")
  int episodeSteps;

  @Option(
      names = "--eval-windows",
      defaultValue = "8",
      description = "Most evaluation windows per system (default: ${DEFAULT-VALUE}).")
  int evalWindows;

  @Option(
      names = "--fine-tune-steps",
      defaultValue = "300",
      description = "Few-shot fine-tuning steps (default: ${DEFAULT-VALUE}).")
  int fineTuneSteps;

  @Option(
      names = "--fine-tune-batch",
      defaultValue = "8",
      description = "Few-shot windows per step (default: ${DEFAULT-VALUE}).")
  int fineTuneBatch;

  @Option(
      names = "--fine-tune-lr",
      defaultValue = "3e-4",
      description = "Few-shot peak learning rate (default: ${DEFAULT-VALUE}).")
  double fineTuneLr;

  @Option(
      names = "--few-shot-episodes",
      defaultValue = "10",
      description = "Fine-tuning episodes per few-shot system (default: ${DEFAULT-VALUE}).")
  int fewShotEpisodes;

  @Option(
      names = "--seeds",
      defaultValue = "3",
      description = "Few-shot seeds (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(
      names = "--scaling-sizes",
      split = ",",
      defaultValue = "1,2,5,10,20,50,120",
      description = "Numbers of pretraining systems (default: ${DEFAULT-VALUE}).")
  List<Integer> scalingSizes;

  @Option(
      names = "--scaling-steps",
      defaultValue = "200",
      description = "Steps of each scaling run (default: ${DEFAULT-VALUE}).")
  int scalingSteps;

  @Option(
      names = "--planner-episodes",
      defaultValue = "12",
      description =
          "Episodes of each control robot driven by noisy MPPI through the simulator: its own"
              + " data for the control part (default: ${DEFAULT-VALUE}).")
  int plannerEpisodes;

  @Option(
      names = "--control-steps",
      defaultValue = "400",
      description = "Training or fine-tuning steps on that data (default: ${DEFAULT-VALUE}).")
  int controlSteps;

  @Option(
      names = "--cartpole-seeds",
      defaultValue = "5",
      description = "Swing-up episodes per model (default: ${DEFAULT-VALUE}).")
  int cartpoleSeeds;

  @Option(
      names = "--cheetah-seeds",
      defaultValue = "3",
      description = "Running episodes per model (default: ${DEFAULT-VALUE}).")
  int cheetahSeeds;

  @Option(
      names = "--cheetah-steps",
      defaultValue = "200",
      description = "Control steps per running episode (default: ${DEFAULT-VALUE}).")
  int cheetahSteps;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Base seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    for (String p : parts) {
      if (!WorldModelEvaluation.PARTS.contains(p)) {
        System.err.println(
            "eval: part '" + p + "' unknown; parts are " + WorldModelEvaluation.PARTS);
        return 2;
      }
    }
    for (String k : kinds) {
      if (!SequenceModels.KINDS.contains(k)) {
        System.err.println("eval: kind '" + k + "' unknown; kinds are " + SequenceModels.KINDS);
        return 2;
      }
    }
    try {
      WestWorldConfig c = TrainCommand.loadConfig(config);
      TrainingSettings t = TrainCommand.trainingSettings(config);
      String command =
          "delos eval world-model "
              + String.join(" ", spec.commandLine().getParseResult().originalArgs());
      WorldModelEvaluation.Settings s =
          new WorldModelEvaluation.Settings(
              out,
              config,
              kinds,
              parts,
              pretrainSteps,
              batch,
              trainEpisodes,
              episodeSteps,
              evalWindows,
              fineTuneSteps,
              fineTuneBatch,
              fineTuneLr,
              fewShotEpisodes,
              seeds,
              scalingSizes,
              scalingSteps,
              plannerEpisodes,
              controlSteps,
              cartpoleSeeds,
              cheetahSeeds,
              cheetahSteps,
              seed,
              command);
      new WorldModelEvaluation(s, c, t, System.err).run();
      return 0;
    } catch (IllegalArgumentException
        | IllegalStateException
        | DatasetException
        | CheckpointException e) {
      System.err.println("eval: " + e.getMessage());
      return 2;
    }
  }
}
