/** The seam between one node and many: room and user streams, presence, history and inboxes. */
package dev.parley.broker;
