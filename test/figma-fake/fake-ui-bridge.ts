/// <reference types="@figma/plugin-typings" />
import { notImplemented } from "./node-props.js";

/** The test's side of the plugin iframe: what main showed and posted, and a way to post back. */
export interface FakeUiBridge {
  /** HTML passed to `figma.showUI`, or undefined before it is called. */
  readonly html: string | undefined;
  /** Options passed to `figma.showUI` (updated by `ui.resize` / `ui.reposition`). */
  readonly options: ShowUIOptions | undefined;
  /** Whether the panel is showing (`showUI` visible option, `ui.show` / `ui.hide`, closed by `ui.close`). */
  readonly visible: boolean;
  /** Every message main posted, in order (structured clones). */
  readonly messagesFromMain: readonly unknown[];
  /**
   * Delivers a structured clone of `message` to main's `figma.ui.onmessage` and `figma.ui.on("message")`
   * handlers on a later macrotask, as Figma does. Resolves once the handlers have run and any promises
   * they returned have settled.
   * @throws the first error a handler threw or rejected with, so tests see failures in main.
   */
  sendToMain(message: unknown): Promise<void>;
  /** Subscribes to messages main posts with `figma.ui.postMessage`; returns an unsubscribe function. */
  onMessageFromMain(listener: (message: unknown) => void): () => void;
  /** Resolves with the next message main posts that passes `predicate` (after this call). */
  nextMessageFromMain(predicate?: (message: unknown) => boolean): Promise<unknown>;
}

/** Origin Figma reports for messages from a plugin iframe loaded from `__html__`. */
const UI_ORIGIN = "null";

/**
 * Creates both ends: `api` is `figma.ui`, `bridge` is the test's view of the iframe.
 * `showUI` records html/options; messages cross with `structuredClone` (Figma's postMessage uses the
 * structured clone algorithm too) and are delivered asynchronously.
 */
export function createFakeUi(): { api: UIAPI; bridge: FakeUiBridge; show(html: string, options: ShowUIOptions | undefined): void } {
  let html: string | undefined;
  let options: ShowUIOptions | undefined;
  let visible = false;
  const fromMain: unknown[] = [];
  const uiListeners = new Set<(message: unknown) => void>();
  const mainHandlers: Array<{ callback: MessageEventHandler; once: boolean }> = [];
  let onmessage: MessageEventHandler | undefined;

  const later = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

  const bridge: FakeUiBridge = {
    get html() {
      return html;
    },
    get options() {
      return options;
    },
    get visible() {
      return visible;
    },
    messagesFromMain: fromMain,
    async sendToMain(message: unknown): Promise<void> {
      const copy = structuredClone(message);
      await later();
      const results: unknown[] = [];
      const errors: unknown[] = [];
      const run = (fn: MessageEventHandler) => {
        try {
          results.push(fn(structuredClone(copy), { origin: UI_ORIGIN }));
        } catch (error) {
          errors.push(error);
        }
      };
      if (onmessage) run(onmessage);
      for (const h of [...mainHandlers]) {
        if (h.once) mainHandlers.splice(mainHandlers.indexOf(h), 1);
        run(h.callback);
      }
      const settled = await Promise.allSettled(results.map((r) => Promise.resolve(r)));
      for (const s of settled) if (s.status === "rejected") errors.push(s.reason);
      if (errors.length) throw errors[0];
    },
    onMessageFromMain(listener) {
      uiListeners.add(listener);
      return () => uiListeners.delete(listener);
    },
    nextMessageFromMain(predicate = () => true) {
      return new Promise((resolve) => {
        const listener = (message: unknown) => {
          if (!predicate(message)) return;
          uiListeners.delete(listener);
          resolve(message);
        };
        uiListeners.add(listener);
      });
    },
  };

  const api = {
    show() {
      visible = true;
    },
    hide() {
      visible = false;
    },
    resize(width: number, height: number) {
      options = { ...options, width, height };
    },
    reposition(x: number, y: number) {
      options = { ...options, position: { x, y } };
    },
    getPosition() {
      const p = options?.position ?? { x: 0, y: 0 };
      return { windowSpace: { ...p }, canvasSpace: { ...p } };
    },
    close() {
      visible = false;
    },
    postMessage(pluginMessage: unknown) {
      checkPluginMessage(pluginMessage, "pluginMessage");
      const copy = structuredClone(pluginMessage);
      setTimeout(() => {
        fromMain.push(copy);
        for (const listener of [...uiListeners]) listener(structuredClone(copy));
      }, 0);
    },
    get onmessage() {
      return onmessage;
    },
    set onmessage(handler: MessageEventHandler | undefined) {
      onmessage = handler;
    },
    on(type: string, callback: MessageEventHandler) {
      checkType(type);
      mainHandlers.push({ callback, once: false });
    },
    once(type: string, callback: MessageEventHandler) {
      checkType(type);
      mainHandlers.push({ callback, once: true });
    },
    off(type: string, callback: MessageEventHandler) {
      checkType(type);
      const i = mainHandlers.findIndex((h) => h.callback === callback);
      if (i >= 0) mainHandlers.splice(i, 1);
    },
  };

  return {
    api: strictObject(api, "figma.ui") as unknown as UIAPI,
    bridge,
    show(h, o) {
      html = h;
      options = o ? structuredClone(o) : {};
      visible = o?.visible ?? true;
    },
  };
}

