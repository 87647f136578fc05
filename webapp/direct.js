// Direct-message client: one connection to ws/user/{user}; receives and sends direct messages.
const $ = (id) => document.getElementById(id);

const statusEl = $('status');
const inboxEl = $('inbox');
const sentEl = $('sent');
const errorEl = $('send-error');
const toInput = $('to');
const textInput = $('text');

const CLOSE_REASONS = {
  1000: 'closed',
  1001: 'the server is going away',
  1009: 'message too large',
  4400: 'invalid user name',
  4401: 'authentication required',
  4408: 'connection too slow',
  4429: 'too many messages',
};

let socket = null;
let refCounter = 0;
const sentStatus = new Map(); // ref -> status element of a message we sent

// Resolved against this page, so it works at any context path.
function wsUrl(path) {
  const url = new URL(path, location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url;
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function timeEl(ts) {
  const node = el('time');
  const date = new Date(ts);
  node.dateTime = ts || '';
  node.textContent = isNaN(date) ? ts || '' : date.toLocaleTimeString();
  return node;
}

function append(list, item) {
  list.append(item);
  list.scrollTop = list.scrollHeight;
}

function showIncoming(frame) {
  const item = el('li');
  item.append(el('span', 'from', frame.from), timeEl(frame.ts), el('p', 'text', frame.text));
  append(inboxEl, item);
}

function showSent(ref, to, text) {
  const status = el('span', 'ack', 'sending…');
  const item = el('li', 'mine');
  item.append(el('span', 'from', `to ${to}`), timeEl(new Date().toISOString()), status,
    el('p', 'text', text));
  append(sentEl, item);
  sentStatus.set(ref, status);
}

function setSentStatus(ref, text, className) {
  const status = sentStatus.get(ref);
  if (!status) return;
  status.textContent = text;
  status.className = 'ack ' + className;
}

function setConnected(connected) {
  for (const id of ['to', 'text', 'send', 'disconnect']) $(id).disabled = !connected;
}

function handleFrame(frame) {
  switch (frame.type) {
    case 'welcome':
      statusEl.textContent = `Connected as ${frame.user}; ${frame.pending} pending message(s).`;
      break;
    case 'message':
      showIncoming(frame);
      break;
    case 'ack':
      setSentStatus(frame.ref, frame.status, frame.status);
      break;
    case 'error':
      errorEl.textContent = `${frame.code}: ${frame.message}`;
      setSentStatus(frame.ref, `failed: ${frame.code}`, 'failed');
      break;
  }
}

function parseFrame(data) {
  try {
    return JSON.parse(data);
  } catch {
    errorEl.textContent = 'Received a frame that is not JSON.';
    return null;
  }
}

function describeClose(event) {
  const why = CLOSE_REASONS[event.code] || event.reason || 'connection closed';
  return `Disconnected (${event.code}: ${why}).`;
}

function connect(user) {
  if (socket) socket.close(1000);
  inboxEl.replaceChildren();
  errorEl.textContent = '';
  statusEl.textContent = `Connecting as ${user}…`;

  const ws = new WebSocket(wsUrl('ws/user/' + encodeURIComponent(user)));
  socket = ws;
  // Events from a replaced socket are ignored.
  ws.addEventListener('open', () => socket === ws && setConnected(true));
  ws.addEventListener('message', (event) => {
    const frame = socket === ws && parseFrame(event.data);
    if (frame) handleFrame(frame);
  });
  ws.addEventListener('close', (event) => {
    if (socket !== ws) return;
    socket = null;
    setConnected(false);
    statusEl.textContent = describeClose(event);
  });
}

$('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  connect($('user').value.trim());
});

$('disconnect').addEventListener('click', () => socket && socket.close(1000));

$('send-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const to = toInput.value.trim();
  const text = textInput.value;
  if (!socket || socket.readyState !== WebSocket.OPEN || !to || text.trim() === '') return;
  const ref = 'c' + ++refCounter;
  socket.send(JSON.stringify({ type: 'message', to, text, ref }));
  showSent(ref, to, text);
  textInput.value = '';
  errorEl.textContent = '';
});
