// Reconnect delays: exponential, capped, with jitter so that many clients
// dropped at once do not all come back in the same instant.

export const BACKOFF = { baseMs: 500, capMs: 30_000 };

// The delay before reconnect attempt `attempt` (0 for the first): a random
// time between half and all of min(cap, base * 2^attempt).
export function backoffDelay(attempt, random = Math.random, { baseMs, capMs } = BACKOFF) {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
