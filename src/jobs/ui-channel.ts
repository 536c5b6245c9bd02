// Runs in the plugin iframe (and in Node tests): the UI side of the main ⇄ ui channel.
import * as v from "valibot";
import { MainToUi, type MainEvent, type UiReplies, type UiRequest, type UiToMain } from "../core/protocol/plugin-messages.js";
import { describeSchemaIssue } from "../core/schema/describe-schema-issue.js";

/** A failed request to main, with main's code and its sentence for the designer. */
export class MainError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "MainError";
  }
}

export interface UiChannel {
  /** Sends a request to main and resolves with its reply; rejects with MainError. */
  requestAsync<T extends UiRequest["type"]>(request: Extract<UiRequest, { type: T }>): Promise<UiReplies[T]>;
  /** Listens to main's events; returns an unsubscribe function. */
  onEvent(listener: (event: MainEvent) => void): () => void;
  /** Feeds one raw message from main (what `window.onmessage` receives as `data.pluginMessage`). */
  receive(raw: unknown): void;
}

/**
 * Request/response over postMessage with counter ids. Every inbound message is parsed with
 * valibot; a malformed one is dropped and logged with the field that was wrong, never thrown
 * at the designer.
 * @param post sends one envelope to main (in Figma: `parent.postMessage({ pluginMessage }, '*')`).
 */
export function createUiChannel(post: (message: UiToMain) => void): UiChannel {
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const listeners = new Set<(event: MainEvent) => void>();
  return {
    requestAsync(request) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        post({ kind: "request", id, request });
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    receive(raw) {
      const parsed = v.safeParse(MainToUi, raw);
      if (!parsed.success) {
        console.warn(`brandfill: dropped a malformed message from main: ${describeSchemaIssue(parsed.issues[0], "message")}`);
        return;
      }
      const message = parsed.output;
      if (message.kind === "event") {
        listeners.forEach((l) => l(message.event));
        return;
      }
      const entry = pending.get(message.id);
      if (!entry) return;
      pending.delete(message.id);
      if (message.ok) entry.resolve(message.value);
      else entry.reject(new MainError(message.error.code, message.error.message));
    },
  };
}
