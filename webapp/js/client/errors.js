// Why a send did not succeed. `code` is the server's error code (`too_long`,
// `rate_limited`, `inbox_full`, ...) or one of the client's own:
//   not_connected  the connection was not open; nothing was sent
//   too_large      the server closed the connection (1009) over a frame too large
//   not_sent       a room message lost with a dropped connection: not in the resumed history
//   unconfirmed    a direct message whose ack was lost with a dropped connection: it may have arrived
//   timeout        no answer within the send timeout; it may still arrive
//   closed         the client was stopped before an answer came
export class ParleyError extends Error {
  constructor(code, message, frame) {
    super(message || code);
    this.name = 'ParleyError';
    this.code = code;
    if (frame) this.frame = frame;
  }
}
