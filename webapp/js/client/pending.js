// Sends waiting for the server's answer, by the `ref` they went out with. Each
// is a promise, settled once: by its answer, an error frame, or its timeout.
import { ParleyError } from './errors.js';

export class PendingSends {
  #byRef = new Map();
  #count = 0;
  #timeoutMs;

  constructor(timeoutMs) {
    this.#timeoutMs = timeoutMs;
  }

  // A new ref and the promise of its answer; `detail` is kept with it for the caller.
  open(detail) {
    const ref = `p${++this.#count}`;
    let settle;
    const promise = new Promise((resolve, reject) => { settle = { resolve, reject }; });
    const timer = setTimeout(() => this.reject(ref, new ParleyError('timeout',
      `no answer from the server within ${this.#timeoutMs} ms; the message may still arrive`)), this.#timeoutMs);
    this.#byRef.set(ref, { ...settle, timer, detail });
    return { ref, promise };
  }

  resolve(ref, value) {
    const entry = this.#settle(ref);
    entry?.resolve(value);
    return entry !== undefined;
  }

  reject(ref, error) {
    const entry = this.#settle(ref);
    entry?.reject(error);
    return entry !== undefined;
  }

  // [ref, detail] of every send still waiting.
  entries() {
    return [...this.#byRef].map(([ref, entry]) => [ref, entry.detail]);
  }

  rejectAll(error) {
    for (const ref of [...this.#byRef.keys()]) this.reject(ref, error);
  }

  #settle(ref) {
    const entry = this.#byRef.get(ref);
    if (!entry) return undefined;
    this.#byRef.delete(ref);
    clearTimeout(entry.timer);
    return entry;
  }
}
