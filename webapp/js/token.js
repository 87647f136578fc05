// With authentication on, a page is opened with ?token=<JWT> and passes the
// token on to its WebSockets. It is kept for this tab only, so a reload still
// works after the page has taken it out of the address bar; it is read when
// this module loads, before any page code changes the address.
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

export const AUTH_HINT = 'This server requires sign-in: open the page with ?token=… (a token from your administrator).';
