/** The live {@code stats} feed of {@code /ws/monitor}. */
package dev.parley.monitor;
