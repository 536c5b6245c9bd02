// Runs in Node: what every `brandfill` command shares — help, argument errors, failures as sentences, exit codes.
import type { ProxyClient } from "../jobs/proxy-client.js";
import { parseCommandArgs, type CommandOptions, type ParsedCommand } from "./parse-command-args.js";

/** Injected collaborators of a command (tests point them at emulators, recorders and arrays). */
export interface CommandIo {
  /** Where the proxy configuration is read from (keys, base URLs); default `process.env`. */
  readonly env?: Record<string, string | undefined>;
  /** Where result lines go (one JSON object per line); default standard output. */
  readonly stdout?: (line: string) => void;
  /** Where errors, warnings and usage go; default standard error. */
  readonly stderr?: (line: string) => void;
  /** The proxy client the job talks to; default the proxy's app in-process (`createInProcessProxy(env)`). */
  readonly proxy?: ProxyClient;
}

/** A bad argument found after parsing (a size, a colour, a model): its sentence, then the usage, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** What a command's body gets: its parsed arguments and where to write. */
export interface CommandContext extends ParsedCommand {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly env: Record<string, string | undefined>;
}

/** How a command is described to {@link runCommandAsync}. */
export interface CommandDefinition {
  readonly name: string;
  /** The usage text: printed on stdout for `--help`, on stderr after an argument error. */
  readonly usage: string;
  readonly options: CommandOptions;
  readonly required?: readonly string[];
  readonly positionals?: number;
}

/**
 * Runs one command: parses its arguments (`parseCommandArgs`), prints the usage on stdout for
 * `--help` (exit 0), a sentence and the usage on stderr for a bad argument or a {@link UsageError}
 * (exit 2), and the sentence of any other error on stderr as `brandfill <name>: …` (exit 1),
 * never a stack trace.
 *
 * @param body does the work; resolves with the exit code (0, or 1 when part of the work failed).
 */
export async function runCommandAsync(definition: CommandDefinition, args: readonly string[], io: CommandIo, body: (context: CommandContext) => Promise<number>): Promise<number> {
  const out = io.stdout ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const err = io.stderr ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const parsed = parseCommandArgs(definition.name, args, definition.options, definition.required ?? [], definition.positionals ?? 0);
  if (parsed.kind === "help") {
    out(definition.usage);
    return 0;
  }
  if (parsed.kind === "error") {
    err(`${parsed.message}\n${definition.usage}`);
    return 2;
  }
  try {
    return await body({ values: parsed.values, positionals: parsed.positionals, out, err, env: io.env ?? process.env });
  } catch (error) {
    if (error instanceof UsageError) {
      err(`${error.message}\n${definition.usage}`);
      return 2;
    }
    const message = error instanceof Error && error.message ? error.message : "Something went wrong.";
    err(`brandfill ${definition.name}: ${message}`);
    return 1;
  }
}
