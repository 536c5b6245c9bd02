// Runs in a worker thread of the proxy's lock pool (lock-palette-pool.ts): one lock pass per task.
import { move, transferableSymbol, valueSymbol } from "piscina";
import { lockPalette, type LockReport } from "../core/colour/lock-palette.js";

/** A lock task: 8-bit straight-alpha RGBA pixels (the buffer is moved here, not copied) and `#RRGGBB` colours. */
export interface LockTask {
  width: number;
  height: number;
  data: ArrayBuffer;
  palette: readonly string[];
}

/** The locked pixels (moved back) and the lock's report. */
export interface LockTaskResult {
  data: ArrayBuffer;
  report: LockReport;
}

/** {@link lockPalette} on the task's pixels; its errors reach the pool as the task's rejection. */
export default function lockTask(task: LockTask): LockTaskResult {
  // The pixels were moved here for this pass alone: the lock overwrites them and they are moved back.
  const { image, report } = lockPalette(
    { width: task.width, height: task.height, data: new Uint8ClampedArray(task.data) },
    task.palette.map((hex) => ({ hex })),
    { inPlace: true },
  );
  const buffer = image.data.buffer as ArrayBuffer;
  const result: LockTaskResult = { data: buffer, report };
  // Piscina's transferable protocol: the pool posts `valueSymbol`'s object with the pixels moved, not copied.
  return move({ [transferableSymbol]: [buffer], [valueSymbol]: result } as never) as unknown as LockTaskResult;
}
