/** The per-connection outbox: bounded, ordered, non-blocking writes to one socket. */
package dev.parley.outbox;
