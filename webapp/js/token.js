// With authentication on, a page is opened with ?token=<JWT> and passes the
// token on to its WebSockets. It is kept for this tab only, so a reload still
// works after the page has taken it out of the address bar.
const KEY = 'parley.token';

function fromAddress() {
  return new URLSearchParams(location.search).get('token') || '';
}

export function pageToken() {
  const token = fromAddress();
  try {
    if (token) sessionStorage.setItem(KEY, token);
    return token || sessionStorage.getItem(KEY) || '';
  } catch {
    return token;
  }
}

export const AUTH_HINT = 'This server requires sign-in: open the page with ?token=… (a token from your administrator).';
