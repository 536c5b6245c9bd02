// Runs in the plugin iframe (and in Node tests): the Variants job, from sizes to placed backgrounds.
import pLimit from "p-limit";
import type { ImagesRequest, ImagesResponse } from "../core/api/images-request.js";
import type { ModelEntry, Quality } from "../core/catalog/model-catalog.js";
import { nameColour } from "../core/colour/name-colour.js";
import { decodeBase64 } from "../core/encoding/base64.js";
import type { RequestedSize } from "../core/layout/parse-size-list.js";
import { CONTINUE_BACKGROUND_PROMPT } from "../core/prompt/compose-variant-prompt.js";
import type { Recipe } from "../core/protocol/recipe.js";
import type { PngCodec } from "../core/raster/png-codec-type.js";
import type { RgbaImage } from "../core/raster/rgba-image.js";
import { backgroundInFrame } from "../core/variants/background-in-frame.js";
import { buildVariantRequestAsync } from "../core/variants/build-variant-request.js";
import { finishVariantBackground } from "../core/variants/finish-variant-background.js";
import { planVariantBatch, type VariantBatchPlan } from "../core/variants/plan-variant-batch.js";
import { createSourcePyramid, type SourcePyramid } from "../core/variants/source-pyramid.js";
import type { VariantBackgroundMode, VariantBackgroundPlan, VariantPlanKind } from "../core/variants/plan-variant-background.js";
import type { VariantFrameInfo, VariantSourceReply } from "../core/variants/variant-messages.js";
import { ProxyError, type ProxyClient } from "./proxy-client.js";
import type { UiChannel } from "./ui-channel.js";
import { createVariantsRateGate, sleepAsync, type VariantsRateGate } from "./variants-rate-gate.js";

/** Sizes generated at once by default: a 12-size batch goes out in one wave; a 429 slows the whole pool. */
export const DEFAULT_VARIANTS_CONCURRENCY = 12;
/** Rate-limit answers one size sits out before it gives up (the pool keeps going). */
export const DEFAULT_RATE_LIMIT_RETRIES = 8;
/** Back-off when the proxy gives no `retryAfterS`: 1 s doubling to 8 s (the OpenAI SDK's own schedule, docs/providers.md). */
const BACKOFF_S = [1, 2, 4, 8] as const;
/** Other passing failures (provider down, timeout, proxy restarting) are tried this many more times. */
const TRANSIENT_RETRIES = 2;

/** What a cancelled size shows (whether it was cancelled while working or while waiting for a slot). */
const CANCELLED: Partial<VariantSizeState> = { status: "cancelled", stage: "Cancelled. Nothing was placed for this size.", error: { code: "cancelled", message: "Cancelled." } };

/** Where a size is: waiting for a slot, working, sitting out a rate limit, placing, or finished. */
export type VariantSizeStatus = "queued" | "running" | "waiting" | "placing" | "done" | "failed" | "cancelled";

/** What the panel shows for one size. A new object on every change (safe to keep for rendering). */
export interface VariantSizeState {
  /** Position in the job's `sizes`. */
  readonly index: number;
  readonly width: number;
  readonly height: number;
  readonly presetId: string | null;
  /** The variant frame, once main made it. */
  readonly frameNodeId: string | null;
  readonly status: VariantSizeStatus;
  /** A sentence for the designer: "Extending the background…", "Rate limited: trying again in 2 s." */
  readonly stage: string;
  /** 0–1, for a progress bar. */
  readonly progress: number;
  /** How the background is made (null until the plan exists). */
  readonly plan: VariantPlanKind | null;
  /** Why the size failed, for `failed` (and the cancel sentence for `cancelled`). */
  readonly error: { readonly code: string; readonly message: string } | null;
  /** Model requests sent for this size, rate-limited ones included. */
  readonly attempts: number;
  /** USD: the estimate until the model answers, then what it reported; null when unknown. */
  readonly costUsd: number | null;
  /** The placed background layer. */
  readonly placedNodeId: string | null;
  /** Sentences for the elements this size left out. */
  readonly dropped: readonly string[];
  /** Layout warnings (a logo, headline or button left out, a missing font). */
  readonly warnings: readonly string[];
}

