/** A problem with what the user typed: printed as one line on stderr, exit code 2. */
export class CliError extends Error {}
