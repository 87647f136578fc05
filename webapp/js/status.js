// The connection state, always on screen: a dot, a sentence, and a button to retry at once.
import { describeClose } from './client/index.js';
import { el } from './dom.js';

export class ConnectionStatus {
  #box;
  #text;
  #retry;
  #seconds;
  #countdown = 0;

  // box holds .conn-text (a role=status element) and a .conn-retry button.
  constructor(box, onRetry) {
    this.#box = box;
    this.#text = box.querySelector('.conn-text');
    this.#retry = box.querySelector('.conn-retry');
    this.#retry.addEventListener('click', onRetry);
    // Kept out of the live region, so a screen reader is not told every second.
    this.#seconds = el('span', 'conn-seconds');
    this.#seconds.setAttribute('aria-hidden', 'true');
    this.#text.after(this.#seconds);
  }

  update({ state, attempt, delayMs, code }, openText = 'Connected') {
    clearInterval(this.#countdown);
    this.#box.dataset.state = state;
    this.#retry.hidden = state !== 'waiting';
    this.#seconds.textContent = '';
    if (state === 'connecting') this.#say(attempt ? 'Reconnecting…' : 'Connecting…');
    else if (state === 'open') this.#say(openText);
    else if (state === 'waiting') this.#waiting(code, delayMs);
    else this.#say(code === 1000 ? 'Not connected' : `Disconnected: ${describeClose(code)}.`);
  }

  #waiting(code, delayMs) {
    this.#say(`Offline: ${describeClose(code)}. Reconnecting…`);
    const until = Date.now() + delayMs;
    const tick = () => {
      this.#seconds.textContent = `in ${Math.max(1, Math.ceil((until - Date.now()) / 1000))} s`;
    };
    tick();
    this.#countdown = setInterval(tick, 1000);
  }

  #say(text) {
    if (this.#text.textContent !== text) this.#text.textContent = text;
  }
}
