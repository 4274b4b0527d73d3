package io.delos.actors.cli;

import ai.djl.engine.Engine;
import io.delos.actors.worldmodel.TrainingProgress;
import io.delos.actors.worldmodel.WorldModelData;
import io.delos.robots.dataset.DatasetException;
import io.delos.sim.Trajectory;
import io.delos.worldmodel.sequence.Checkpoint;
import io.delos.worldmodel.sequence.CheckpointException;
import io.delos.worldmodel.sequence.SequenceModel;
import io.delos.worldmodel.sequence.SequenceTrainer;
import io.delos.worldmodel.sequence.SystemRegistry;
import io.delos.worldmodel.sequence.TrainingSettings;
import io.delos.worldmodel.sequence.TrajectoryWindows;
import io.delos.worldmodel.sequence.WestWorldConfig;
import io.delos.worldmodel.westworld.SequenceModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code delos train}: train WestWorld (or a baseline) on a dataset folder. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description =
        "Train WestWorld (the cpu configuration by default) or a baseline on a dataset folder"
            + " written by 'delos collect', and write a checkpoint. The checkpoint records the"
            + " command and seed. Running the same command again resumes from the training"
            + " checkpoint.",
    subcommands = {ForecastTrainCommand.class, SensingTrainCommand.class})
