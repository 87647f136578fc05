// Room client: one connection to ws/room/{room}; shows members and messages.
const $ = (id) => document.getElementById(id);

const statusEl = $('status');
const membersEl = $('members');
const countEl = $('member-count');
const logEl = $('log');
const errorEl = $('send-error');
const textInput = $('text');

const CLOSE_REASONS = {
  1000: 'closed',
  1001: 'the server is going away',
  1009: 'message too large',
  4400: 'invalid room or display name',
  4401: 'authentication required',
  4408: 'connection too slow',
  4429: 'too many messages',
};

let socket = null;
let me = '';
let members = new Set();
let memberCount = 0;
let refCounter = 0;
const pending = new Map(); // ref -> text, to restore the text if the server refuses it

// Resolved against this page, so it works at any context path.
function wsUrl(path, params) {
  const url = new URL(path, location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  for (const [key, value] of Object.entries(params)) {
    if (value) url.searchParams.set(key, value);
  }
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

function appendToLog(item) {
  logEl.append(item);
  logEl.scrollTop = logEl.scrollHeight;
}

function showMessage(frame) {
  const item = el('li', frame.from === me ? 'mine' : '');
  item.append(el('span', 'from', frame.from), timeEl(frame.ts), el('p', 'text', frame.text));
  appendToLog(item);
}

function showNotice(text, ts) {
  const item = el('li', 'notice', text + ' ');
  item.append(timeEl(ts));
  appendToLog(item);
}

function renderMembers() {
  const names = [...members].sort((a, b) => a.localeCompare(b));
  membersEl.replaceChildren(...names.map((name) => el('li', name === me ? 'mine' : '', name)));
  countEl.textContent = `(${memberCount})`;
}

function setConnected(connected) {
  textInput.disabled = !connected;
  $('send').disabled = !connected;
  $('leave').disabled = !connected;
}

function handleFrame(frame) {
  switch (frame.type) {
    case 'welcome':
      me = frame.user;
      members = new Set(frame.members || []);
      memberCount = frame.memberCount ?? members.size;
      renderMembers();
      (frame.history || []).forEach(showMessage);
      statusEl.textContent = `Connected to room ${frame.room} as ${frame.user}.`;
      break;
    case 'join':
      if (!members.has(frame.user)) memberCount++;
      members.add(frame.user);
      renderMembers();
      showNotice(`${frame.user} joined`, frame.ts);
      break;
    case 'leave':
      if (members.delete(frame.user)) memberCount = Math.max(0, memberCount - 1);
      renderMembers();
      showNotice(`${frame.user} left`, frame.ts);
      break;
    case 'message':
      pending.delete(frame.ref);
      showMessage(frame);
      break;
    case 'error':
      errorEl.textContent = `${frame.code}: ${frame.message}`;
      if (pending.has(frame.ref) && !textInput.value) textInput.value = pending.get(frame.ref);
      pending.delete(frame.ref);
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

function connect(name, room) {
  if (socket) socket.close(1000);
  logEl.replaceChildren();
  membersEl.replaceChildren();
  countEl.textContent = '';
  errorEl.textContent = '';
  pending.clear();
  statusEl.textContent = `Connecting to room ${room}…`;

  const ws = new WebSocket(wsUrl('ws/room/' + encodeURIComponent(room), { name }));
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

$('join-form').addEventListener('submit', (event) => {
  event.preventDefault();
  connect($('name').value.trim(), $('room').value.trim() || 'lobby');
});

$('leave').addEventListener('click', () => socket && socket.close(1000));

$('send-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = textInput.value;
  if (!socket || socket.readyState !== WebSocket.OPEN || text.trim() === '') return;
  const ref = 'c' + ++refCounter;
  pending.set(ref, text);
  socket.send(JSON.stringify({ type: 'message', text, ref }));
  textInput.value = '';
  errorEl.textContent = '';
});
