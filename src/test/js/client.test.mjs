// Unit tests of the browser client library's plain parts, run by Node's own
// test runner (ClientModulesTest starts it). Nothing here opens a connection.
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { PendingSends } from '../../../webapp/js/client/pending.js';
import { SeenIds } from '../../../webapp/js/client/seen-ids.js';
import { limitsOf, DEFAULT_LIMITS, codePoints, dataBytes } from '../../../webapp/js/client/limits.js';
import { backoffDelay } from '../../../webapp/js/client/backoff.js';
import { ParleyRoom, ParleyUser, ParleyError } from '../../../webapp/js/client/index.js';
import { isName, normalizeName } from '../../../webapp/js/names.js';
import { readFileSync } from 'node:fs';
import { refreshDelay } from '../../../webapp/js/client/connection.js';

const BASE = 'http://chat.example.com/parley/';

test('a send waiting for its answer rejects with timeout when none comes', async () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const pending = new PendingSends(5000);
    const { ref, promise } = pending.open({ text: 'hi' });
    mock.timers.tick(4999);
    assert.deepEqual(pending.entries(), [[ref, { text: 'hi' }]], 'still waiting');
    mock.timers.tick(1);
    await assert.rejects(promise, (e) => e instanceof ParleyError && e.code === 'timeout');
    assert.equal(pending.resolve(ref, 'late'), false, 'a late answer settles nothing');
  } finally {
    mock.timers.reset();
  }
});

test('each send has its own ref and is settled once, by the answer with that ref', async () => {
  const pending = new PendingSends(60_000);
  const first = pending.open({});
  const second = pending.open({});
  assert.notEqual(first.ref, second.ref);
  assert.equal(pending.reject(second.ref, new ParleyError('too_long')), true);
  assert.equal(pending.resolve(first.ref, 'copy'), true);
  assert.equal(pending.resolve(first.ref, 'again'), false);
  assert.equal(await first.promise, 'copy');
  await assert.rejects(second.promise, { code: 'too_long' });
  assert.deepEqual(pending.entries(), []);
});

test('an id is passed on once, and the last one is remembered for since', () => {
  const seen = new SeenIds();
  assert.equal(seen.add('a'), true);
  assert.equal(seen.add('b'), true);
  assert.equal(seen.add('a'), false);
  assert.equal(seen.last, 'b');
});

test('the limits are the welcome\'s, or the defaults where it has none or nonsense', () => {
  assert.deepEqual(limitsOf({ type: 'welcome' }), DEFAULT_LIMITS);
  assert.equal(DEFAULT_LIMITS.textMax, 4000);
  const limits = limitsOf({ limits: { textMax: 50, frameMax: 'big', rateLimit: -1, rateBurst: 7 } });
  assert.deepEqual({ ...limits }, { textMax: 50, dataMax: 8192, frameMax: 65536, rateLimit: 20, rateBurst: 7 });
  assert.equal(limitsOf({ limits: { dataMax: 100 } }).dataMax, 100);
});

test('code points are counted as the server counts them', () => {
  assert.equal(codePoints('😀😀'), 2);
  assert.equal(codePoints('李雷 hi'), 5);
});

test('reconnect delays grow, are capped at 30 s and are jittered between half and all', () => {
  assert.deepEqual([0, 1, 2, 10].map((n) => [backoffDelay(n, () => 0), backoffDelay(n, () => 1)]),
    [[250, 500], [500, 1000], [1000, 2000], [15000, 30000]]);
});

test('a resumed room history passes on only the messages not seen, and members follow presence', () => {
  const room = new ParleyRoom('lobby', { base: BASE, name: 'alice' });
  const events = [];
  room.on('message', (m, { replayed }) => events.push(`${m.text}${replayed ? ' (replayed)' : ''}`));
  room.on('welcome', (w, { resumed, missed }) => events.push(`welcome resumed=${resumed} missed=${missed.length}`));
  const m1 = { type: 'message', id: '1', from: 'bob', text: 'one' };
  const m2 = { type: 'message', id: '2', from: 'bob', text: 'two' };
  room._frame({ type: 'welcome', user: 'alice', members: ['alice', 'bob'], memberCount: 2, history: [m1] });
  room._frame(m2);
  room._frame(m2);
  room._frame({ type: 'leave', user: 'bob' });
  room._frame({ type: 'welcome', user: 'alice', members: ['alice'], history: [m1, m2, { ...m2, id: '3', text: 'three' }],
    limits: { textMax: 100 } });
  assert.deepEqual(events, ['one (replayed)', 'welcome resumed=false missed=1', 'two',
    'three (replayed)', 'welcome resumed=true missed=1']);
  assert.equal(room.lastId, '3');
  assert.deepEqual([...room.members], ['alice']);
  assert.equal(room.limits.textMax, 100);
});