final class TrainCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  // --data and --out are required, but checked in call(): picocli would also demand them of the
  // 'forecast' and 'sensing' subcommands, which train from generated data.
  @Option(names = "--data", description = "Dataset folder (required).")
  Path data;

  @Option(
      names = "--systems",
      split = ",",
      description =
          "System ids or one of all, training, zero-shot, few-shot (default: every"
              + " system of the dataset).")
  List<String> systems;

  @Option(
      names = "--config",
      defaultValue = "cpu",
      description =
          "Built-in configuration (cpu, paper) or a configuration file"
              + " (default: ${DEFAULT-VALUE}).")
  String config;

  @Option(
      names = "--kind",
      defaultValue = "westworld",
      description = "Model kind: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
      completionCandidates = Kinds.class)
  String kind;

  @Option(names = "--steps", description = "Optimiser steps (default: the configuration's).")
  Integer steps;

  @Option(names = "--batch", description = "Windows per step (default: the configuration's).")
  Integer batch;

  @Option(names = "--lr", description = "Peak learning rate (default: the configuration's).")
  Double learningRate;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed of batches and initial weights.")
  long seed;

  @Option(
      names = "--init",
      description =
          "Start from this checkpoint's parameters (fine-tuning); its systems stay known.")
  Path init;

  @Option(
      names = "--trajectories",
      split = ",",
      description =
          "Also train on these trajectory files (written by 'delos eval world-model' or"
              + " PlannerData), after the dataset's episodes of the same systems.")
  List<Path> trajectories;

  @Option(names = "--out", description = "Training checkpoint file (required).")
  Path out;

  @Option(
      names = "--export",
      description =
          "Also write a parameters-only checkpoint here at the end (small, for shipping).")
  Path export;

  @Option(
      names = "--hold-out",
      defaultValue = "1",
      description =
          "Last episodes of each system kept for the validation loss (default: ${DEFAULT-VALUE}).")
  int holdOut;

  /** Completion candidates for --kind. */
  static final class Kinds extends java.util.ArrayList<String> {
    private static final long serialVersionUID = 1L;

    Kinds() {
      super(SequenceModels.KINDS);
    }
  }

  @Override
  public Integer call() {
    if (data == null || out == null) {
      System.err.println(
          "train: missing required option"
              + (data == null && out == null
                  ? "s --data and --out"
                  : data == null ? " --data" : " --out")
              + " (or train a forecaster or a SPAR model: delos train forecast --help, delos"
              + " train sensing --help)");
      return 2;
    }
    try {
      WestWorldConfig c = loadConfig(config);
      TrainingSettings s = trainingSettings(config).withSeed(seed);
      if (steps != null) {
        s = s.withSteps(steps, Math.min(s.warmupSteps(), Math.max(1, steps / 10)));
      }
      if (batch != null) {
        s = s.withBatchSize(batch);
      }
      if (learningRate != null) {
        s = s.withLearningRate(learningRate, Math.min(s.minLearningRate(), learningRate));
      }
      List<String> only = systems == null ? null : WorldModelData.systems(systems);
      Map<String, List<Trajectory>> all = WorldModelData.read(data, only);
      if (trajectories != null) {
        all = new LinkedHashMap<>(all);
        for (Path f : trajectories) {
          for (Trajectory t : io.delos.actors.worldmodel.PlannerData.read(f)) {
            all.computeIfAbsent(t.systemId(), k -> new java.util.ArrayList<>()).add(t);
          }
        }
      }
      if (all.isEmpty()) {
        System.err.println("train: no episodes of the chosen systems in " + data);
        return 2;
      }
      Map<String, List<Trajectory>> train = new LinkedHashMap<>();
      Map<String, List<Trajectory>> held = new LinkedHashMap<>();
      for (Map.Entry<String, List<Trajectory>> e : all.entrySet()) {
        List<Trajectory> l = e.getValue();
        int keep = l.size() > holdOut ? l.size() - holdOut : l.size();
        train.put(e.getKey(), l.subList(0, keep));
        if (keep < l.size()) {
          held.put(e.getKey(), l.subList(keep, l.size()));
        }
      }
      SystemRegistry registry = new SystemRegistry();
      SequenceModel model;
      if (init != null) {
        Checkpoint start = Checkpoint.read(init);
        registry = start.registry().copy();
        model = SequenceModels.restore(start);
        if (!model.kind().equals(kind)
            && spec.commandLine().getParseResult().hasMatchedOption("--kind")) {
          System.err.println(
              "train: --init holds a '" + model.kind() + "' model, not '" + kind + "'");
          model.close();
          return 2;
        }
        c = model.config();
      } else {
        model = SequenceModels.create(kind, c, Engine.getInstance().defaultDevice(), seed);
      }
      for (Map.Entry<String, List<Trajectory>> e : train.entrySet()) {
        if (!registry.contains(e.getKey())) {
          registry.fit(WorldModelData.layout(e.getKey()), e.getValue());
        }
      }
      try (model) {
        TrajectoryWindows windows = new TrajectoryWindows(registry, train, s.buckets());
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put(
            "command",
            "delos " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        notes.put("seed", Long.toString(seed));
        notes.put("data", data.toString());
        notes.put("started", Instant.now().toString());
        notes.put("device", model.params().device().toString());
        SequenceTrainer trainer =
            new SequenceTrainer(model, registry, s).notes(notes).checkpointTo(out);
        if (!held.isEmpty()) {
          trainer.validateOn(
              new TrajectoryWindows(registry, held, 1), Math.max(50, s.steps() / 10), 4);
        }
        long t0 = System.nanoTime();
        double val = trainer.train(windows, new TrainingProgress(System.err, "train"));
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (export != null) {
          notes.put("finished", Instant.now().toString());
          notes.put("steps", Integer.toString(trainer.step()));
          Checkpoint.of(model, registry, notes).write(export);
        }
        System.out.printf(
            "Trained %s on %d systems for %d steps in %.0f s; validation loss %.4f;"
                + " checkpoint %s%s%n",
            model.kind(),
            train.size(),
            trainer.step(),
            seconds,
            val,
            out,
            export == null ? "" : ", exported " + export);
      }
      return 0;
    } catch (IllegalArgumentException | DatasetException | CheckpointException e) {
      System.err.println("train: " + e.getMessage());
      return 2;
    }
  }

  static WestWorldConfig loadConfig(String name) {
    if (name.equals("cpu") || name.equals("paper")) {
      return WestWorldConfig.builtIn(name);
    }
    try {
      return WestWorldConfig.parse(Files.readString(Path.of(name)), name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static TrainingSettings trainingSettings(String name) {
    if (name.equals("cpu") || name.equals("paper")) {
      return TrainingSettings.builtIn(name);
    }
    try {
      return TrainingSettings.fromJson(
          io.delos.sim.json.Json.parse(Files.readString(Path.of(name)), name).get("training"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
