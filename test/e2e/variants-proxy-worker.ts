// The test proxy and both provider emulators in a worker thread, so their CPU work (synthesising,
// encoding and decoding pictures) runs beside the plugin's instead of queuing on its one thread,
// as it does in real use where the proxy and the provider are other machines.
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { GeminiBehaviour, OpenAiBehaviour } from "../emulators/index.js";

type Provider = "openai" | "gemini";
type Command =
  | { id: number; type: "enqueue"; provider: Provider; behaviours: unknown[] }
  | { id: number; type: "setDefault"; provider: Provider; behaviour: unknown }
  | { id: number; type: "requests"; provider: Provider }
  | { id: number; type: "close" };

/** A recorded provider request, reduced to what crosses threads. */
export interface WorkerRecordedRequest {
  path: string;
  /** The prompt text the provider got (OpenAI `prompt`; Gemini's text parts joined). */
  prompt: string;
  /** Pictures sent with it (OpenAI image and mask files; Gemini inline images). */
  images: number;
}

/** The proxy running in a worker: its URL and the emulators' scripts and logs, asynchronously. */
export interface ProxyWorker {
  url: string;
  enqueueAsync(provider: "openai", ...behaviours: OpenAiBehaviour[]): Promise<void>;
  enqueueAsync(provider: "gemini", ...behaviours: GeminiBehaviour[]): Promise<void>;
  setDefaultAsync(provider: Provider, behaviour: OpenAiBehaviour | GeminiBehaviour): Promise<void>;
  requestsAsync(provider: Provider): Promise<WorkerRecordedRequest[]>;
  closeAsync(): Promise<void>;
}

/** Starts `startTestProxyAsync` in a worker thread (TypeScript loaded by tsx there too). */
export async function startProxyWorkerAsync(): Promise<ProxyWorker> {
  const worker = new Worker(new URL(import.meta.url), { execArgv: ["--import", "tsx"], workerData: { role: "variants-proxy" } });
  const pending = new Map<number, (value: unknown) => void>();
  let nextId = 1;
  const url = await new Promise<string>((resolve, reject) => {
    worker.once("error", reject);
    worker.on("message", (m: { type: string; url?: string; id?: number; value?: unknown }) => {
      if (m.type === "ready") resolve(m.url!);
      else if (m.type === "reply") pending.get(m.id!)?.(m.value);
    });
  });
  const send = (command: Omit<Command, "id">) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      worker.postMessage({ ...command, id });
    });
  return {
    url,
    enqueueAsync: async (provider: Provider, ...behaviours: unknown[]) => void (await send({ type: "enqueue", provider, behaviours } as Omit<Command, "id">)),
    setDefaultAsync: async (provider, behaviour) => void (await send({ type: "setDefault", provider, behaviour } as Omit<Command, "id">)),
    requestsAsync: async (provider) => (await send({ type: "requests", provider } as Omit<Command, "id">)) as WorkerRecordedRequest[],
    closeAsync: async () => {
      await send({ type: "close" });
      await worker.terminate();
    },
  } as ProxyWorker;
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === "variants-proxy") {
  const { startTestProxyAsync } = await import("../proxy/start-test-proxy.js");
  const proxy = await startTestProxyAsync();
  const port = parentPort!;
  port.on("message", async (command: Command) => {
    let value: unknown = null;
    if (command.type === "enqueue") (proxy[command.provider].enqueue as (...b: unknown[]) => void)(...command.behaviours);
    else if (command.type === "setDefault") (proxy[command.provider].setDefault as (b: unknown) => void)(command.behaviour);
    else if (command.type === "requests") {
      value = proxy[command.provider].requests.map((r): WorkerRecordedRequest => {
        const json = r.json as { prompt?: string; contents?: { parts?: { text?: string; inlineData?: unknown }[] }[] } | undefined;
        const parts = json?.contents?.flatMap((c) => c.parts ?? []) ?? [];
        return {
          path: r.path,
          prompt: r.form?.fields["prompt"] ?? json?.prompt ?? parts.flatMap((p) => (p.text ? [p.text] : [])).join("\n"),
          images: r.form ? r.form.files.length : parts.filter((p) => p.inlineData).length,
        };
      });
    } else if (command.type === "close") await proxy.close();
    port.postMessage({ type: "reply", id: command.id, value });
  });
  port.postMessage({ type: "ready", url: proxy.url });
}
