/** The diagnostic echo endpoint. */
package dev.parley.echo;
