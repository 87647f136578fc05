/** Open connections as the rules see them, the node's limits on them, and this node's members of each room or user. */
package dev.parley.connection;
