// Small DOM helpers. Every user-supplied string goes in through textContent, never as markup.

export const $ = (id) => document.getElementById(id);

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function show(node, visible) {
  node.hidden = !visible;
}

function sameDay(a, b) {
  return a.toDateString() === b.toDateString();
}

// A <time> showing the hour, or the date too when it is not today; the full date on hover.
export function timeEl(ts) {
  const node = el('time');
  const date = new Date(ts);
  if (Number.isNaN(date.getTime())) return node;
  node.dateTime = ts;
  node.title = date.toLocaleString();
  const time = date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  node.textContent = sameDay(date, new Date()) ? time : `${date.toLocaleDateString()} ${time}`;
  return node;
}

// True when a scrollable list is (nearly) at its end, so new items may scroll it.
export function nearBottom(list) {
  return list.scrollHeight - list.scrollTop - list.clientHeight < 48;
}

export function scrollToBottom(list) {
  list.scrollTop = list.scrollHeight;
}

// Reads text to screen readers through a polite live region, without moving focus.
export function announce(text) {
  const region = $('announce');
  if (!region) return;
  region.textContent = text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
