// What every Parley client has in common: the WebSocket that stays connected,
// its URL (with `since`) and token (in the subprotocols, never the URL), the
// token's renewal before it expires, the state, the limits from the welcome,
// ids seen, and sends waiting for their answer.
import { LiveSocket } from './live-socket.js';
import { Emitter } from './emitter.js';
import { PendingSends } from './pending.js';
import { SeenIds } from './seen-ids.js';
import { DEFAULT_LIMITS, limitsOf, codePoints, dataBytes } from './limits.js';
import { ParleyError } from './errors.js';

// The subprotocol Parley speaks, offered with every token.
export const PROTOCOL = 'parley.v1';
const TOKEN_PREFIX = 'token.';
const REFRESH_LEAD_MS = 60_000;

// When to ask for a fresh token: 60 s before `exp` (epoch seconds), or a tenth of
// the token's lifetime before it when that is shorter; never before `now`.
export function refreshDelay(expSeconds, obtainedAtMs, nowMs) {
  const expMs = expSeconds * 1000;
  const lead = Math.min(REFRESH_LEAD_MS, Math.max(0, (expMs - obtainedAtMs) / 10));
  return Math.max(0, expMs - lead - nowMs);
}

export class ParleyConnection extends Emitter {
  #path;
  #base;
  #token;
  #tokenAt = 0;
  #exp = 0;
  #refreshTimer = 0;
  #socket;
  #state = { state: 'stopped', code: 1000 };
  #opens = 0;
  limits = DEFAULT_LIMITS;
  protocol = '';

  // Subclasses use these: the ids seen and the sends waiting.
  _seen = new SeenIds();
  _pending;

  constructor(path, { base = globalThis.location?.href, token, since = '', ackTimeoutMs = 10_000 } = {}) {
    super();
    if (!base) throw new TypeError('Parley: no base URL (give options.base, such as "https://chat.example.com/")');
    this.#path = path;
    this.#base = base;
    this.#token = token;
    this._seen.last = since;
    this._pending = new PendingSends(ackTimeoutMs);
    this.#socket = new LiveSocket(() => this.#target(), {
      onFrame: (frame) => this.#received(frame),
      onState: (state) => this.#changed(state),
    });
  }

  get state() {
    return this.#state;
  }

  get isOpen() {
    return this.#socket.isOpen;
  }

  // The id of the last message seen: the `since` of the next connection.
  get lastId() {
    return this._seen.last;
  }

  // How many connections have opened; a send remembers the one it went out on.
  get _opens() {
    return this.#opens;
  }

  start() {
    this.#socket.start();
    return this;
  }

  stop() {
    clearTimeout(this.#refreshTimer);
    this.#socket.stop();
    this._pending.rejectAll(new ParleyError('closed', 'the client was stopped'));
  }

  retryNow() {
    this.#socket.retryNow();
  }

  // Sends a chat frame with a fresh ref; the promise settles on its answer. `data`,
  // when given, is a plain object; with it the text may be left out or empty.
  _sendMessage({ text, data, ...rest }) {
    const refused = this.#refusal(text, data);
    if (refused) return Promise.reject(refused);
    if (!this.isOpen) return Promise.reject(new ParleyError('not_connected', 'not connected; nothing was sent'));
    const frame = { ...rest, ...(typeof text === 'string' && text !== '' && { text }), ...(data != null && { data }) };
    const { ref, promise } = this._pending.open({ ...frame, opens: this.#opens });
    this.#socket.send({ type: 'message', ...frame, ref });
    return promise;
  }

  // The server's rules for a message's text and data, checked before sending.
  #refusal(text, data) {
    const hasData = data != null;
    if (hasData && (typeof data !== 'object' || Array.isArray(data))) {
      return new ParleyError('bad_request', 'data must be a plain object');
    }
    if (text != null && typeof text !== 'string') return new ParleyError('bad_request', 'text must be a string');
    if (!hasData && (text == null || text.trim() === '')) return new ParleyError('empty', 'the message is empty');
    if (text != null && codePoints(text) > this.limits.textMax) {
      return new ParleyError('too_long', `the message is longer than ${this.limits.textMax} characters`);
    }
    if (hasData && dataBytes(data) > this.limits.dataMax) {
      return new ParleyError('data_too_large', `the data is larger than ${this.limits.dataMax} bytes`);
    }
    return null;
  }

  // What every kind does with a welcome and an error frame.
  _welcomed(frame) {
    this.limits = limitsOf(frame);
    this.protocol = frame.protocol ?? '';
  }

  _error(frame) {
    const error = new ParleyError(frame.code, frame.message, frame);
    if (!this._pending.reject(frame.ref, error)) this.emit('error', error);
  }

  // Overridden by each kind: a frame from the server, and a lost connection.
  _frame() {}

  _dropped() {}

  // The URL carries no token: access logs record URLs. The token goes in the
  // subprotocols, beside Parley's own, which is the one the server answers.
  async #target() {
    const url = new URL(this.#path, this.#base);
    url.protocol = url.protocol === 'https:' || url.protocol === 'wss:' ? 'wss:' : 'ws:';
    url.search = '';
    const params = { ...this._query(), since: this.lastId };
    for (const [key, value] of Object.entries(params)) {
      if (value) url.searchParams.set(key, value);
    }
    const token = await this.#currentToken();
    return token ? { url, protocols: [PROTOCOL, TOKEN_PREFIX + token] } : { url };
  }

  // The server's `token` frames (the answer to a renewal) and the welcome's `exp`
  // are handled here; every frame then goes to the kind's own handling.
  #received(frame) {
    if (frame?.type === 'token') {
      this.#expiresAt(frame.exp, true);
      return;
    }
    if (frame?.type === 'welcome') this.#expiresAt(frame.exp, false);
    this._frame(frame);
  }

  // With a token hook, a fresh token is sent shortly before the session's `exp`.
  #expiresAt(exp, renewed) {
    clearTimeout(this.#refreshTimer);
    if (typeof exp !== 'number' || typeof this.#token !== 'function') return;
    // a hook that gave no fresher token is not asked again: the session ends at `exp`
    if (renewed && exp <= this.#exp) return;
    this.#exp = exp;
    this.#refreshTimer = setTimeout(() => this.#refresh(), refreshDelay(exp, this.#tokenAt, Date.now()));
  }

  async #refresh() {
    let token;
    try {
      token = await this.#currentToken();
    } catch (error) {
      this.emit('error', new ParleyError('token_refresh_failed', `the token hook failed: ${error}`));
      return;
    }
    if (token) this.#socket.send({ type: 'token', token });
  }

  _query() {
    return {};
  }

  // The token hook is asked before every connection, so it can renew an expiring token.
  async #currentToken() {
    const token = typeof this.#token === 'function' ? await this.#token() : this.#token;
    this.#tokenAt = Date.now();
    return token;
  }

  #changed(state) {
    if (state.state === 'open') this.#opens++;
    if (state.state !== 'open') clearTimeout(this.#refreshTimer);
    if (state.state === 'waiting' || state.state === 'stopped') this._dropped(state.code);
    if (state.state === 'stopped') this._pending.rejectAll(new ParleyError('closed', 'the connection was closed'));
    this.#state = state;
    this.emit('state', state);
    if (state.state === 'stopped' && state.code === 4401) {
      const detail = { code: state.code, reason: state.reason ?? '', expired: /expired/i.test(state.reason ?? '') };
      this.emit('unauthorized', detail);
      if (detail.expired) this.emit('expired', detail);
    }
  }
}
