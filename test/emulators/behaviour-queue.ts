/**
 * A per-request script for an emulator: behaviours queued with `enqueue` are consumed one per handled
 * request (first in, first out); when the queue is empty the default behaviour (initially `ok`) applies.
 */
export class BehaviourQueue<B> {
  readonly #queue: B[] = [];
  #default: B;

  /** @param initialDefault the behaviour used when nothing is queued. */
  constructor(initialDefault: B) {
    this.#default = initialDefault;
  }

  /** Appends behaviours consumed by the next requests, in order. */
  enqueue(...behaviours: B[]): void {
    this.#queue.push(...behaviours);
  }

  /** Replaces the behaviour used once the queue is empty. */
  setDefault(behaviour: B): void {
    this.#default = behaviour;
  }

  /** Removes and returns the next queued behaviour, or the default. */
  next(): B {
    return this.#queue.length > 0 ? this.#queue.shift()! : this.#default;
  }

  /** Number of behaviours still queued. */
  get pending(): number {
    return this.#queue.length;
  }
}
