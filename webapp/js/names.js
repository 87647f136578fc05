// The protocol's rule for names, checked before anything is sent.

const NAME = /^[\p{L}\p{N}_.\-]{1,32}$/u;

export const isName = (value) => NAME.test(value);

export const NAME_HINT = 'Use 1 to 32 letters, digits, _ - or . (no spaces).';
