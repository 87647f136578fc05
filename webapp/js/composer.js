// The message box: a textarea that sends on Enter (Shift+Enter for a new line),
// a code point counter against the server's limit, and errors shown beside it.
import { codePoints, TEXT_MAX } from './names.js';

export class Composer {
  #form;
  #input;
  #counter;
  #error;
  #button;
  #onSend;

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
    this.#counter.textContent = `${used} / ${TEXT_MAX}`;
    this.#counter.classList.toggle('over', used > TEXT_MAX);
    this.#input.setAttribute('aria-invalid', String(used > TEXT_MAX));
  }

  #submit() {
    const text = this.#input.value;
    const used = codePoints(text);
    if (text.trim() === '') return this.showError('Write something first.');
    if (used > TEXT_MAX) return this.showError(`Too long: ${used} characters, at most ${TEXT_MAX}.`);
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
  too_long: `The message is too long (at most ${TEXT_MAX} characters).`,
  rate_limited: 'You are sending too fast. Wait a moment and try again.',
  inbox_full: 'Their inbox is full: the message was not stored. Try again later.',
  unavailable: 'The server cannot take messages right now. Try again shortly.',
};

// A sentence for an `error` frame from the server.
export function describeError(frame) {
  return ERRORS[frame.code] || frame.message || `Refused (${frame.code}).`;
}
