package dev.parley.api;

/** An answer as sent: its status and JSON body, kept so that a repeated call gets it again. */
record StoredReply(int status, String body) {
}
