/** The JSR-356 glue every endpoint shares: sessions as connections, the decoder, endpoint construction. */
package dev.parley.socket;
