// Message ids already passed on, so a message reached twice (a resumed history
// overlapping what was shown) is passed on once. Ids are opaque, so they cannot
// be compared; the oldest are forgotten past a bound far above any history size.
const KEEP = 10_000;

export class SeenIds {
  #ids = new Set();
  last = '';

  // True the first time an id is offered.
  add(id) {
    if (this.#ids.has(id)) return false;
    this.#ids.add(id);
    this.last = id;
    if (this.#ids.size > KEEP) this.#ids.delete(this.#ids.values().next().value);
    return true;
  }
}
