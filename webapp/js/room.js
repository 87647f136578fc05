// Room client: joins ws/room/{room}, shows members and messages, and resumes
// after a dropped connection with `since`, showing every message once.
import { $, el, show, timeEl, nearBottom, scrollToBottom, announce } from './dom.js';
import { isName, NAME_HINT } from './names.js';
import { ParleyRoom } from './client/index.js';
import { ConnectionStatus } from './status.js';
import { Composer, describeError } from './composer.js';
import { remember, recall } from './storage.js';
import { TitleBadge } from './title.js';
import { pageToken, refusalText, isExpired, forgetToken } from './token.js';

const KEYS = { name: 'parley.room.name', room: 'parley.room.room' };

const log = $('log');
const title = new TitleBadge('Room · Parley');

let client = null; // the ParleyRoom joined, which reconnects, resumes and passes each message on once
let welcomed = false;

const status = new ConnectionStatus($('conn'), () => client?.retryNow());
const composer = new Composer($('send-form'), send);

function welcome(frame, { resumed, missed }) {
  composer.setTextMax(client.limits.textMax);
  renderMembers();
  if (frame.recovered === false) notice('Some messages from while you were offline are no longer kept.');
  notice(resumed ? backOnline(missed.length) : `You joined ${client.room} as ${client.user}.`);
  welcomed = true;
  status.update({ state: 'open' }, connectedText());
  history.replaceState(null, '', `?${new URLSearchParams({ room: client.room, name: client.user })}`);
}

function presence(frame) {
  renderMembers();
  notice(`${frame.user} ${frame.type === 'join' ? 'joined' : 'left'}.`, frame.ts);
}

function backOnline(missedCount) {
  if (missedCount === 0) return 'Back online.';
  return `Back online: ${missedCount} new message${missedCount === 1 ? '' : 's'} while you were away.`;
}

function connectedText() {
  return client.user ? `Connected to ${client.room} as ${client.user}` : `Connected to ${client.room}`;
}

function onState(state) {
  status.update(state, connectedText());
  composer.setEnabled(state.state === 'open');
  if (state.state === 'stopped' && (state.code === 4400 || state.code === 4401)) {
    leave();
    if (state.code === 4401 && isExpired(state)) forgetToken();
    $('join-error').textContent = state.code === 4401 ? refusalText(state) : `The server refused that room or name. ${NAME_HINT}`;
  }
}

// The library settles each send: the room's copy confirms it; a refusal, or a
// message lost with a dropped connection, puts its text back into the box.
function send(text) {
  if (!client.isOpen) {
    composer.showError(describeError({ code: 'not_connected' }));
    return false;
  }
  client.send(text).catch((error) => {
    if (error.code !== 'not_sent' && error.code !== 'closed') composer.showError(describeError(error));
    if (error.code !== 'closed') composer.restore(text);
  });
  return true;
}

// Messages replayed from the first welcome's history are not news; those a resume brings are.
function showMessage(message, { replayed }) {
  const live = !replayed || welcomed;
  const mine = message.from === client.user;
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
  const names = [...client.members].sort((a, b) => a.localeCompare(b));
  $('members').replaceChildren(...names.map((member) => {
    const item = el('li', member === client.user ? 'mine' : '', member);
    if (member === client.user) item.append(el('span', 'you', 'you'));
    return item;
  }));
  const shown = names.length < client.memberCount ? ` (showing ${names.length})` : '';
  $('member-count').textContent = `${client.memberCount} online${shown}`;
}

function connect(name, room) {
  client?.stop();
  welcomed = false;
  log.replaceChildren();
  composer.clearError();
  client = new ParleyRoom(room, { name, token: pageToken });
  client.on('welcome', welcome);
  client.on('message', showMessage);
  client.on('presence', presence);
  client.on('error', (error) => composer.showError(describeError(error)));
  client.on('state', onState);
  client.start();
}

function join(wantedName, wantedRoom) {
  const problem = (wantedName && !isName(wantedName)) ? `That name will not do. ${NAME_HINT}`
    : !isName(wantedRoom) ? `That room name will not do. ${NAME_HINT}` : '';
  $('join-error').textContent = problem;
  if (problem) return;
  remember(KEYS.name, wantedName);
  remember(KEYS.room, wantedRoom);
  $('room-title').textContent = wantedRoom;
  title.rename(`${wantedRoom} · Parley`);
  show($('join-form'), false);
  show($('chat'), true);
  connect(wantedName, wantedRoom);
  composer.focus();
}

function leave() {
  client?.stop();
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
