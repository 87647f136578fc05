// Direct-message client: signs in on ws/user/{user}, keeps a conversation per
// person with unread counts and delivery marks, stays in step with the user's
// other tabs, and resumes after a dropped connection with `since`.
import { $, el, show, nearBottom, scrollToBottom, announce } from './dom.js';
import { isName, NAME_HINT } from './names.js';
import { ParleyUser } from './client/index.js';
import { ConnectionStatus } from './status.js';
import { Composer, describeError } from './composer.js';
import { Conversations } from './conversations.js';
import { messageItem } from './direct-message.js';
import { TabSync } from './tab-sync.js';
import { remember, recall } from './storage.js';
import { pageToken, refusalText, isExpired, forgetToken } from './token.js';

const KEY_USER = 'parley.direct.user';
const TAB = Math.random().toString(36).slice(2, 10);
const MAYBE_ARRIVED = new Set(['unconfirmed', 'timeout', 'closed']);
const TOO_LARGE = 'Too large for the server, which closed the connection.';

const log = $('log');

let me = '';
let client = null; // the ParleyUser signed in, which reconnects, resumes and passes each message on once
let store = new Conversations('');
let sync = null;
let selected = '';
let sends = 0;

const status = new ConnectionStatus($('conn'), () => client?.retryNow());
const composer = new Composer($('send-form'), send);

const handlers = {
  welcome(frame, { resumed }) {
    composer.setTextMax(client.limits.textMax);
    const notes = [];
    if (frame.pending > 0) {
      notes.push(`${frame.pending} message${frame.pending === 1 ? '' : 's'} ${resumed ? 'arrived while you were offline' : 'waited for you'}.`);
    }
    if (frame.recovered === false) notes.push('Some messages from while you were offline are no longer kept.');
    $('inbox-note').textContent = notes.join(' ');
  },
  message(frame) {
    const entry = { key: `${me}:${frame.id}`, id: frame.id, from: frame.from, to: frame.to,
      text: frame.text, ts: frame.ts, mine: frame.from === me };
    if (!store.add(entry)) return;
    const peer = store.peerOf(entry);
    if (!(peer === selected && !document.hidden)) store.bumpUnread(peer);
    if (!entry.mine) announce(`${frame.from}: ${frame.text}`);
    render();
  },
};

function acknowledged(key, ack) {
  if (!store.get(key)) return;
  const change = { key, newKey: `${store.get(key).to}:${ack.id}`, id: ack.id, status: ack.status };
  applyAck(change);
  sync?.post({ kind: 'ack', ...change });
}

// A refusal puts the text back into the box; a message whose ack did not come
// (lost with the connection, or late) is marked: it may or may not have arrived.
function refused(key, error) {
  if (!store.get(key)) return;
  if (MAYBE_ARRIVED.has(error.code)) {
    if (error.code === 'timeout') composer.showError(describeError(error));
    store.update(key, { status: 'unconfirmed' });
    render();
    return;
  }
  const message = error.code === 'too_large' ? TOO_LARGE : describeError(error);
  composer.showError(error.code === 'too_large' ? `${TOO_LARGE} Shorten the message and send it again.` : message);
  const failed = { key, status: 'failed', error: message };
  store.update(key, failed);
  sync?.post({ kind: 'failed', ...failed });
  composer.restore(store.get(key).text);
  render();
}

function applyAck({ key, newKey, id, status: delivery }) {
  store.rekey(key, newKey, { id, status: delivery });
  render();
}

// Messages from the user's other tabs.
const fromTabs = {
  sent: ({ entry }) => store.add(entry) && render(),
  ack: applyAck,
  failed: ({ key, status: s, error }) => {
    store.update(key, { status: s, error });
    render();
  },
  hello: () => sync?.post({ kind: 'snapshot', entries: store.all() }),
  snapshot: ({ entries }) => {
    entries.forEach((entry) => store.add(entry));
    render();
  },
};

function onState(state) {
  status.update(state, `Signed in as ${me}`);
  composer.setEnabled(state.state === 'open' && selected !== '');
  if (state.state === 'stopped' && (state.code === 4400 || state.code === 4401)) {
    signOut();
    if (state.code === 4401 && isExpired(state)) forgetToken();
    $('login-error').textContent = state.code === 4401 ? refusalText(state) : `The server refused that user name. ${NAME_HINT}`;
  }
}

