/** Broadcast rooms: joining, presence, history, speaking and leaving. */
package dev.parley.room;
