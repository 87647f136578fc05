/**
 * The server API for backends, under {@code /api/}: post into rooms, send to users, read presence and
 * history over plain HTTP, through the same rules and broker as the WebSocket endpoints.
 */
package dev.parley.api;