/**
 * What `figma.ui.postMessage` can send (developers.figma.com/docs/plugins/api/properties/figma-ui-postmessage:
 * "You can send objects, arrays, numbers, strings, booleans, null, undefined, Date objects and Uint8Array
 * objects. However, functions and prototype chains of objects will not be sent"). The fake refuses the rest
 * (Map, Set, class instances, other typed arrays, ArrayBuffer, functions, symbols, bigints) so a test sees
 * the message that would arrive broken.
 * @throws Error naming the path of the first value that cannot be sent.
 */
export function checkPluginMessage(value: unknown, path: string): void {
  if (value === null || value === undefined) return;
  const kind = typeof value;
  if (kind === "boolean" || kind === "number" || kind === "string") return;
  if (kind === "object") {
    const proto = Object.getPrototypeOf(value);
    if (proto === Date.prototype || proto === Uint8Array.prototype) return;
    if (Array.isArray(value)) {
      value.forEach((v, i) => checkPluginMessage(v, `${path}[${i}]`));
      return;
    }
    if (proto === Object.prototype || proto === null) {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) checkPluginMessage(v, `${path}.${k}`);
      return;
    }
  }
  const name = kind === "object" ? ((value as object).constructor?.name ?? "object") : kind;
  throw new Error(`in postMessage: ${path} is a ${name}; figma.ui.postMessage sends only objects, arrays, numbers, strings, booleans, null, undefined, Date and Uint8Array`);
}

function checkType(type: string): void {
  if (type !== "message") throw new Error(`in figma.ui.on: Unknown event type ${JSON.stringify(type)}; only "message" exists`);
}

/** Property probes test tooling makes (await, expect, inspect) that must read as absent, not throw. */
const TOOLING_PROBES = new Set([
  "then",
  "toJSON",
  "asymmetricMatch",
  "$$typeof",
  "nodeType",
  "constructor",
  "inspect",
  "@@__IMMUTABLE_ITERABLE__@@",
  "@@__IMMUTABLE_RECORD__@@",
  "_isMockFunction",
]);

/**
 * Wraps an API object so that reading a member it does not have throws
 * `Error("<owner>.<name> is not implemented in the fake")` instead of returning undefined.
 */
export function strictObject<T extends object>(target: T, owner: string): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      if (typeof prop === "symbol" || prop in obj) return Reflect.get(obj, prop, receiver);
      if (TOOLING_PROBES.has(prop)) return undefined;
      const dot = owner.indexOf(".");
      throw notImplemented(owner.slice(0, dot < 0 ? undefined : dot), dot < 0 ? prop : `${owner.slice(dot + 1)}.${prop}`);
    },
  });
}