test('a user passes on each direct message once and reports errors no send waits for', () => {
  const user = new ParleyUser('bob', { base: BASE });
  const texts = [];
  const errors = [];
  user.on('message', (m) => texts.push(m.text));
  user.on('error', (e) => errors.push(e.code));
  const dm = { type: 'message', id: '7', from: 'alice', to: 'bob', text: 'hi' };
  user._frame({ type: 'welcome', user: 'bob', pending: 1 });
  user._frame(dm);
  user._frame(dm);
  user._frame({ type: 'error', code: 'rate_limited', message: 'slow down' });
  assert.deepEqual(texts, ['hi']);
  assert.deepEqual(errors, ['rate_limited']);
});

test('a send when not connected, blank or over the limit is refused without sending', async () => {
  const room = new ParleyRoom('lobby', { base: BASE });
  await assert.rejects(room.send('hi'), { code: 'not_connected' });
  await assert.rejects(room.send(' \n '), { code: 'empty' });
  await assert.rejects(room.send('x'.repeat(4001)), { code: 'too_long' });
});

test('without a page address a base URL is required, with a clear message', () => {
  assert.throws(() => new ParleyRoom('lobby'), /base URL/);
});

test('data is measured as the server measures it: bytes of compact UTF-8 JSON', () => {
  assert.equal(dataBytes({ s: 'ab' }), 10);
  assert.equal(dataBytes({ s: '李' }), 11);
  assert.equal(dataBytes({ a: [1, 2], b: {} }), 18);
});

test('a send with data that is not a plain object, or too large, is refused without sending', async () => {
  const room = new ParleyRoom('lobby', { base: BASE });
  const user = new ParleyUser('bob', { base: BASE });
  await assert.rejects(room.send('hi', [1, 2]), { code: 'bad_request' });
  await assert.rejects(room.send('hi', 'text'), { code: 'bad_request' });
  await assert.rejects(room.send('', { s: 'x'.repeat(8192) }), { code: 'data_too_large' });
  await assert.rejects(user.send('alice', '', { s: 'x'.repeat(8192) }), { code: 'data_too_large' });
  await assert.rejects(user.send('alice', ''), { code: 'empty' });
  await assert.rejects(room.send('', { kind: 'poll' }), { code: 'not_connected' }, 'data makes an empty text acceptable');
});

// A WebSocket stand-in that opens at once and keeps what is sent on it.
class FakeSocket extends EventTarget {
  static last;
  readyState = 0;
  sent = [];

  constructor(url, protocols) {
    super();
    this.url = url;
    this.protocols = protocols;
    FakeSocket.last = this;
    queueMicrotask(() => {
      this.readyState = 1;
      this.dispatchEvent(new Event('open'));
    });
  }

  send(text) {
    this.sent.push(JSON.parse(text));
  }

  close() {
    this.readyState = 3;
  }

  closedByServer(code, reason) {
    this.readyState = 3;
    const event = new Event('close');
    event.code = code;
    event.reason = reason;
    this.dispatchEvent(event);
  }

  receive(frame) {
    const event = new Event('message');
    event.data = JSON.stringify(frame);
    this.dispatchEvent(event);
  }
}

async function opened(connection) {
  const open = new Promise((resolve) => connection.on('state', (s) => s.state === 'open' && resolve()));
  connection.start();
  await open;
  return FakeSocket.last;
}

test('data goes out with the message, text only when there is some, and comes back on the message', async () => {
  const original = globalThis.WebSocket;
  globalThis.WebSocket = FakeSocket;
  const room = new ParleyRoom('lobby', { base: BASE, name: 'alice' });
  try {
    const socket = await opened(room);
    const data = { kind: 'poll', options: ['tea', 'coffee'], n: 0.5 };
    const withText = room.send('lunch?', data);
    const dataOnly = room.send('', { only: true });
    const [first, second] = socket.sent;
    assert.deepEqual({ ...first, ref: undefined }, { type: 'message', text: 'lunch?', data, ref: undefined });
    assert.deepEqual({ ...second, ref: undefined }, { type: 'message', data: { only: true }, ref: undefined });
    assert.equal('text' in second, false, 'an empty text beside data is left out');

    const received = [];
    room.on('message', (m) => received.push(m));
    socket.receive({ type: 'message', id: '1', room: 'lobby', from: 'alice', text: 'lunch?', data, ts: 't', ref: first.ref });
    socket.receive({ type: 'message', id: '2', room: 'lobby', from: 'alice', data: { only: true }, ts: 't', ref: second.ref });
    assert.deepEqual((await withText).data, data);
    assert.deepEqual((await dataOnly).data, { only: true });
    assert.deepEqual(received.map((m) => [m.text, m.data]), [['lunch?', data], [undefined, { only: true }]]);
  } finally {
    room.stop();
    globalThis.WebSocket = original;
  }
});