/** Input of {@link startVariantsJob}. */
export interface VariantsJobInput {
  /** The source frame (captured now: the selection may change while the job runs). */
  readonly sourceNodeId: string;
  /** Sizes in points, with their preset id and safe zone (from `parseSizeList` or the preset picker). */
  readonly sizes: readonly RequestedSize[];
  readonly mode: VariantBackgroundMode;
  /** A catalog entry as `/v1/models` lists it. */
  readonly model: ModelEntry;
  readonly quality?: Quality;
  /** The designer's words; defaults to the source fill's recipe prompt. */
  readonly prompt?: string;
  /** Locked brand colours `#RRGGBB`; defaults to the source fill's recipe palette. */
  readonly palette?: readonly string[];
  /** Sizes in flight at once (default {@link DEFAULT_VARIANTS_CONCURRENCY}). */
  readonly concurrency?: number;
  /** Rate-limit answers a size waits out before failing (default {@link DEFAULT_RATE_LIMIT_RETRIES}). */
  readonly rateLimitRetries?: number;
  /** Called after every change of a size, with that size and all of them. */
  readonly onChange?: (state: VariantSizeState, all: readonly VariantSizeState[]) => void;
}

/** What the job knows once the frames exist. */
export interface VariantsReady {
  readonly frames: readonly VariantFrameInfo[];
  readonly source: Omit<VariantSourceReply, "png">;
  /** Per-size plans and the batch's estimated cost (see `planVariantBatch`). */
  readonly batch: VariantBatchPlan;
}

/** A running batch. */
export interface VariantsJob {
  /** Resolves once main has created every frame (layouts visible) and the plans exist; rejects when the frames could not be made. */
  readonly ready: Promise<VariantsReady>;
  /** Resolves when every size is done, failed or cancelled (one size's failure never rejects it); rejects like `ready`. */
  readonly done: Promise<readonly VariantSizeState[]>;
  /** The sizes' current states. */
  states(): readonly VariantSizeState[];
  /** Cancels one size; the others go on. Nothing is placed for it. */
  cancel(index: number): void;
  /** Cancels every size still queued or working. */
  cancelAll(): void;
  /** Runs a failed or cancelled size again on its own (after `ready`); resolves with its final state. */
  retryAsync(index: number): Promise<VariantSizeState>;
}

/** Collaborators of the job. */
export interface VariantsJobDeps {
  readonly channel: UiChannel;
  readonly proxy: ProxyClient;
  /** Reads the source background and the model's pictures, writes the placed ones (the panel passes the browser's, Node `fastPngCodec`). */
  readonly codec: PngCodec;
  /** The shared rate-limit pause (tests pass one with a fake clock). */
  readonly gate?: VariantsRateGate;
}

/**
 * The batch's estimated cost before anything starts, for the panel's confirm line: plans every
 * size as the job will (`planVariantBatch`), assuming the source background has the frame's
 * own size. Sizes that call no model cost 0; one unknown price makes the total unknown.
 *
 * @param source the source frame's size in points, or null when it has no generated or image background.
 */
export function estimateVariantsBatch(input: Pick<VariantsJobInput, "model" | "sizes" | "mode" | "quality">, source: { width: number; height: number } | null): VariantBatchPlan {
  return planVariantBatch({ model: input.model, sizes: input.sizes, source, mode: input.mode, ...(input.quality ? { quality: input.quality } : {}) });
}

/**
 * Starts a variants batch (issue 5): main creates every frame at once (the designer sees the
 * layouts), then each size's background is made concurrently in a bounded pool (`p-limit`) and
 * placed as it arrives. A 429 pauses the whole pool for the provider's `retryAfterS` (or 1–8 s)
 * and the size tries again; it fails only after {@link DEFAULT_RATE_LIMIT_RETRIES} such answers.
 * Each size has its own AbortController, progress and error; a failed or cancelled size can be
 * retried alone. Offline works for every kind of plan.
 */
