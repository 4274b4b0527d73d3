package io.delos.sim.morphology;

/** How an angle becomes observation channels. */
public enum AngleEncoding {
  /** One channel, the angle in radians (unwrapped for joints, wrapped to [-π, π) for bodies). */
  RAW,
  /** Two channels, sine and cosine, continuous through full turns. */
  SIN_COS
}
