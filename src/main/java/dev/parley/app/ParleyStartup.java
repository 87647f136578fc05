package dev.parley.app;

import dev.parley.api.ApiServlet;
import dev.parley.api.ApiSettings;
import dev.parley.config.ParleyConfig;
import dev.parley.config.Settings;
import dev.parley.direct.UserEndpoint;
import dev.parley.echo.EchoEndpoint;
import dev.parley.health.ProbeServlet;
import dev.parley.hook.HookConfig;
import dev.parley.monitor.MonitorEndpoint;
import dev.parley.ops.MetricsServlet;
import dev.parley.room.RoomEndpoint;
import dev.parley.socket.Container;
import dev.parley.socket.EndpointFactory;
import dev.parley.web.HandshakeFilter;
import dev.parley.web.HealthServlet;
import dev.parley.web.SecurityHeadersFilter;
import dev.parley.wire.DataRule;
import dev.parley.wire.TextRule;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.jar.Manifest;

/** Starts a Parley node with the web application and stops it with it. */
@WebListener
public final class ParleyStartup implements ServletContextListener {
    private static final System.Logger LOG = System.getLogger(ParleyStartup.class.getName());
    private ParleyNode node;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        try {
            Settings settings = new Settings(context::getInitParameter);
            node = new ParleyNode(ParleyConfig.from(settings), HookConfig.from(settings),
                    Container.of(context.getServerInfo()), version(context));
        } catch (IllegalArgumentException e) {
            // a wrong setting: said in Parley's own log as well as the container's
            LOG.log(System.Logger.Level.ERROR, "Parley cannot start: {0}", e.getMessage());
            throw e;
        }

        EndpointFactory.register(RoomEndpoint.class, () -> new RoomEndpoint(node.rooms(), node.sockets()));
        EndpointFactory.register(UserEndpoint.class, () -> new UserEndpoint(node.users(), node.sockets()));
        EndpointFactory.register(EchoEndpoint.class, () -> new EchoEndpoint(node.sockets()));
        EndpointFactory.register(MonitorEndpoint.class, () -> new MonitorEndpoint(node.monitor(), node.sockets()));

        context.addServlet("health", new HealthServlet(node.broker(), node.config().node(), node.version(),
                node.started())).addMapping("/health");
        context.addServlet("probes", new ProbeServlet(node.probes())).addMapping("/health/*");
        context.addServlet("metrics", new MetricsServlet(node.registry())).addMapping("/metrics");
        ApiSettings apiSettings = new ApiSettings(node.config().apiKeys(),
                new TextRule(node.config().maxTextLength(), new DataRule(node.config().maxDataBytes())),
                node.config().maxFrameBytes(), node.config().apiRate(), node.config().apiBurst(),
                node.config().apiIdempotencyTtl());
        ApiServlet api = new ApiServlet(apiSettings, node.rooms(), node.users(), node.broker(), node.metrics());
        context.addServlet("api", api).addMapping("/api/*");
        if (api.open()) {
            LOG.log(System.Logger.Level.WARNING, "The server API at /api/ asks for no key (parley.api.key is not set):"
                    + " keep /api/ internal");
        }
        // false: ahead of the container's own WebSocket filter, which performs the upgrade
        context.addFilter("handshake", new HandshakeFilter(node.origins()))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/ws/*");
        context.addFilter("security-headers", new SecurityHeadersFilter())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        context.addServlet("stop-hook", new StopHook(node)).setLoadOnStartup(1);
        node.probes().started();
    }

    /** The version Maven wrote into the WAR's manifest, or {@code unknown} in an unpackaged build. */
    private static String version(ServletContext context) {
        try (InputStream in = context.getResourceAsStream("/META-INF/MANIFEST.MF")) {
            String version = in == null ? null : new Manifest(in).getMainAttributes().getValue("Implementation-Version");
            return version == null ? "unknown" : version;
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        EndpointFactory.clear();
        if (node != null) {
            node.close();
        }
    }
}
