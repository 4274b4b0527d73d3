package io.delos.robots.generator;

import io.delos.robots.format.MorphologyFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Regenerates the catalogue's morphology files from {@link Families#reference} and the shipped
 * split from the generator. Run from the repository root after changing a family or the generator
 * file: {@code java -cp <test classpath> io.delos.robots.generator.WriteReferenceFiles}. {@code
 * ReferenceFilesTest} fails while the files and the code disagree.
 */
final class WriteReferenceFiles {
  static final Map<String, String> NOTES = new LinkedHashMap<>();

  static {
    NOTES.put(
        "pendulum",
        "Gymnasium Pendulum-v1 constants: a 1 m rod of 1 kg hinged at one end, g 10 m/s², torque"
            + " up to 2 N·m (the action is the torque), zero angle upright. Differences forced by"
            + " the engine: the rod is 2 cm wide (inertia 0.03% above a line); the speed limit of"
            + " 8 rad/s is the motor's torque-speed line (no forward torque at 8 rad/s) instead of"
            + " clipping the speed; JBox2D integrates at 250 Hz instead of Euler at 20 Hz.");
    NOTES.put(
        "acrobot",
        "Gymnasium Acrobot-v1 constants: links of 1 m and 1 kg, centre of mass at 0.5 m, moment of"
            + " inertia 1 kg·m² about it, g 9.8 m/s², torque on the elbow only. Zero angles hang"
            + " straight down as in Gymnasium. Differences forced by the engine: mass is spread"
            + " over shapes, so each link carries a thin cross bar whose length gives it the"
            + " inertia of 1 kg·m²; the torque is continuous in [-1, 1] N·m instead of {-1, 0, 1};"
            + " the speeds are not clipped (Gymnasium clips 4π and 9π rad/s); 250 Hz physics"
            + " instead of RK4 at 5 Hz. The 'tip' sensor reports the tip of the second link.");
    NOTES.put(
        "reacher",
        "Two-link arm seen from above with Gymnasium Reacher's link lengths (0.1 m and 0.11 m)."
            + " MuJoCo's armature and gear have no JBox2D counterpart, so masses (0.1 kg per"
            + " link), joint damping (0.01 N·m·s/rad) and torque (0.05 N·m, 10 rad/s) are chosen"
            + " here. The second joint is limited to ±2.8 rad. The 'fingertip' sensor reports the"
            + " tip of the last link; targets are fixed per task file.");
    NOTES.put(
        "hopper",
        "Gymnasium Hopper-v5 geometry (torso 0.4 m, thigh 0.45 m, leg 0.5 m, foot 0.39 m), masses"
            + " from MuJoCo's density 1000 kg/m³ over the capsules' volumes, joint ranges (thigh"
            + " and leg [-150°, 0], foot ±45°), gear 200 N·m, friction 0.9 (foot 2.0). MuJoCo's"
            + " rootx/rootz/rooty joints become a free torso in JBox2D; capsules are 2D;"
            + " MuJoCo's armature (1 kg·m²) is replaced by a torque-speed line of 10 rad/s.");
    NOTES.put(
        "walker",
        "Gymnasium BipedalWalker-v3 constants with its SCALE of 30 px/m undone: hull polygon"
            + " with density 5, legs 34/30 m by 8/30 m (lower legs 0.8 as wide) with density 1,"
            + " hips 8/30 m below the hull centre, hip limits [-0.8, 1.1] rad, knee limits [-1.6,"
            + " -0.1] rad, 80 N·m motors, 10 lidar rays of 160/30 m, ground friction 2.5, legs"
            + " 0.2. Differences forced by the engine: motors are torque motors with a"
            + " torque-speed line (4 rad/s at the hips, 6 at the knees) where Gymnasium sets a"
            + " motor speed with a torque limit; lidar rays turn with the hull (Gymnasium's stay"
            + " world-fixed); the ground is flat (Gymnasium's is gently rough).");
    NOTES.put(
        "cheetah",
        "Approximates Gymnasium HalfCheetah-v5: joint positions and segment ends read off"
            + " MuJoCo's capsules, MuJoCo's masses and gears (120, 90, 60, 120, 60, 30 N·m); ranges"
            + " negated because MuJoCo's joints turn clockwise seen from the side. Differences"
            + " forced by the engine: MuJoCo's joint springs are not modelled, and its joint"
            + " damping and armature are replaced by a torque-speed line of 15 rad/s (JBox2D's"
            + " explicit damping torque is unstable on segments this light); 2D capsules.");
    NOTES.put(
        "quadrotor",
        "Planar quadrotor (no Gymnasium counterpart): a 1 kg frame with arm 0.2 m and two rotors"
            + " each giving 0 to 9.81 N along the frame's up axis (thrust to weight 2; hover at"
            + " action 0.5 on both).");
    NOTES.put(
        "car",
        "Top-down car, gravity off (Gymnasium's CarRacing renders pixels and has no comparable"
            + " constants): 1.5 kg chassis 0.5 m by 0.24 m, four 0.2 kg wheels with tyres (4 N"
            + " lateral grip, 0.5 N·s/m rolling drag), front wheels steered by position servos"
            + " (±0.5 rad), rear wheels locked straight and pushed by 3 N drive thrusters.");
    NOTES.put(
        "lander",
        "Gymnasium LunarLander-v3 constants with SCALE 30 undone: lander polygon density 5"
            + " (4.82 kg), legs 4/30 by 16/30 m density 1 hinged at the lander centre, gravity"
            + " 10, main engine 86.7 N (13 × 4/30 N·s per 1/50 s frame), side engines 12 N"
            + " (0.6 × 12/30 N·s per frame) at 14/30 m above the centre, friction 0.1. Differences"
            + " forced by the engine: the legs' 40 N·m spring motors become damped hinges with"
            + " ±0.25 rad travel; the engines are linear thrusters (Gymnasium's main engine is off"
            + " below half throttle and both side engines share one action); no dispersion noise;"
            + " the terrain is one fixed profile with the pad at x in [-2, 2] m, y = 0, and"
            + " walls at x = ±12 m.");
  }

  private WriteReferenceFiles() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of("robots/src/main/resources/io/delos/robots");
    for (Map.Entry<String, String> e : NOTES.entrySet()) {
      Path file = root.resolve("catalogue/" + e.getKey() + "/morphology.json");
      Files.createDirectories(file.getParent());
      Files.writeString(file, MorphologyFormat.write(Families.reference(e.getKey()), e.getValue()));
    }
    Generator g = Generator.standard();
    Files.writeString(
        root.resolve("generator/split.json"), SplitFormat.write(g.split(g.defaultSeed())));
  }
}
