package dev.parley.testing;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.ArchivePaths;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Deployments for Arquillian tests, and the base URL of the Cargo-started Tomcat.
 *
 * <p>Arquillian tests deploy the WAR that {@code ./mvnw package} built, so they
 * test what ships:
 *
 * <pre>{@code
 * @Deployment(testable = false)
 * static WebArchive deployment() { return Deployments.parley(); }
 *
 * @ArquillianResource URL base;   // http://localhost:<port>/parley/
 * }</pre>
 */
public final class Deployments {

    /** Set by failsafe; the default serves a run from an IDE in the project directory. */
    static final String WAR_PROPERTY = "parley.war";

    /** Set by failsafe for the *DistributionIT tests: the Cargo-started Tomcat, e.g. http://localhost:41234/ */
    static final String DISTRIBUTION_URL_PROPERTY = "parley.dist.url";

    private static final ArchivePath WEB_XML = ArchivePaths.create("WEB-INF/web.xml");
    private static final Pattern WEB_APP_START = Pattern.compile("<web-app\\b[^>]*>");

    private Deployments() {
    }

    /** The built {@code target/parley.war}, as deployed by Arquillian under the context {@code /parley}. */
    public static WebArchive parley() {
        File war = new File(System.getProperty(WAR_PROPERTY, "target/parley.war"));
        if (!war.isFile()) {
            throw new IllegalStateException("No WAR at " + war.getAbsolutePath()
                    + ": build it first (./mvnw package), or run the tests with ./mvnw verify");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }

    /**
     * The built WAR with the given servlet context parameters (such as
     * {@code parley.outbox.frames}) in its {@code WEB-INF/web.xml}. If the WAR
     * already has a {@code web.xml}, the parameters are added to it;
     * otherwise a Servlet 6.0 {@code web.xml} with {@code metadata-complete="false"}
     * (annotations and fragments still scanned) is added.
     */
    public static WebArchive parley(Map<String, String> contextParams) {
        return withContextParams(parley(), contextParams);
    }

    /** Adds context parameters to the {@code WEB-INF/web.xml} of {@code war}, creating one if it has none. */
    public static WebArchive withContextParams(WebArchive war, Map<String, String> contextParams) {
        Node existing = war.get(WEB_XML);
        String current = existing != null && existing.getAsset() != null ? read(existing) : null;
        StringBuilder params = new StringBuilder();
        for (Map.Entry<String, String> param : contextParams.entrySet()) {
            Matcher set = current == null ? null : Pattern.compile("(<param-name>" + Pattern.quote(xml(param.getKey()))
                    + "</param-name>\\s*<param-value>)[^<]*(</param-value>)").matcher(current);
            if (set != null && set.find()) {
                // a parameter the WAR sets already (such as Tyrus's input buffer) gets the test's value instead
                current = set.replaceFirst("$1" + Matcher.quoteReplacement(xml(param.getValue())) + "$2");
            } else {
                params.append("  <context-param>\n")
                        .append("    <param-name>").append(xml(param.getKey())).append("</param-name>\n")
                        .append("    <param-value>").append(xml(param.getValue())).append("</param-value>\n")
                        .append("  </context-param>\n");
            }
        }

        String webXml;
        if (current != null) {
            Matcher start = WEB_APP_START.matcher(current);
            if (!start.find()) {
                throw new IllegalStateException("WEB-INF/web.xml of the WAR has no <web-app> element");
            }
            webXml = current.substring(0, start.end()) + "\n" + params + current.substring(start.end());
            war.delete(WEB_XML);
        } else {
            webXml = """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee"
                             xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                             xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd"
                             version="6.0" metadata-complete="false">
                    """ + params + "</web-app>\n";
        }
        return war.setWebXML(new StringAsset(webXml));
    }

    /**
     * The base URL of the real Tomcat that Cargo started for the
     * {@code *DistributionIT} tests, ending in {@code /} (the WAR is at the root context).
     */
    public static URL distribution() {
        String url = System.getProperty(DISTRIBUTION_URL_PROPERTY);
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("System property " + DISTRIBUTION_URL_PROPERTY
                    + " is not set: *DistributionIT tests run through ./mvnw verify,"
                    + " which starts Tomcat with Cargo and sets it");
        }
        try {
            return URI.create(url.endsWith("/") ? url : url + "/").toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException(DISTRIBUTION_URL_PROPERTY + " is not a URL: " + url, e);
        }
    }

    private static String read(Node node) {
        try (InputStream in = node.getAsset().openStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
