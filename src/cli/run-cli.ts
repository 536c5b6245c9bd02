// Runs in Node: dispatches `brandfill <command> …` to the command modules.

const USAGE = `usage: brandfill <command> [options]

commands:
  inpaint   --image in.png --mask mask.png --prompt "…" --model offline --out out.png [--feather N]
  variants  --frame frame.json --sizes 300x250,728x90 --out dir/
  lock      --palette "#00AA66,#FFFFFF" in.png out.png
`;

type Command = (args: string[]) => Promise<number>;

/** Loads a command module only when it is used, so one command's dependencies never slow another. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  inpaint: async () => (await import("./inpaint-command.js")).inpaintCommandAsync,
  variants: async () => (await import("./variants-command.js")).variantsCommandAsync,
  lock: async () => (await import("./lock-command.js")).lockCommandAsync,
};

/**
 * Runs one command and returns its exit code: 0 success, 1 failure, 2 bad arguments.
 * Errors are printed as one sentence on stderr, never a stack trace.
 */
export async function runCliAsync(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "--help" || name === "-h") {
    process.stdout.write(USAGE);
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`brandfill: there is no command “${name}”.\n${USAGE}`);
    return 2;
  }
  try {
    return await (await load())(args);
  } catch (error) {
    process.stderr.write(`brandfill ${name}: ${(error as Error).message}\n`);
    return 1;
  }
}
