// Parley's browser client: rooms, direct messages and the monitor feed over
// WebSocket, with reconnect, resume, dedup and acknowledged sends.
// Guide: docs/embed.md in the Parley repository; types: index.d.ts.
export { ParleyRoom } from './room.js';
export { ParleyUser } from './user.js';
export { ParleyMonitor } from './monitor.js';
export { ParleyError } from './errors.js';
export { DEFAULT_LIMITS, codePoints, dataBytes } from './limits.js';
export { backoffDelay, BACKOFF } from './backoff.js';
export { describeClose } from './live-socket.js';
