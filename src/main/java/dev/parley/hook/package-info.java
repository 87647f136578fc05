/**
 * The application's say in messages: the publish hook, asked over HTTP before a client's message is
 * accepted ({@link dev.parley.hook.PublishHook}), and the events posted to the application after the fact
 * ({@link dev.parley.hook.HookEvents}). Everything here runs on its own threads, never on a container's.
 */
package dev.parley.hook;
