/** Settings: one name each, read from a system property, the environment or a context parameter. */
package dev.parley.config;
