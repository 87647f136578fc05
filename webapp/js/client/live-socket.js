// A WebSocket that stays connected: it reconnects with backoff after any drop
// the client did not ask for, and checks with pings that the line is alive.
import { backoffDelay } from './backoff.js';

const CLOSE_REASONS = {
  1000: 'closed',
  1001: 'the server is restarting',
  1006: 'the connection was lost',
  1009: 'a message was too large for the server',
  4400: 'the name is not valid',
  4401: 'authentication is required or the session has expired',
  4408: 'the connection was too slow',
  4429: 'too many messages were sent',
};

// Retrying cannot help with these: the same request would be refused again.
const FINAL = new Set([4400, 4401]);

const OPEN = 1; // WebSocket.OPEN, without needing a WebSocket class to read it
const PING_EVERY_MS = 25_000;
const SILENT_LIMIT_MS = 60_000;

export function describeClose(code) {
  return CLOSE_REASONS[code] || `the connection closed (${code})`;
}

// States given to onState:
//   {state: 'connecting', attempt}    {state: 'open'}
//   {state: 'waiting', delayMs, attempt, code}: a reconnect is scheduled
//   {state: 'stopped', code, reason}: for good, until start() is called again
export class LiveSocket {
  #url;
  #onFrame;
  #onState;
  #ws = null;
  #attempt = 0;
  #retryTimer = 0;
  #pingTimer = 0;
  #lastHeard = 0;
  #running = false;
  #run = 0; // counts connects and stop(), so a connect that awaited its URL across either gives up
  #online = () => this.retryNow();

  // url() is called, and awaited, for every connection, so it can carry the latest `since` and token:
  // it answers a URL, or {url, protocols} for the WebSocket's subprotocols.
  constructor(url, { onFrame, onState }) {
    this.#url = url;
    this.#onFrame = onFrame;
    this.#onState = onState;
  }

  get isOpen() {
    return this.#ws?.readyState === OPEN;
  }

  start() {
    this.stop();
    this.#running = true;
    this.#attempt = 0;
    globalThis.addEventListener?.('online', this.#online);
    this.#connect();
  }

  stop() {
    const wasRunning = this.#running;
    this.#running = false;
    this.#run++;
    globalThis.removeEventListener?.('online', this.#online);
    clearTimeout(this.#retryTimer);
    this.#drop(1000);
    if (wasRunning) this.#onState({ state: 'stopped', code: 1000 });
  }

  retryNow() {
    if (!this.#running || this.#ws) return;
    clearTimeout(this.#retryTimer);
    this.#connect();
  }

  send(frame) {
    if (!this.isOpen) return false;
    this.#ws.send(JSON.stringify(frame));
    return true;
  }

  async #connect() {
    const run = ++this.#run;
    this.#onState({ state: 'connecting', attempt: this.#attempt });
    let ws;
    try {
      const target = await this.#url();
      if (run !== this.#run) return;
      ws = target?.protocols ? new WebSocket(target.url, target.protocols) : new WebSocket(target?.url ?? target);
    } catch (error) {
      if (run === this.#run) this.#retryLater(1006, error);
      return;
    }
    this.#ws = ws;
    ws.addEventListener('open', () => this.#opened(ws));
    ws.addEventListener('message', (event) => this.#received(ws, event.data));
    ws.addEventListener('close', (event) => this.#closed(ws, event.code, event.reason ?? ''));
  }

  #opened(ws) {
    if (ws !== this.#ws) return;
    this.#lastHeard = Date.now();
    this.#pingTimer = setInterval(() => this.#checkAlive(), PING_EVERY_MS);
    this.#onState({ state: 'open' });
  }

  #received(ws, data) {
    if (ws !== this.#ws) return;
    this.#lastHeard = Date.now();
    this.#attempt = 0;
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    this.#onFrame(frame);
  }

  #closed(ws, code, reason) {
    if (ws !== this.#ws) return;
    this.#drop();
    if (FINAL.has(code)) {
      this.#running = false;
      this.#onState({ state: 'stopped', code, reason });
    } else {
      this.#retryLater(code);
    }
  }

  // A connection that has said nothing for a while is dead even if the browser has not noticed.
  #checkAlive() {
    if (Date.now() - this.#lastHeard > SILENT_LIMIT_MS) {
      this.#drop(4000);
      this.#retryLater(1006);
    } else {
      this.send({ type: 'ping' });
    }
  }

  #drop(code) {
    clearInterval(this.#pingTimer);
    const ws = this.#ws;
    this.#ws = null;
    if (ws && code && ws.readyState <= OPEN) ws.close(code);
  }

  #retryLater(code, error) {
    if (!this.#running) return;
    const delayMs = backoffDelay(this.#attempt++);
    this.#onState({ state: 'waiting', delayMs, attempt: this.#attempt, code, ...(error && { error }) });
    this.#retryTimer = setTimeout(() => this.#connect(), delayMs);
  }
}
