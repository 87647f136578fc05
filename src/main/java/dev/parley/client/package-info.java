/**
 * A Java client for Parley's room and user WebSocket endpoints, on the JDK's {@link java.net.http.WebSocket}.
 *
 * <p>Start with {@link dev.parley.client.ParleyClient}. The package is built into its own jar
 * ({@code parley-client.jar}); at run time it needs Java 17 or newer and a JSON-B 3.0 implementation with
 * JSON-P: {@code org.eclipse:yasson:3.0.4} brings {@code jakarta.json.bind-api}, {@code jakarta.json-api}
 * and {@code org.eclipse.parsson:parsson}. Nothing of Jakarta WebSocket or Servlet is used.
 */
package dev.parley.client;
