package io.delos.sim.json;

/** A document that is not valid JSON, or not valid for its format; the message names the line. */
public final class JsonException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public JsonException(String message) {
    super(message);
  }
}
