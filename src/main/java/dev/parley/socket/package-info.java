/**
 * The only package that knows JSR-356 containers: sessions as connections, the transports of Tomcat and of
 * buffering containers (Tyrus on Payara), handshake ordering, endpoint construction.
 */
package dev.parley.socket;
