// Shows a count of unseen messages in the tab's title while the tab is in the background.

export class TitleBadge {
  #base;
  #count = 0;

  constructor(base) {
    this.#base = base;
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden) this.set(0);
    });
    this.set(0);
  }

  rename(base) {
    this.#base = base;
    this.set(this.#count);
  }

  bump() {
    if (document.hidden) this.set(this.#count + 1);
  }

  set(count) {
    this.#count = count;
    document.title = count > 0 ? `(${count}) ${this.#base}` : this.#base;
  }
}
