/**
 * The server API for backends, under {@code /api/}: post into rooms, send to users, broadcast, read
 * presence, history, active rooms and inboxes, and disconnect users over plain HTTP, through the same
 * rules and broker as the WebSocket endpoints; with idempotency keys, a rate limit, metrics and an
 * OpenAPI description.
 */
package dev.parley.api;
