/** HTTP in front of the endpoints: the handshake filter, security headers and health. */
package dev.parley.web;
