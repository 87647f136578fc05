/** Health probes for orchestrators and load balancers: live, ready (not while draining) and started. */
package dev.parley.health;
