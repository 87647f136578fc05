// A member of one broadcast room (ws/room/{room}): members, messages in the
// room's one order, each passed on once across reconnects.
import { ParleyConnection } from './connection.js';
import { ParleyError } from './errors.js';

export class ParleyRoom extends ParleyConnection {
  #name;
  room;
  user = '';
  members = new Set();
  memberCount = 0;
  #welcomes = 0;

  // options.name: the display name to ask for (without it the server assigns a guest name).
  constructor(room, { name = '', ...options } = {}) {
    super(`ws/room/${encodeURIComponent(room)}`, options);
    this.room = room;
    this.#name = name;
  }

  // Resolves with the server's copy of the message (its id and ts) once the room has it.
  // `data`: an optional plain object sent with the text (which may then be empty).
  send(text, data) {
    return this._sendMessage({ text, data });
  }

  _query() {
    return { name: this.user || this.#name };
  }

  _frame(frame) {
    if (frame.type === 'welcome') this.#welcome(frame);
    else if (frame.type === 'message') this.#message(frame);
    else if (frame.type === 'join' || frame.type === 'leave') this.#presence(frame);
    else if (frame.type === 'error') this._error(frame);
  }

  #welcome(frame) {
    this._welcomed(frame);
    this.user = frame.user;
    this.members = new Set(frame.members ?? []);
    this.memberCount = frame.memberCount ?? this.members.size;
    const resumed = this.#welcomes++ > 0;
    const missed = (frame.history ?? []).filter((message) => this._seen.add(message.id));
    missed.forEach((message) => this.emit('message', message, { replayed: true }));
    this.#settleInDoubt(missed);
    this.emit('welcome', frame, { resumed, missed });
  }

  // Sends from before a dropped connection either reached the room (then the
  // resumed history has them, from us, with that text and data) or did not.
  #settleInDoubt(missed) {
    const found = new Set();
    for (const [ref, sent] of this._pending.entries()) {
      if (sent.opens >= this._opens) continue;
      const copy = missed.find((m) => !found.has(m) && m.from === this.user && m.text === sent.text
        && JSON.stringify(m.data) === JSON.stringify(sent.data));
      if (copy) {
        found.add(copy);
        this._pending.resolve(ref, copy);
      } else {
        this._pending.reject(ref, new ParleyError('not_sent', 'the connection dropped before the room had the message'));
      }
    }
  }

  #message(frame) {
    if (this._seen.add(frame.id)) this.emit('message', frame, { replayed: false });
    if (frame.ref) this._pending.resolve(frame.ref, frame);
  }

  #presence(frame) {
    if (frame.type === 'join') {
      if (!this.members.has(frame.user)) this.memberCount++;
      this.members.add(frame.user);
    } else if (this.members.delete(frame.user)) {
      this.memberCount = Math.max(this.members.size, this.memberCount - 1);
    }
    this.emit('presence', frame);
  }

  _dropped(code) {
    if (code === 1009) {
      this._pending.rejectAll(new ParleyError('too_large', 'the server closed the connection over a frame too large for it'));
    }
  }
}
