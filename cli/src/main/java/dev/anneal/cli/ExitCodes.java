package dev.anneal.cli;

/** What the {@code anneal} command's exit status means; the same for every subcommand. */
final class ExitCodes {
  /** Done: the curve was printed, the files are valid (warnings allowed), the conversion is exact. */
  static final int OK = 0;

  /** {@code validate}: a config has errors; {@code convert}: the target format cannot express the plan. */
  static final int REJECTED = 1;

  /** Bad input: a usage error, an unknown format, a file that cannot be read or is not a valid config. */
  static final int BAD_INPUT = 2;

  /** A bug in Anneal (sysexits' EX_SOFTWARE): one line asks for a report. */
  static final int INTERNAL_ERROR = 70;

  private ExitCodes() {}
}
