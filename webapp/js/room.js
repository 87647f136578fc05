// Room client: joins ws/room/{room}, shows members and messages, and resumes
// after a dropped connection with `since`, showing every message once.
import { $, el, show, timeEl, nearBottom, scrollToBottom, announce } from './dom.js';
import { isName, NAME_HINT } from './names.js';
import { LiveSocket, wsUrl } from './live-socket.js';
import { ConnectionStatus } from './status.js';
import { Composer, describeError } from './composer.js';
import { remember, recall } from './storage.js';
import { TitleBadge } from './title.js';
import { pageToken, AUTH_HINT } from './token.js';

const KEYS = { name: 'parley.room.name', room: 'parley.room.room' };

const log = $('log');
const token = pageToken();
const title = new TitleBadge('Room · Parley');

let room = '';
let name = '';
let me = '';
let welcomed = false;
let members = new Set();
let memberCount = 0;
let seen = new Set(); // message ids shown, so a resumed history never repeats one
let lastId = '';
let pending = new Map(); // ref -> text of our messages the server has not confirmed yet
let refs = 0;

const socket = new LiveSocket(
  () => wsUrl(`ws/room/${encodeURIComponent(room)}`, { name, since: lastId, token }),
  { onFrame: (frame) => handlers[frame.type]?.(frame), onState },
);
const status = new ConnectionStatus($('conn'), () => socket.retryNow());
const composer = new Composer($('send-form'), send);

const handlers = {
  welcome(frame) {
    me = name = frame.user;
    members = new Set(frame.members || []);
    memberCount = frame.memberCount ?? members.size;
    renderMembers();
    if (frame.recovered === false) notice('Some messages from while you were offline are no longer kept.');
    const missed = (frame.history || []).filter((m) => !seen.has(m.id));
    missed.forEach((m) => showMessage(m, welcomed));
    notice(welcomed ? backOnline(missed.length) : `You joined ${room} as ${me}.`);
    restoreUnsent(missed);
    welcomed = true;
    status.update({ state: 'open' }, connectedText());
    history.replaceState(null, '', `?${new URLSearchParams({ room, name: me })}`);
  },
  join(frame) {
    if (!members.has(frame.user)) memberCount++;
    members.add(frame.user);
    renderMembers();
    notice(`${frame.user} joined.`, frame.ts);
  },
  leave(frame) {
    if (members.delete(frame.user)) memberCount = Math.max(members.size, memberCount - 1);
    renderMembers();
    notice(`${frame.user} left.`, frame.ts);
  },
  message(frame) {
    pending.delete(frame.ref);
    showMessage(frame, true);
  },
  error(frame) {
    composer.showError(describeError(frame));
    if (pending.has(frame.ref)) composer.restore(pending.get(frame.ref));
    pending.delete(frame.ref);
  },
};

function backOnline(missedCount) {
  if (missedCount === 0) return 'Back online.';
  return `Back online: ${missedCount} new message${missedCount === 1 ? '' : 's'} while you were away.`;
}

function connectedText() {
  const who = me || name;
  return who ? `Connected to ${room} as ${who}` : `Connected to ${room}`;
}

function onState(state) {
  status.update(state, connectedText());
  composer.setEnabled(state.state === 'open');
  if (state.state === 'waiting' && state.code === 1009) {
    composer.showError('That message was too large for the server, which closed the connection. Shorten it and send again.');
  }
  if (state.state === 'stopped' && (state.code === 4400 || state.code === 4401)) {
    leave();
    $('join-error').textContent = state.code === 4401 ? AUTH_HINT : `The server refused that room or name. ${NAME_HINT}`;
  }
}

// Messages sent just before a drop either reached the room (then the resumed
// history has them) or did not (then their text goes back into the box).
function restoreUnsent(missed) {
  for (const text of pending.values()) {
    if (!missed.some((m) => m.from === me && m.text === text)) composer.restore(text);
  }
  pending.clear();
}

function send(text) {
  const ref = `r${++refs}`;
  if (!socket.send({ type: 'message', text, ref })) {
    composer.showError('Not connected. Your message stays here until the connection is back.');
    return false;
  }
  pending.set(ref, text);
  return true;
}

function showMessage(message, live) {
  if (seen.has(message.id)) return;
  seen.add(message.id);
  lastId = message.id;
  const mine = message.from === me;
  const item = el('li', mine ? 'msg mine' : 'msg');
  const meta = el('div', 'meta');
  meta.append(el('span', 'from', message.from), timeEl(message.ts));
  if (mine) meta.append(el('span', 'you', 'you'));
  item.append(meta, el('p', 'text', message.text));
  append(item, mine);
  if (live && !mine) {
    announce(`${message.from}: ${message.text}`);
    title.bump();
  }
}

function notice(text, ts) {
  const item = el('li', 'notice', text);
  if (ts) item.append(' ', timeEl(ts));
  append(item, false);
}

function append(item, forceScroll) {
  const stick = nearBottom(log);
  log.append(item);
  if (stick || forceScroll) scrollToBottom(log);
}

function renderMembers() {
  const names = [...members].sort((a, b) => a.localeCompare(b));
  $('members').replaceChildren(...names.map((member) => {
    const item = el('li', member === me ? 'mine' : '', member);
    if (member === me) item.append(el('span', 'you', 'you'));
    return item;
  }));
  const shown = names.length < memberCount ? ` (showing ${names.length})` : '';
  $('member-count').textContent = `${memberCount} online${shown}`;
}

function reset() {
  me = '';
  welcomed = false;
  members = new Set();
  memberCount = 0;
  seen = new Set();
  lastId = '';
  pending = new Map();
  log.replaceChildren();
  composer.clearError();
}

function join(wantedName, wantedRoom) {
  const problem = (wantedName && !isName(wantedName)) ? `That name will not do. ${NAME_HINT}`
    : !isName(wantedRoom) ? `That room name will not do. ${NAME_HINT}` : '';
  $('join-error').textContent = problem;
  if (problem) return;
  remember(KEYS.name, wantedName);
  remember(KEYS.room, wantedRoom);
  reset();
  name = wantedName;
  room = wantedRoom;
  $('room-title').textContent = room;
  title.rename(`${room} · Parley`);
  show($('join-form'), false);
  show($('chat'), true);
  socket.start();
  composer.focus();
}

function leave() {
  socket.stop();
  show($('chat'), false);
  show($('join-form'), true);
  $('room-title').textContent = '';
  title.rename('Room · Parley');
  history.replaceState(null, '', location.pathname);
  $('name').focus();
}

$('join-form').addEventListener('submit', (event) => {
  event.preventDefault();
  join($('name').value.trim(), $('room').value.trim() || 'lobby');
});
$('leave').addEventListener('click', leave);

function start() {
  const params = new URLSearchParams(location.search);
  $('name').value = params.get('name') ?? recall(KEYS.name);
  $('room').value = params.get('room') ?? recall(KEYS.room);
  if (params.has('room')) join($('name').value.trim(), $('room').value.trim());
  else $('name').focus();
}

start();
