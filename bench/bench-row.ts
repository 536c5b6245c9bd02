/**
 * One line of the `npm run bench` table. Every figure is measured in the same run as its
 * reference, so `ratio = value / reference` is comparable across machines.
 */
export interface BenchRow {
  /** What was measured, e.g. "lock pass 4096² × 4 colours". */
  name: string;
  /** The measured figure. */
  value: number;
  /** Unit of `value`, e.g. "ms", "Mpx/s", "MB", "KB". */
  unit: string;
  /** What the reference is, e.g. "sharp recomb 3×3". */
  referenceName?: string;
  /** The reference figure, same unit, measured in this run. */
  reference?: number;
  /** The target as text, e.g. "≥ 50 Mpx/s". */
  target?: string;
  /** Whether the target holds; undefined when there is no target. */
  pass?: boolean;
}

/** A bench file's default export: runs its measurements and returns rows. */
export type BenchSuite = () => Promise<BenchRow[]>;
