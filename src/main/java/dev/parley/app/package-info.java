/** The composition root: builds a Parley node and ties it to the web application's life. */
package dev.parley.app;
