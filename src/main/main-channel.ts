// Runs in the Figma sandbox: the main side of the main ⇄ ui channel.
import * as v from "valibot";
import { type MainToUi, UiToMain, type MainEvent } from "../core/protocol/plugin-messages.js";
import { describeSchemaIssue } from "../core/schema/describe-schema-issue.js";
import { handleUiRequestAsync } from "./handle-ui-request.js";

/**
 * Listens to the panel: every message is parsed with valibot; a malformed one is dropped and
 * logged with the field that was wrong (never thrown at the user); each request gets exactly one response with its id —
 * `{ ok: true, value }` or `{ ok: false, error: { code, message } }` with a sentence for a
 * designer (raw Error objects never cross the boundary).
 */
export function startMainChannel(): { sendEvent: (event: MainEvent) => void } {
  const post = (message: MainToUi) => figma.ui.postMessage(message);
  figma.ui.onmessage = (raw: unknown) => {
    const parsed = v.safeParse(UiToMain, raw);
    if (!parsed.success) {
      console.warn(`brandfill: dropped a malformed message from the panel: ${describeSchemaIssue(parsed.issues[0], "message")}`);
      return;
    }
    const { id, request } = parsed.output;
    handleUiRequestAsync(request).then(
      (value) => post({ kind: "response", id, ok: true, value: value ?? null }),
      (error: unknown) => {
        const e = error as { code?: unknown; message?: unknown };
        post({
          kind: "response",
          id,
          ok: false,
          error: {
            code: typeof e?.code === "string" ? e.code : "plugin_error",
            message: typeof e?.message === "string" && e.message ? e.message : "Something went wrong in the plugin.",
          },
        });
      },
    );
  };
  return { sendEvent: (event) => post({ kind: "event", event }) };
}
