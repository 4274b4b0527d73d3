package io.delos.actors.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What the {@code eval} commands that produce one Markdown section share: the command line quoted
 * in the section, printing it, writing it to {@code --out}, and the exit codes.
 */
final class MarkdownSections {
  private MarkdownSections() {}

  /** The command as the user typed it, quoted in the section as its producing command. */
  static String commandLine(CommandSpec spec) {
    return ("./delos " + String.join(" ", spec.commandLine().getParseResult().originalArgs()))
        .strip();
  }

  /**
   * Runs an evaluation, prints its section and also writes it to {@code out} when one is given.
   *
   * @param name the command, for example "eval cat", prefixed to error messages
   * @param out the file to write, or null
   * @param evaluation builds its settings, runs, and returns the Markdown section
   * @return 0 on success, 2 when the settings are refused (an {@link IllegalArgumentException}), 1
   *     when {@code out} cannot be written
   */
  static int publish(String name, Path out, Supplier<String> evaluation) {
    String markdown;
    try {
      markdown = evaluation.get();
    } catch (IllegalArgumentException e) {
      System.err.println(name + ": " + e.getMessage());
      return 2;
    }
    System.out.print(markdown);
    if (out == null) {
      return 0;
    }
    try {
      Files.writeString(out, markdown);
      return 0;
    } catch (IOException e) {
      System.err.println(name + ": cannot write " + out + ": " + e.getMessage());
      return 1;
    }
  }
}
