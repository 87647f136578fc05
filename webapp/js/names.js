// The protocol's rule for room and display names, the same as the server's
// (wire/Names.java), checked before anything is sent: NFC first, then 1 to 32
// code points, each a letter, a combining mark (not first), a decimal digit,
// _ - or . ; the invisible Hangul fillers are letters that show nothing.

const NAME = /^(?!\p{M})[\p{L}\p{M}\p{Nd}_.\-]{1,32}$/u;
const FILLERS = /[\u3164\u115F\u1160\uFFA0]/u;

export const normalizeName = (value) => String(value).normalize('NFC');

export const isName = (value) => {
  if (typeof value !== 'string') return false;
  const name = normalizeName(value);
  return NAME.test(name) && !FILLERS.test(name);
};

export const NAME_HINT = 'Use 1 to 32 letters, digits, _ - or . (no spaces).';
