// The protocol's rules for names and message text, checked before anything is sent.

const NAME = /^[\p{L}\p{N}_.\-]{1,32}$/u;

export const TEXT_MAX = 4000;

export const isName = (value) => NAME.test(value);

// Code points, as the server counts them: an emoji is one, though it is two UTF-16 units.
export const codePoints = (text) => {
  let count = 0;
  for (const _ of text) count++;
  return count;
};

export const NAME_HINT = 'Use 1 to 32 letters, digits, _ - or . (no spaces).';
