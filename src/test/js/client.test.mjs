// Unit tests of the browser client library's plain parts, run by Node's own
// test runner (ClientModulesTest starts it). Nothing here opens a connection.
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { PendingSends } from '../../../webapp/js/client/pending.js';
import { SeenIds } from '../../../webapp/js/client/seen-ids.js';
import { limitsOf, DEFAULT_LIMITS, codePoints } from '../../../webapp/js/client/limits.js';
import { backoffDelay } from '../../../webapp/js/client/backoff.js';
import { ParleyRoom, ParleyUser, ParleyError } from '../../../webapp/js/client/index.js';

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
  assert.deepEqual({ ...limits }, { textMax: 50, frameMax: 65536, rateLimit: 20, rateBurst: 7 });
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
