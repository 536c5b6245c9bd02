// Runs in the plugin iframe: a job tab's run, as its progress view shows it.

/** Idle, or running: the stage sentence, partial previews (`data:` URLs), the model's label and the image count. */
export type RunState = { kind: "idle" } | { kind: "running"; stage: string; partials: string[]; modelLabel: string; n: number };
