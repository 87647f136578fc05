// Listeners by event name. A listener that throws does not stop the others or
// the client: its error is rethrown on its own, where the page's console shows it.
export class Emitter {
  #listeners = new Map();

  // Returns a function that removes the listener again.
  on(type, listener) {
    if (!this.#listeners.has(type)) this.#listeners.set(type, new Set());
    this.#listeners.get(type).add(listener);
    return () => this.off(type, listener);
  }

  off(type, listener) {
    this.#listeners.get(type)?.delete(listener);
  }

  emit(type, ...args) {
    for (const listener of [...(this.#listeners.get(type) ?? [])]) {
      try {
        listener(...args);
      } catch (error) {
        setTimeout(() => { throw error; });
      }
    }
  }
}
