// localStorage that never throws (it can be blocked or full); values are only conveniences.

export function remember(key, value) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // not remembered; nothing else depends on it
  }
}

export function recall(key) {
  try {
    return localStorage.getItem(key) || '';
  } catch {
    return '';
  }
}
