// The message box: a textarea that sends on Enter (Shift+Enter for a new line),
// a code point counter against the server's limit, and errors shown beside it.
import { codePoints, DEFAULT_LIMITS } from './client/index.js';

export class Composer {
  #form;
  #input;
  #counter;
  #error;
  #button;
  #onSend;
  #textMax = DEFAULT_LIMITS.textMax;

  // onSend(text) returns true when the text went out, and the box is then cleared.
  constructor(form, onSend) {
    this.#form = form;
    this.#input = form.querySelector('textarea');
    this.#counter = form.querySelector('.counter');
    this.#error = form.querySelector('.error');
    this.#button = form.querySelector('button[type=submit]');
    this.#onSend = onSend;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#submit();
    });
    this.#input.addEventListener('keydown', (event) => this.#keydown(event));
    this.#input.addEventListener('input', () => this.#count());
    this.#count();
  }

  get text() {
    return this.#input.value;
  }

  focus() {
    this.#input.focus();
  }

  setEnabled(enabled) {
    this.#button.disabled = !enabled;
  }

  showError(message) {
    this.#error.textContent = message;
  }

  // The server's limit, from its welcome.
  setTextMax(textMax) {
    this.#textMax = textMax;
    this.#count();
  }

  clearError() {
    this.#error.textContent = '';
  }

  // Puts text that did not reach the server back, unless something new was typed.
  restore(text) {
    if (this.#input.value.trim() !== '') return;
    this.#input.value = text;
    this.#count();
  }

  #keydown(event) {
    // isComposing: Enter that confirms an input method's candidate (Chinese, Japanese, ...) is not "send".
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    this.#form.requestSubmit();
  }

  #count() {
    const used = codePoints(this.#input.value);
    this.#counter.textContent = `${used} / ${this.#textMax}`;
    this.#counter.classList.toggle('over', used > this.#textMax);
    this.#input.setAttribute('aria-invalid', String(used > this.#textMax));
  }

  #submit() {
    const text = this.#input.value;
    const used = codePoints(text);
    if (text.trim() === '') return this.showError('Write something first.');
    if (used > this.#textMax) return this.showError(`Too long: ${used} characters, at most ${this.#textMax}.`);
    if (!this.#onSend(text)) return;
    this.clearError();
    this.#input.value = '';
    this.#count();
  }
}

const ERRORS = {
  bad_json: 'The server could not read that message.',
  bad_request: 'The server refused that message as malformed.',
  empty: 'The message is empty.',
  too_long: 'The message is too long for the server.',
  rate_limited: 'You are sending too fast. Wait a moment and try again.',
  inbox_full: 'Their inbox is full: the message was not stored. Try again later.',
  unavailable: 'The server cannot take messages right now. Try again shortly.',
  not_connected: 'Not connected. Your message stays here until the connection is back.',
  too_large: 'That message was too large for the server, which closed the connection. Shorten it and send again.',
  timeout: 'The server has not answered. The message may still arrive; check before sending it again.',
};

// A sentence for a send that failed: the server's error code or the client library's.
export function describeError(error) {
  return ERRORS[error.code] || error.frame?.message || error.message || `Refused (${error.code}).`;
}
