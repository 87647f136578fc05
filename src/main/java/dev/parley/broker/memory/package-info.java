/** The single-node broker: everything in this JVM's memory. */
package dev.parley.broker.memory;