function send(text) {
  if (!selected) {
    composer.showError('Open a conversation first: type a name under “To”.');
    return false;
  }
  if (!client.isOpen) {
    composer.showError(describeError({ code: 'not_connected' }));
    return false;
  }
  const entry = { key: `~${TAB}:${++sends}`, from: me, to: selected, text,
    ts: new Date().toISOString(), mine: true, status: 'sending' };
  store.add(entry);
  sync?.post({ kind: 'sent', entry });
  render();
  client.send(selected, text).then((ack) => acknowledged(entry.key, ack), (error) => refused(entry.key, error));
  return true;
}

function select(peer) {
  selected = peer;
  store.open(peer);
  store.markRead(peer);
  composer.setEnabled(Boolean(client?.isOpen));
  composer.clearError();
  render();
}

function render() {
  if (selected && !document.hidden) store.markRead(selected);
  renderPeers();
  renderLog();
  const unread = store.totalUnread();
  document.title = `${unread > 0 ? `(${unread}) ` : ''}${me ? `${me} · ` : ''}Direct messages · Parley`;
}

function renderPeers() {
  $('peers').replaceChildren(...store.peers().map((peer) => {
    const button = el('button', 'peer', peer === me ? `${peer} (you)` : peer);
    button.type = 'button';
    if (peer === selected) button.setAttribute('aria-current', 'true');
    const unread = store.unread(peer);
    if (unread > 0) {
      const badge = el('span', 'badge', String(unread));
      badge.append(el('span', 'visually-hidden', ' unread'));
      button.append(badge);
    }
    button.addEventListener('click', () => {
      select(peer);
      composer.focus();
    });
    const item = el('li');
    item.append(button);
    return item;
  }));
}

function renderLog() {
  $('peer-heading').textContent = selected ? `With ${selected}` : 'No conversation open';
  const stick = nearBottom(log);
  log.replaceChildren(...store.entries(selected).map(messageItem));
  if (stick) scrollToBottom(log);
}

function signIn(user, peer) {
  if (!isName(user)) {
    $('login-error').textContent = `That user name will not do. ${NAME_HINT}`;
    return;
  }
  $('login-error').textContent = '';
  remember(KEY_USER, user);
  me = user;
  store = new Conversations(me);
  selected = '';
  sync = new TabSync(me, (message) => fromTabs[message?.kind]?.(message));
  sync.post({ kind: 'hello' });
  $('me-title').textContent = me;
  $('inbox-note').textContent = '';
  show($('login-form'), false);
  show($('inbox'), true);
  history.replaceState(null, '', `?${new URLSearchParams({ user: me })}`);
  client = new ParleyUser(me, { token: pageToken });
  client.on('welcome', handlers.welcome);
  client.on('message', handlers.message);
  client.on('error', (error) => composer.showError(describeError(error)));
  client.on('state', onState);
  client.start();
  if (peer && isName(peer)) select(peer);
  else render();
  (selected ? composer : $('to')).focus();
}

function signOut() {
  client?.stop();
  sync?.close();
  sync = null;
  me = '';
  $('me-title').textContent = '';
  show($('inbox'), false);
  show($('login-form'), true);
  history.replaceState(null, '', location.pathname);
  document.title = 'Direct messages · Parley';
  $('user').focus();
}

$('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  signIn($('user').value.trim());
});

$('start-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const peer = $('to').value.trim();
  if (!isName(peer)) {
    $('to-error').textContent = `Not a user name. ${NAME_HINT}`;
    return;
  }
  $('to-error').textContent = '';
  $('to').value = '';
  select(peer);
  composer.focus();
});

$('sign-out').addEventListener('click', signOut);
document.addEventListener('visibilitychange', () => me && render());

function start() {
  const params = new URLSearchParams(location.search);
  $('user').value = params.get('user') ?? recall(KEY_USER);
  if (params.has('user')) signIn($('user').value.trim(), params.get('to'));
  else $('user').focus();
}

start();