export function startVariantsJob(input: VariantsJobInput, deps: VariantsJobDeps): VariantsJob {
  const { channel, proxy, codec } = deps;
  const gate = deps.gate ?? createVariantsRateGate();
  const limit = pLimit(Math.max(1, input.concurrency ?? DEFAULT_VARIANTS_CONCURRENCY));
  const rateLimitRetries = input.rateLimitRetries ?? DEFAULT_RATE_LIMIT_RETRIES;
  const states: VariantSizeState[] = input.sizes.map((s, index) => ({
    index,
    width: s.width,
    height: s.height,
    presetId: s.presetId ?? null,
    frameNodeId: null,
    status: "queued",
    stage: "Creating the frame…",
    progress: 0,
    plan: null,
    error: null,
    attempts: 0,
    costUsd: null,
    placedNodeId: null,
    dropped: [],
    warnings: [],
  }));
  const controllers = states.map(() => new AbortController());
  const update = (index: number, patch: Partial<VariantSizeState>) => {
    states[index] = { ...states[index]!, ...patch };
    input.onChange?.(states[index]!, states);
  };

  let context: JobContext | null = null;
  const ready = prepareAsync(input, channel, codec).then((prepared) => {
    context = prepared;
    prepared.ready.frames.forEach((frame, i) =>
      update(i, {
        frameNodeId: frame.nodeId,
        plan: prepared.ready.batch.plans[i]!.kind,
        costUsd: prepared.ready.batch.plans[i]!.costUsd,
        dropped: frame.layout.dropped.map((d) => d.reason),
        warnings: frame.layout.warnings,
        stage: "Waiting for a free slot…",
      }),
    );
    return prepared.ready;
  });
  ready.catch((error: unknown) => {
    const e = asError(error);
    states.forEach((_, i) => update(i, { status: "failed", stage: e.message, error: e }));
  });

  const runSizeAsync = async (index: number): Promise<VariantSizeState> => {
    const signal = controllers[index]!.signal;
    await limit(async () => {
      if (signal.aborted) return;
      try {
        await makeBackgroundAsync(context!, index, signal, { proxy, channel, codec, gate, rateLimitRetries, update: (patch) => update(index, patch) });
      } catch (error) {
        if (signal.aborted || (error instanceof ProxyError && error.code === "cancelled")) {
          update(index, CANCELLED);
        } else {
          const e = asError(error);
          update(index, { status: "failed", stage: e.message, error: e });
        }
      }
    });
    return states[index]!;
  };

  const cancel = (index: number) => {
    const state = states[index];
    if (!state || state.status === "done" || state.status === "failed" || state.status === "cancelled") return;
    controllers[index]!.abort(new ProxyError("cancelled", "Cancelled. Nothing was placed."));
    // A size still waiting for its slot will never start: say so now.
    if (state.status === "queued") update(index, CANCELLED);
  };

  const done = ready.then(() => Promise.all(states.map((_, i) => runSizeAsync(i))));
  return {
    ready,
    done,
    states: () => states,
    cancel,
    cancelAll() {
      states.forEach((_, i) => cancel(i));
    },
    async retryAsync(index) {
      await ready;
      const state = states[index];
      if (!state) throw new RangeError(`There is no size number ${index} in this batch.`);
      if (state.status !== "failed" && state.status !== "cancelled") return state;
      controllers[index] = new AbortController();
      update(index, { status: "queued", stage: "Waiting for a free slot…", progress: 0, error: null });
      return runSizeAsync(index);
    },
  };
}

/** What every size shares once the frames exist. */
interface JobContext {
  readonly input: VariantsJobInput;
  readonly ready: VariantsReady;
  /** The source background cut to the frame, at halving sizes, or null. */
  readonly sourceImage: SourcePyramid | null;
  /** The prompt the designer gave or the recipe's, or null when there is none. */
  readonly basePrompt: string | null;
  readonly palette: readonly string[];
}

