// Runs in Node: dispatches `brandfill <command> …` to the command modules.

const USAGE = `Usage: brandfill <command> [options]

Commands (each runs the panel's own job on files, with the proxy's providers in-process):
  fill      --frame frame.json --prompt "…" --out fill.png [--model offline] [--palette "#E30613,#FFD400"]
  inpaint   --image in.png --mask mask.png --prompt "…" --out out.png [--model offline] [--feather N]
  variants  --frame frame.json --sizes 300x250,728x90 --out dir/ [--background bg.png] [--palette …]
  lock      --palette "#00AA66,#FFFFFF" in.png out.png

brandfill <command> --help shows a command's options. Keys are read from the environment as the
proxy reads them (OPENAI_API_KEY, GEMINI_API_KEY); the offline model needs none.
`;

type Command = (args: string[]) => Promise<number>;

/** Loads a command module only when it is used, so one command's dependencies never slow another. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  fill: async () => (await import("./fill-command.js")).fillCommandAsync,
  inpaint: async () => (await import("./inpaint-command.js")).inpaintCommandAsync,
  variants: async () => (await import("./variants-command.js")).variantsCommandAsync,
  lock: async () => (await import("./lock-command.js")).lockCommandAsync,
};

/**
 * Runs one command and returns its exit code: 0 success, 1 failure, 2 bad arguments.
 * `brandfill`, `brandfill --help` and `brandfill help` print the usage on stdout (exit 0, except
 * with no arguments at all: 2); errors are printed as one sentence on stderr, never a stack trace.
 */
export async function runCliAsync(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    if (name) process.stdout.write(USAGE);
    else process.stderr.write(USAGE);
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
