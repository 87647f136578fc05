// Monitor: live charts of the ws/monitor `stats` feed and the node's health.
import { $ } from './dom.js';
import { ParleyMonitor } from './client/index.js';
import { ConnectionStatus } from './status.js';
import { LineChart, formatNumber } from './chart.js';
import { watchHealth } from './health.js';
import { pageToken, dropTokenFromAddress, refusalText, forgetToken } from './token.js';

const KEEP_MS = 15 * 60_000;
const MIB = 1024 * 1024;

const CHARTS = [
  { title: 'Connections', series: [
    { key: 'connections', label: 'connections' }, { key: 'users', label: 'users' }, { key: 'rooms', label: 'rooms' }] },
  { title: 'Messages per second', series: [
    { key: 'inPerSec', label: 'in' }, { key: 'outPerSec', label: 'out' }] },
  { title: 'Delivery latency', unit: 'ms', series: [
    { key: 'latencyP50Ms', label: 'p50' }, { key: 'latencyP99Ms', label: 'p99' }] },
  { title: 'Heap used', unit: 'MiB', series: [{ key: 'heapMiB', label: 'heap' }] },
];

const samples = [];
const charts = CHARTS.map((spec) => new LineChart($('charts'), spec));

dropTokenFromAddress();
const client = new ParleyMonitor({ token: pageToken });
const status = new ConnectionStatus($('conn'), () => client.retryNow());
client.on('stats', record);
client.on('state', (state) => status.update(state, 'Live'));
client.on('unauthorized', (detail) => {
  if (detail.expired) forgetToken();
  $('health').textContent = refusalText(detail);
});

function record(frame) {
  const now = Date.now();
  const heapMiB = typeof frame.heapUsedBytes === 'number' ? frame.heapUsedBytes / MIB : undefined;
  samples.push({ ...frame, heapMiB, t: now });
  while (samples.length && samples[0].t < now - KEEP_MS) samples.shift();
  $('node').textContent = frame.node ?? '';
  $('total-connections').textContent = formatNumber(frame.connections);
  $('total-rooms').textContent = formatNumber(frame.rooms);
  $('total-users').textContent = formatNumber(frame.users);
  $('total-overflows').textContent = formatNumber(frame.outboxOverflows);
  draw();
}

function draw() {
  const windowMs = Number($('window').value);
  const now = Date.now();
  charts.forEach((chart) => chart.draw(samples, windowMs, now));
}

$('window').addEventListener('change', draw);
setInterval(draw, 1000);
draw();
watchHealth($('health'), 5000);
client.start();
