// valibot (imported as a namespace, tree-shaken): this schema ships in the sandbox bundle, where every kilobyte counts.
import * as v from "valibot";
import { PositiveNumber } from "../schema/positive-number.js";

/** Where a job's result must land, captured when the job starts (the selection may change). */
export const JobTarget = v.object({
  nodeId: v.string(),
  pageId: v.string(),
  /** Size in points of the target node when the job started. */
  width: PositiveNumber,
  height: PositiveNumber,
});
export type JobTarget = v.InferOutput<typeof JobTarget>;
