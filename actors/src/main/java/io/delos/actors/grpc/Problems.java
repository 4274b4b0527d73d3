package io.delos.actors.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Collection;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The statuses Delos answers for requests it cannot serve, with short descriptions that name the
 * field, repeat the bad value and state what is allowed. Never a stack trace.
 */
final class Problems {
  /** Longest description sent; longer ones are cut. */
  static final int MAX_DESCRIPTION = 600;

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

  private Problems() {}

  /** Bad input: {@code INVALID_ARGUMENT}. */
  static StatusRuntimeException invalid(String description) {
    return of(Status.INVALID_ARGUMENT, description);
  }

  /** An id that names nothing: {@code NOT_FOUND}. */
  static StatusRuntimeException notFound(String description) {
    return of(Status.NOT_FOUND, description);
  }

  /** A bound or capacity exceeded: {@code RESOURCE_EXHAUSTED}. */
  static StatusRuntimeException exhausted(String description) {
    return of(Status.RESOURCE_EXHAUSTED, description);
  }

  /** The wrong moment, or a capability that is not there: {@code FAILED_PRECONDITION}. */
  static StatusRuntimeException precondition(String description) {
    return of(Status.FAILED_PRECONDITION, description);
  }

  /** A transient fault (an actor did not answer in time, a model failed): {@code UNAVAILABLE}. */
  static StatusRuntimeException unavailable(String description) {
    return of(Status.UNAVAILABLE, description);
  }

  static StatusRuntimeException of(Status status, String description) {
    return status.withDescription(cut(description)).asRuntimeException();
  }

  /** {@code text} cut to {@link #MAX_DESCRIPTION} characters. */
  static String cut(String text) {
    if (text == null || text.length() <= MAX_DESCRIPTION) {
      return text;
    }
    return text.substring(0, MAX_DESCRIPTION - 3) + "...";
  }

  /** {@code value} quoted and cut for a message (ids from clients may be long or odd). */
  static String quote(String value) {
    String v = value.length() > 64 ? value.substring(0, 61) + "..." : value;
    StringBuilder b = new StringBuilder("'");
    v.codePoints()
        .forEach(
            c -> {
              if (c < ' ' || c == 0x7f) {
                b.append("\\u").append(Integer.toHexString(c));
              } else {
                b.appendCodePoint(c);
              }
            });
    return b.append('\'').toString();
  }

  /** Up to ten names, for a message that lists what is known. */
  static String list(Collection<String> names) {
    String shown = names.stream().limit(10).collect(Collectors.joining(", ", "[", ""));
    return shown + (names.size() > 10 ? ", ... " + (names.size() - 10) + " more]" : "]");
  }

  /**
   * Checks an id given by a client.
   *
   * @param field the field's name, for the message
   * @param value the id
   * @return the id
   * @throws StatusRuntimeException {@code INVALID_ARGUMENT} when it is empty or not 1 to 128
   *     letters, digits, '.', '_' or '-'
   */
  static String requireId(String field, String value) {
    if (value.isEmpty()) {
      throw invalid(field + " is empty: give an id");
    }
    if (!ID.matcher(value).matches()) {
      throw invalid(
          field
              + " = "
              + quote(value)
              + ": allowed 1 to 128 characters of letters, digits, '.', '_' and '-'");
    }
    return value;
  }

  /**
   * Checks the id of a model saved as a folder of the models directory: an id ({@link #requireId})
   * that does not start with '.', so that it never names the directory itself or its parent.
   *
   * @throws StatusRuntimeException {@code INVALID_ARGUMENT} naming the field and what is allowed
   */
  static String requireFolderId(String field, String value) {
    String id = requireId(field, value);
    if (id.startsWith(".")) {
      throw invalid(field + " = " + quote(id) + ": must not start with '.' (it names a folder)");
    }
    return id;
  }
}