test('a direct message goes out with its data', async () => {
  const original = globalThis.WebSocket;
  globalThis.WebSocket = FakeSocket;
  const user = new ParleyUser('alice', { base: BASE });
  try {
    const socket = await opened(user);
    const ack = user.send('bob', '', { invoice: 42 });
    const [frame] = socket.sent;
    assert.deepEqual({ ...frame, ref: undefined }, { type: 'message', to: 'bob', data: { invoice: 42 }, ref: undefined });
    socket.receive({ type: 'ack', ref: frame.ref, id: '9', status: 'stored' });
    assert.equal((await ack).status, 'stored');
  } finally {
    user.stop();
    globalThis.WebSocket = original;
  }
});

test('the pages\' name rule answers every case of the list the server is checked against', () => {
  const { cases } = JSON.parse(readFileSync(new URL('../resources/names.json', import.meta.url), 'utf8'));
  assert.ok(cases.length > 20);
  const wrong = [];
  for (const c of cases) {
    if (isName(c.name) !== c.valid) wrong.push(`${JSON.stringify(c.name)} should be ${c.valid ? 'valid' : 'invalid'}`);
    if (c.nfc !== undefined && normalizeName(c.name) !== c.nfc) wrong.push(`${JSON.stringify(c.name)} should normalise`);
  }
  assert.deepEqual(wrong, []);
});

// Runs `body` with FakeSocket as the WebSocket class.
async function withFakeSocket(body) {
  const original = globalThis.WebSocket;
  globalThis.WebSocket = FakeSocket;
  try {
    await body();
  } finally {
    globalThis.WebSocket = original;
  }
}

test('the token goes in the subprotocols beside parley.v1, never in the URL', () => withFakeSocket(async () => {
  const room = new ParleyRoom('lobby', { base: BASE, name: 'alice', token: 'h.p.s' });
  try {
    const socket = await opened(room);
    assert.deepEqual(socket.protocols, ['parley.v1', 'token.h.p.s']);
    assert.equal(String(socket.url), 'ws://chat.example.com/parley/ws/room/lobby?name=alice');
  } finally {
    room.stop();
  }
  const guest = new ParleyRoom('lobby', { base: BASE });
  try {
    const socket = await opened(guest);
    assert.equal(socket.protocols, undefined, 'no token, no subprotocols');
  } finally {
    guest.stop();
  }
}));

test('a fresh token is asked for and sent before the welcome\'s exp, and again before the renewed one', () => withFakeSocket(async () => {
  let asked = 0;
  const user = new ParleyUser('alice', { base: BASE, token: async () => `t${++asked}` });
  try {
    const socket = await opened(user);
    assert.deepEqual(socket.protocols, ['parley.v1', 'token.t1']);
    mock.timers.enable({ apis: ['setTimeout', 'Date'], now: Date.now() });
    const exp = Math.floor(Date.now() / 1000) + 3600;
    socket.receive({ type: 'welcome', user: 'alice', pending: 0, exp });
    mock.timers.tick((3600 - 61) * 1000);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(socket.sent.filter((f) => f.type === 'token'), [], 'not yet: more than 60 s before exp');
    mock.timers.tick(2000);
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(socket.sent.filter((f) => f.type === 'token'), [{ type: 'token', token: 't2' }]);
    socket.receive({ type: 'token', exp: exp + 3600 });
    mock.timers.tick(3600 * 1000);
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(socket.sent.filter((f) => f.type === 'token').map((f) => f.token), ['t2', 't3']);
  } finally {
    mock.timers.reset();
    user.stop();
  }
}));

test('a refresh comes a tenth of a short token\'s lifetime before its exp', () => {
  assert.equal(refreshDelay(3600, 0, 0), 3540_000, '60 s before an hour\'s token');
  assert.equal(refreshDelay(300, 0, 0), 270_000, '30 s before a 5 minute token');
  assert.equal(refreshDelay(100, 0, 200_000), 0, 'at once when it is already late');
});

test('a 4401 stops the client with an unauthorized event, and an expired one says expired', () => withFakeSocket(async () => {
  for (const [reason, expired] of [['token expired', true], ['token refused', false]]) {
    const room = new ParleyRoom('lobby', { base: BASE, token: 'h.p.s' });
    const events = [];
    room.on('unauthorized', (d) => events.push(['unauthorized', d.reason, d.expired]));
    room.on('expired', (d) => events.push(['expired', d.reason]));
    const socket = await opened(room);
    const opens = [];
    room.on('state', (s) => opens.push(s.state));
    socket.closedByServer(4401, reason);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(opens, ['stopped'], 'no reconnect');
    assert.deepEqual(events, expired ? [['unauthorized', reason, true], ['expired', reason]]
      : [['unauthorized', reason, false]]);
    assert.equal(room.state.code, 4401);
  }
}));
