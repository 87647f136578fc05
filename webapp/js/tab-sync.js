// Keeps the tabs of one user in step. The server gives every tab each incoming
// message, but a message a tab sends reaches only that tab's connection: the
// tab tells the others through a BroadcastChannel (same origin only).

export class TabSync {
  #channel = null;

  constructor(user, onMessage) {
    if (!('BroadcastChannel' in window)) return;
    this.#channel = new BroadcastChannel(`parley.direct.${user}`);
    this.#channel.addEventListener('message', (event) => onMessage(event.data));
  }

  post(message) {
    this.#channel?.postMessage(message);
  }

  close() {
    this.#channel?.close();
    this.#channel = null;
  }
}
