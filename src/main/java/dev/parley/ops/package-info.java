/** Metrics for operators, in Parley's words, and their Prometheus endpoint. */
package dev.parley.ops;
