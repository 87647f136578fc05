// The direct client's messages, grouped by the other person, with unread counts.
//
// An entry is {key, id, from, to, text, ts, mine, status, error}. Its key is
// "<stream>:<id>", where the stream is the receiver's name (ids are unique per
// receiver), so the same message reached by two ways (from the server, from
// another tab) is stored once. A message not yet acknowledged has a key of
// its own ("~<tab>:<ref>") until its ack brings the id.

export class Conversations {
  #me;
  #byKey = new Map();
  #byPeer = new Map(); // peer -> {keys: Set, unread: number, last: ts}

  constructor(me) {
    this.#me = me;
  }

  peerOf(entry) {
    return entry.from === this.#me ? entry.to : entry.from;
  }

  open(peer) {
    if (!this.#byPeer.has(peer)) this.#byPeer.set(peer, { keys: new Set(), unread: 0, last: '' });
    return this.#byPeer.get(peer);
  }

  // Adds an entry unless one with its key is there already; true when added.
  add(entry) {
    if (this.#byKey.has(entry.key)) return false;
    this.#byKey.set(entry.key, entry);
    const conversation = this.open(this.peerOf(entry));
    conversation.keys.add(entry.key);
    if (entry.ts > conversation.last) conversation.last = entry.ts;
    return true;
  }

  get(key) {
    return this.#byKey.get(key);
  }

  update(key, changes) {
    const entry = this.#byKey.get(key);
    if (entry) Object.assign(entry, changes);
  }

  // Gives a pending entry its final key; if that message is here already
  // (a message to oneself also arrives as incoming), the two become one.
  rekey(oldKey, newKey, changes) {
    const entry = this.#byKey.get(oldKey);
    if (!entry) return;
    this.#remove(oldKey);
    if (this.#byKey.has(newKey)) {
      this.update(newKey, { status: changes.status });
    } else {
      this.add({ ...entry, ...changes, key: newKey });
    }
  }

  #remove(key) {
    const entry = this.#byKey.get(key);
    this.#byKey.delete(key);
    this.#byPeer.get(this.peerOf(entry))?.keys.delete(key);
  }

  entries(peer) {
    const keys = this.#byPeer.get(peer)?.keys ?? [];
    return [...keys].map((key) => this.#byKey.get(key)).sort((a, b) => a.ts.localeCompare(b.ts));
  }

  // Most recently active first.
  peers() {
    return [...this.#byPeer.entries()]
      .sort(([a, x], [b, y]) => y.last.localeCompare(x.last) || a.localeCompare(b))
      .map(([peer]) => peer);
  }

  unread(peer) {
    return this.#byPeer.get(peer)?.unread ?? 0;
  }

  totalUnread() {
    let total = 0;
    for (const conversation of this.#byPeer.values()) total += conversation.unread;
    return total;
  }

  bumpUnread(peer) {
    this.open(peer).unread++;
  }

  markRead(peer) {
    const conversation = this.#byPeer.get(peer);
    if (conversation) conversation.unread = 0;
  }

  all() {
    return [...this.#byKey.values()];
  }
}
