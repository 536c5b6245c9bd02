import type { BehaviourQueue } from "./behaviour-queue.js";
import type { EmulatorServer } from "./start-emulator-server.js";

/** The handle every provider emulator returns: where it listens, what it received, and its script. */
export interface EmulatorHandle<B, R> {
  /** Base URL to give the SDK (OpenAI: origin + `/v1`; Gemini: the origin). */
  readonly url: string;
  /** Every request received, in order (including rejected ones). Clear it with `requests.length = 0`. */
  readonly requests: R[];
  /** Requests whose client connection closed before the response finished (the caller aborted or timed out). */
  readonly closedConnections: number;
  /** Resolves once `closedConnections >= count`; rejects after `timeoutMs` (default 5000). */
  waitForClosedConnectionsAsync(count: number, timeoutMs?: number): Promise<void>;
  /** Queues behaviours for the next requests, one per request. */
  enqueue(...behaviours: B[]): void;
  /** Sets the behaviour used when the queue is empty. */
  setDefault(behaviour: B): void;
  /** Stops the server and ends every open connection, hanging ones included. */
  close(): Promise<void>;
}

/** Wires a transport, a behaviour queue and a request log into an `EmulatorHandle`. */
export function createEmulatorHandle<B, R>(url: string, server: EmulatorServer, behaviours: BehaviourQueue<B>, requests: R[]): EmulatorHandle<B, R> {
  return {
    url,
    requests,
    get closedConnections() {
      return server.closedConnections;
    },
    waitForClosedConnectionsAsync: (count, timeoutMs) => server.waitForClosedConnectionsAsync(count, timeoutMs),
    enqueue: (...items) => behaviours.enqueue(...items),
    setDefault: (behaviour) => behaviours.setDefault(behaviour),
    close: () => server.closeAsync(),
  };
}
