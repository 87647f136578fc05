/** Who may connect and how much they may send: origin policy, token authentication, rate limits. */
package dev.parley.access;