/** Creates the frames (main), exports the source background and plans every size. */
async function prepareAsync(input: VariantsJobInput, channel: UiChannel, codec: PngCodec): Promise<JobContext> {
  const sizes = input.sizes.map((s) => ({
    width: s.width,
    height: s.height,
    ...(s.presetId ? { presetId: s.presetId } : {}),
    ...(s.safeZone ? { safeZone: { ...s.safeZone } } : {}),
  }));
  const reply = await channel.requestAsync({ type: "create-variant-frames", sourceNodeId: input.sourceNodeId, sizes });
  const exported = await channel.requestAsync({ type: "export-variant-source", sourceNodeId: input.sourceNodeId });
  const sourceImage = exported.png && exported.box ? backgroundInFrame(await codec.decodeAsync(exported.png), exported.box, exported.frame) : null;
  const { png: _png, ...source } = exported;
  const batch = planVariantBatch({
    model: input.model,
    sizes: input.sizes,
    source: sourceImage ? { width: sourceImage.width, height: sourceImage.height } : null,
    mode: input.mode,
    ...(input.quality ? { quality: input.quality } : {}),
  });
  const typed = input.prompt?.trim();
  const basePrompt = typed || exported.recipe?.promptTyped || (sourceImage ? CONTINUE_BACKGROUND_PROMPT : null);
  return {
    input,
    ready: { frames: reply.frames, source, batch },
    sourceImage: sourceImage ? createSourcePyramid(sourceImage) : null,
    basePrompt,
    palette: input.palette ?? exported.recipe?.palette ?? [],
  };
}

interface SizeDeps {
  proxy: ProxyClient;
  channel: UiChannel;
  codec: PngCodec;
  gate: VariantsRateGate;
  rateLimitRetries: number;
  update: (patch: Partial<VariantSizeState>) => void;
}

/** One size: plan → (model call) → finished pixels → placed layer. Throws what the designer should read. */
async function makeBackgroundAsync(ctx: JobContext, index: number, signal: AbortSignal, deps: SizeDeps): Promise<void> {
  const { input, sourceImage } = ctx;
  const frame = ctx.ready.frames[index]!;
  const plan = ctx.ready.batch.plans[index]!;
  deps.update({ status: "running", stage: "Preparing…", progress: 0.1, error: null });
  if (plan.kind === "none") {
    deps.update({ status: "done", stage: "Layout only: the source has no generated or image background to extend.", progress: 1, costUsd: 0 });
    return;
  }
  let image: RgbaImage;
  let response: Omit<ImagesResponse, "images"> | null = null;
  let promptSent = "";
  if (plan.kind === "resize" || plan.kind === "crop") {
    deps.update({ stage: plan.kind === "resize" ? "Scaling the background…" : "Cropping the background…", progress: 0.5 });
    image = finishVariantBackground(plan, sourceImage, null);
  } else {
    if (!ctx.basePrompt) throw Object.assign(new Error("Type a prompt: the source has no generated background whose prompt could be reused."), { code: "invalid_request" });
    const built = await buildVariantRequestAsync(
      {
        plan,
        layout: frame.layout,
        userPrompt: ctx.basePrompt,
        palette: ctx.palette,
        model: input.model,
        ...(input.quality ? { quality: input.quality } : {}),
        source: sourceImage,
        nameColour,
      },
      deps.codec,
    );
    promptSent = built.promptSent;
    // New pixels get the palette lock, in the proxy. An extended background's picture is locked
    // before its margins are blended in here, so the new margins land on the brand colours while
    // the source's own pixels (locked when they were made) stay exactly as they were; a
    // regenerated one is new everywhere and comes back fitted to the canvas and locked whole.
    const request: ImagesRequest = {
      ...built.request,
      ...(ctx.palette.length ? { lockPalette: true } : {}),
      ...(plan.kind === "regenerate" ? { fit: "cover" as const } : {}),
    };
    deps.update({ stage: plan.kind === "outpaint" ? "Extending the background…" : "Making a new background…", progress: 0.3 });
    const answer = await callWithBackoffAsync(request, signal, deps);
    const { images, ...rest } = answer;
    response = rest;
    const first = images[0];
    if (!first) throw Object.assign(new Error("The model answered without a picture. Retry this size."), { code: "provider_error" });
    deps.update({ stage: "Fitting the background to the frame…", progress: 0.7, costUsd: rest.costUsd });
    signal.throwIfAborted();
    const picture = await deps.codec.decodeAsync(decodeBase64(first.data));
    image = finishVariantBackground(plan, sourceImage, picture);
  }
  signal.throwIfAborted();
  deps.update({ status: "placing", stage: "Placing the background…", progress: 0.9 });
  const png = await deps.codec.encodeAsync(image);
  const placed = await deps.channel.requestAsync({
    type: "place-variant-background",
    target: frame.target,
    png,
    width: image.width,
    height: image.height,
    recipe: variantRecipe(ctx, frame, plan, promptSent, response),
  });
  deps.update({ status: "done", stage: "Done.", progress: 1, placedNodeId: placed.nodeId, ...(response ? { costUsd: response.costUsd } : { costUsd: 0 }) });
}

