package dev.parley.socket;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Creates endpoint instances with their collaborators: the application registers a factory per endpoint
 * class when it starts, so endpoints take what they need in their constructors. Also hands the client's
 * address and a token offered as a subprotocol from the handshake to the session, and answers the
 * subprotocol {@code parley.v1} (never the token's).
 */
public final class EndpointFactory extends ServerEndpointConfig.Configurator {
    static final String REMOTE_ADDRESS = "dev.parley.remoteAddress";
    static final String OFFERED_TOKEN = "dev.parley.offeredToken";
    private static final Map<Class<?>, Supplier<?>> FACTORIES = new ConcurrentHashMap<>();

    public static <T> void register(Class<T> endpoint, Supplier<? extends T> factory) {
        FACTORIES.put(endpoint, factory);
    }

    public static void clear() {
        FACTORIES.clear();
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpoint) throws InstantiationException {
        Supplier<?> factory = FACTORIES.get(endpoint);
        if (factory == null) {
            throw new InstantiationException("Parley has not started: no factory for " + endpoint.getName());
        }
        return endpoint.cast(factory.get());
    }

    /** Origins are checked by the handshake filter, which sees the request's Host as this method cannot. */
    @Override
    public boolean checkOrigin(String originHeaderValue) {
        return true;
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        String address = HandshakeContext.address();
        if (address != null) {
            config.getUserProperties().put(REMOTE_ADDRESS, address);
        }
        String token = Subprotocols.token(Subprotocols.offered(request.getHeaders()));
        // put or removed every time: a container that shared one map across handshakes must not keep another's
        if (token != null) {
            config.getUserProperties().put(OFFERED_TOKEN, token);
        } else {
            config.getUserProperties().remove(OFFERED_TOKEN);
        }
    }

    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        return Subprotocols.negotiated(requested);
    }
}
