package dev.parley.app;

import dev.parley.config.ParleyConfig;
import dev.parley.config.Settings;
import dev.parley.direct.UserEndpoint;
import dev.parley.echo.EchoEndpoint;
import dev.parley.room.RoomEndpoint;
import dev.parley.socket.EndpointFactory;
import dev.parley.web.HealthServlet;
import dev.parley.web.UpgradeRequiredFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.EnumSet;

/** Starts a Parley node with the web application and stops it with it. */
@WebListener
public final class ParleyStartup implements ServletContextListener {
    private ParleyNode node;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        node = new ParleyNode(ParleyConfig.from(new Settings(context::getInitParameter)));

        EndpointFactory.register(RoomEndpoint.class, () -> new RoomEndpoint(node.rooms(), node.sockets()));
        EndpointFactory.register(UserEndpoint.class, () -> new UserEndpoint(node.users(), node.sockets()));
        EndpointFactory.register(EchoEndpoint.class, () -> new EchoEndpoint(node.sockets()));

        context.addServlet("health", new HealthServlet(node.broker(), node.config().node(), node.started()))
                .addMapping("/health");
        context.addFilter("upgrade-required", new UpgradeRequiredFilter())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/ws/*");
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        EndpointFactory.clear();
        if (node != null) {
            node.close();
        }
    }
}