/**
 * Sends one request, sitting out rate limits: a `rate_limited` answer pauses the shared gate for
 * its `retryAfterS` (or the back-off schedule) and the request goes again, up to the job's limit;
 * other retryable failures get {@link TRANSIENT_RETRIES} more tries. Everything else is thrown.
 */
async function callWithBackoffAsync(request: ImagesRequest, signal: AbortSignal, deps: SizeDeps): Promise<ImagesResponse> {
  let limited = 0;
  let transient = 0;
  for (let attempt = 1; ; attempt++) {
    await deps.gate.waitAsync(signal);
    deps.update({ status: "running", attempts: attempt, ...(attempt > 1 ? { stage: "Trying again…" } : {}) });
    try {
      return await deps.proxy.generateAsync(request, { signal });
    } catch (error) {
      if (signal.aborted || !(error instanceof ProxyError)) throw error;
      if (error.code === "rate_limited" && limited < deps.rateLimitRetries) {
        const waitS = error.retryAfterS ?? BACKOFF_S[Math.min(limited, BACKOFF_S.length - 1)]!;
        limited++;
        deps.gate.pause(waitS);
        deps.update({ status: "waiting", stage: `The provider is busy: trying again in ${Math.max(1, Math.ceil(deps.gate.remainingMs() / 1000))} s…` });
        continue;
      }
      if (error.code === "rate_limited") {
        throw new ProxyError("rate_limited", `The provider kept refusing requests after ${limited} waits. Retry this size in a minute.`, true, error.retryAfterS);
      }
      if (error.retryable && error.code !== "budget_exceeded" && transient < TRANSIENT_RETRIES) {
        transient++;
        deps.update({ status: "waiting", stage: `${error.message} Trying again…` });
        await sleepAsync(BACKOFF_S[transient - 1]! * 1000, signal);
        continue;
      }
      throw error;
    }
  }
}

/** The recipe stored on a placed variant background (no key, no token, no image data). */
function variantRecipe(ctx: JobContext, frame: VariantFrameInfo, plan: VariantBackgroundPlan, promptSent: string, response: Omit<ImagesResponse, "images"> | null): Recipe {
  const sourceRecipe = ctx.ready.source.recipe;
  return {
    version: 1,
    kind: "variant",
    promptTyped: ctx.basePrompt ?? "",
    promptSent,
    model: response?.model ?? sourceRecipe?.model ?? ctx.input.model.id,
    provider: response?.provider ?? sourceRecipe?.provider ?? ctx.input.model.provider,
    size: { width: plan.target.width, height: plan.target.height },
    providerRequest: {
      variant: plan.kind,
      mode: ctx.input.mode,
      canvas: { ...plan.canvas },
      ...(response ? response.providerRequest : {}),
    },
    references: ctx.ready.source.elementId ? [ctx.ready.source.elementId] : [],
    palette: [...ctx.palette],
    costUsd: response ? response.costUsd : 0,
    createdAt: new Date().toISOString(),
    // A scaled or extended picture still carries the source's provenance mark.
    watermark: response?.watermark ?? sourceRecipe?.watermark ?? null,
    sourceNodeId: frame.nodeId,
  };
}

/** Any error as `{ code, message }` with a sentence for the designer. */
function asError(error: unknown): { code: string; message: string } {
  const e = error as { code?: unknown; message?: unknown };
  return {
    code: typeof e?.code === "string" ? e.code : "plugin_error",
    message: typeof e?.message === "string" && e.message ? e.message : "Something went wrong while making this size.",
  };
}
