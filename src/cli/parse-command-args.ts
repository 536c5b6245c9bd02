// Runs in Node: the one argument parser of every `brandfill` command (node:util parseArgs with designer sentences).
import { parseArgs } from "node:util";

/** The options a command takes, as node:util `parseArgs` describes them (strings and switches only). */
export type CommandOptions = Record<string, { readonly type: "string" | "boolean"; readonly short?: string }>;

/** What a command got: its values by option name, and its positional file names. */
export interface ParsedCommand {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

/** The outcome of {@link parseCommandArgs}: the arguments, a request for help, or a sentence saying what is wrong. */
export type CommandArgs = ({ readonly kind: "args" } & ParsedCommand) | { readonly kind: "help" } | { readonly kind: "error"; readonly message: string };

/**
 * Parses one command's arguments with node:util `parseArgs` (strict: unknown options are errors;
 * `--name value` and `--name=value` both work) and turns its technical errors into sentences a
 * designer reads ("--frame needs a value.", "There is no option “--size” for variants.").
 * `--help` or `-h` anywhere asks for help. A leading command name (`variants …`) is skipped, so a
 * command can be called with the whole argument list or with what follows its name.
 *
 * @param command the command's name, e.g. `variants`.
 * @param args the command line after `brandfill`.
 * @param options the options the command takes (a `help` switch is added).
 * @param required option names that must be given a non-empty value.
 * @param positionals how many positional arguments the command takes (0 by default).
 */
export function parseCommandArgs(command: string, args: readonly string[], options: CommandOptions, required: readonly string[] = [], positionals = 0): CommandArgs {
  const given = args[0] === command ? args.slice(1) : [...args];
  if (given.some((a) => a === "--help" || a === "-h")) return { kind: "help" };
  // parseArgs refuses a value starting with "-"; a negative number after a string option is its value
  // (so "--feather -3" gets "must be 0 or more", not "needs a value").
  const list: string[] = [];
  for (let i = 0; i < given.length; i++) {
    const name = /^--([^=]+)$/.exec(given[i]!)?.[1];
    const next = given[i + 1];
    if (name && options[name]?.type === "string" && next !== undefined && /^-\d/.test(next)) {
      list.push(`--${name}=${next}`);
      i++;
    } else list.push(given[i]!);
  }
  let parsed: ParsedCommand;
  try {
    parsed = parseArgs({ args: list, options: { ...options }, strict: true, allowPositionals: positionals > 0 });
  } catch (error) {
    return { kind: "error", message: describeParseError(command, error) };
  }
  for (const name of Object.keys(options)) {
    if (options[name]!.type === "string" && parsed.values[name] === "") return { kind: "error", message: `--${name} needs a value.` };
  }
  const missing = required.filter((name) => parsed.values[name] === undefined);
  if (missing.length > 0) return { kind: "error", message: `Missing ${missing.map((name) => `--${name}`).join(", ")}.` };
  if (parsed.positionals.length > positionals) {
    const extra = parsed.positionals[positionals]!;
    return { kind: "error", message: `${command} takes ${positionals} file names; “${extra}” is one too many.` };
  }
  return { kind: "args", ...parsed };
}

/** parseArgs's error (codes ERR_PARSE_ARGS_*, Node's util docs) as a sentence naming the option. */
function describeParseError(command: string, error: unknown): string {
  const e = error as { code?: string; message?: string };
  const option = /'(-{1,2}[^' =]+)/.exec(e.message ?? "")?.[1] ?? "";
  switch (e.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `There is no option “${option}” for ${command}.`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return /does not take an argument/.test(e.message ?? "") ? `${option} is a switch and takes no value.` : `${option} needs a value.`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `${command} takes no file names without an option before them, but got “${/'([^']*)'/.exec(e.message ?? "")?.[1] ?? ""}”.`;
    default:
      return `The arguments of brandfill ${command} could not be read.`;
  }
}
