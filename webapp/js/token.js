// With authentication on, a page is opened with ?token=<JWT> and passes the
// token on to its WebSockets (in the handshake's header, never their URLs). It
// is kept for this tab only, so a reload still works after the page has taken
// it out of the address bar; it is read when this module loads, before any
// page code changes the address.
const KEY = 'parley.token';

const fromAddress = new URLSearchParams(location.search).get('token') || '';
try {
  if (fromAddress) sessionStorage.setItem(KEY, fromAddress);
} catch {
  // storage refused (private mode): the token from the address still works until it is gone
}

// The token hook the pages give the client library: asked before every connection.
export function pageToken() {
  try {
    return fromAddress || sessionStorage.getItem(KEY) || '';
  } catch {
    return fromAddress;
  }
}

// Takes ?token= out of the address bar, keeping the rest of the address.
export function dropTokenFromAddress() {
  const params = new URLSearchParams(location.search);
  if (!params.has('token')) return;
  params.delete('token');
  const query = params.toString();
  history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
}

// An expired token is forgotten, so that signing in again starts afresh.
export function forgetToken() {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // nothing kept
  }
}

// Whether a 4401 close says the token expired (the server's reason "token expired").
export const isExpired = (state) => /expired/i.test(state.reason ?? '');

// What a page says on a 4401: the session expired, or sign-in is needed.
export const refusalText = (state) => (isExpired(state) ? SESSION_EXPIRED : AUTH_HINT);

export const SESSION_EXPIRED = 'Session expired: sign in again (reload the page with a fresh ?token=…).';

export const AUTH_HINT = 'This server requires sign-in: open the page with ?token=… (a token from your administrator).';
