// The server's limits, as its welcome announces them. Until a welcome arrives,
// or from a server that does not send them, the protocol's defaults apply.
export const DEFAULT_LIMITS = Object.freeze({ textMax: 4000, dataMax: 8192, frameMax: 65536, rateLimit: 20, rateBurst: 40 });

export function limitsOf(welcome) {
  const limits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(limits)) {
    const value = welcome?.limits?.[key];
    if (Number.isInteger(value) && value > 0) limits[key] = value;
  }
  return Object.freeze(limits);
}

// Bytes of `data` as compact UTF-8 JSON, as the server counts them against dataMax
// (near enough: the server's JSON may spell a number or an escape differently).
export function dataBytes(data) {
  return new TextEncoder().encode(JSON.stringify(data)).length;
}

// Code points, as the server counts them: an emoji is one, though it is two UTF-16 units.
export function codePoints(text) {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
