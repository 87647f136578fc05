/**
 * A Java client for Parley's room and user WebSocket endpoints, on the JDK's {@link java.net.http.WebSocket}.
 *
 * <p>Start with {@link dev.parley.client.ParleyClient}. The package is built into its own jar
 * ({@code parley-client.jar}); at run time it needs Java 17 or newer and JSON-P 2.1 with an
 * implementation: {@code jakarta.json:jakarta.json-api:2.1} and {@code org.eclipse.parsson:parsson:1.1}
 * (which Yasson brings along). Nothing of Jakarta WebSocket, Servlet or JSON-B is used.
 */
package dev.parley.client;
