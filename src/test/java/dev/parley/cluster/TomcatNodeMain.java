package dev.parley.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;

/**
 * The main class of a Tomcat node of the cluster tests: embedded Tomcat serving a WAR at {@code /} on a
 * loopback port, in its own JVM, until that JVM is told to stop. Arguments: the port, the WAR, a work
 * directory. {@code addWebapp} configures the context as a deployed WAR is configured (web.xml defaults,
 * annotation and {@code ServletContainerInitializer} scanning), so Tomcat's WebSocket initializer, found
 * on this JVM's class path, deploys the WAR's endpoints.
 */
public final class TomcatNodeMain {
    private TomcatNodeMain() {
    }

    public static void main(String[] args) throws LifecycleException, java.io.IOException {
        int port = Integer.parseInt(args[0]);
        Path war = Path.of(args[1]);
        Path work = Files.createDirectories(Path.of(args[2]));

        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(work.toString());
        Connector connector = new Connector();
        connector.setPort(port);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        tomcat.getHost().setAppBase(Files.createDirectories(work.resolve("webapps")).toString());
        // Tomcat's defaults for a webapp minus the JSP servlet, which embedded Tomcat does not have
        tomcat.setAddDefaultWebXmlToWebapp(false);
        Context context = tomcat.addWebapp("", war.toAbsolutePath().toString());
        Tomcat.addServlet(context, "default", new DefaultServlet()).setLoadOnStartup(1);
        context.addServletMappingDecoded("/", "default");
        Tomcat.addDefaultMimeTypeMappings(context);
        context.addWelcomeFile("index.html");
        context.setParentClassLoader(TomcatNodeMain.class.getClassLoader());
        // SIGTERM (Process.destroy) stops the context, so Parley closes its connections with 1001
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                tomcat.stop();
                tomcat.destroy();
            } catch (LifecycleException e) {
                e.printStackTrace();
            }
        }, "tomcat-stop"));
        tomcat.start();
        System.out.println("parley node serving on 127.0.0.1:" + port);
        tomcat.getServer().await();
    }
}
