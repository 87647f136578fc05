// The connection state, always on screen: a dot, a sentence, and a button to retry at once.
import { describeClose } from './live-socket.js';

export class ConnectionStatus {
  #box;
  #text;
  #retry;
  #countdown = 0;

  // box holds .conn-text (a role=status element) and a .conn-retry button.
  constructor(box, onRetry) {
    this.#box = box;
    this.#text = box.querySelector('.conn-text');
    this.#retry = box.querySelector('.conn-retry');
    this.#retry.addEventListener('click', onRetry);
  }

  update({ state, attempt, delayMs, code }, openText = 'Connected') {
    clearInterval(this.#countdown);
    this.#box.dataset.state = state;
    this.#retry.hidden = state !== 'waiting';
    if (state === 'connecting') this.#say(attempt ? 'Reconnecting…' : 'Connecting…');
    else if (state === 'open') this.#say(openText);
    else if (state === 'waiting') this.#waiting(code, delayMs);
    else this.#say(code === 1000 ? 'Not connected' : `Disconnected: ${describeClose(code)}.`);
  }

  #waiting(code, delayMs) {
    const until = Date.now() + delayMs;
    const tick = () => {
      const seconds = Math.max(1, Math.ceil((until - Date.now()) / 1000));
      this.#say(`Offline: ${describeClose(code)}. Reconnecting in ${seconds} s…`);
    };
    tick();
    this.#countdown = setInterval(tick, 1000);
  }

  #say(text) {
    if (this.#text.textContent !== text) this.#text.textContent = text;
  }
}
