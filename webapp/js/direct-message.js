// One message of a conversation on screen, with the delivery mark of one's own.
import { el, timeEl } from './dom.js';

const MARKS = {
  sending: ['sending…', 'Sent to the server, waiting for its answer'],
  delivered: ['✓ delivered', 'A connection of the receiver got it'],
  stored: ['✓ stored', 'The receiver is offline; it waits in their inbox'],
  unconfirmed: ['? not confirmed', 'The server did not answer: the connection dropped, or the answer was late'],
  failed: ['✗ not sent', ''],
};

export function messageItem(entry) {
  const item = el('li', entry.mine ? 'msg mine' : 'msg');
  const meta = el('div', 'meta');
  meta.append(el('span', 'from', entry.from), timeEl(entry.ts));
  if (entry.mine && entry.status) meta.append(mark(entry));
  item.append(meta, el('p', 'text', entry.text));
  return item;
}

function mark(entry) {
  const [text, explanation] = MARKS[entry.status] ?? MARKS.sending;
  const node = el('span', `mark ${entry.status}`, text);
  node.title = entry.error || explanation;
  return node;
}
