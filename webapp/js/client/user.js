// One user's connection (ws/user/{user}): direct messages in and out, the
// messages that waited while the user was offline, acks for what it sends.
import { ParleyConnection } from './connection.js';
import { ParleyError } from './errors.js';

export class ParleyUser extends ParleyConnection {
  user;
  #welcomes = 0;

  constructor(user, options = {}) {
    super(`ws/user/${encodeURIComponent(user)}`, options);
    this.user = user;
  }

  // Resolves with the server's ack: {id, status: 'delivered' | 'stored'}.
  // `data`: an optional plain object sent with the text (which may then be empty).
  send(to, text, data) {
    return this._sendMessage({ to, text, data });
  }

  _frame(frame) {
    if (frame.type === 'welcome') {
      this._welcomed(frame);
      this.emit('welcome', frame, { resumed: this.#welcomes++ > 0 });
    } else if (frame.type === 'message') {
      if (this._seen.add(frame.id)) this.emit('message', frame, { replayed: false });
    } else if (frame.type === 'ack') {
      this._pending.resolve(frame.ref, frame);
    } else if (frame.type === 'error') {
      this._error(frame);
    }
  }

  // An ack lost with the connection cannot be had again: the resume brings
  // messages to this user, not answers to what it sent.
  _dropped(code) {
    this._pending.rejectAll(code === 1009
      ? new ParleyError('too_large', 'the server closed the connection over a frame too large for it')
      : new ParleyError('unconfirmed', 'the connection dropped before the server answered; the message may have arrived'));
  }
}
