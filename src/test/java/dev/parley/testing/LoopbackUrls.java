package dev.parley.testing;

import java.lang.annotation.Annotation;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.arquillian.container.spi.event.container.AfterDeploy;
import org.jboss.arquillian.container.test.impl.enricher.resource.URLResourceProvider;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.arquillian.test.spi.enricher.resource.ResourceProvider;

/**
 * An Arquillian extension that points every {@code @ArquillianResource URL} at
 * {@code localhost}. The containers run on this machine, but not every adapter
 * says so: Payara Micro's reports the machine's network address, and tests
 * talk to the loopback interface only. Registered in
 * {@code META-INF/services/org.jboss.arquillian.core.spi.LoadableExtension}.
 *
 * <p>When an adapter reports a deployed WAR without its servlets, it adds the
 * WAR's context root (its name), which every container here deploys it at.
 *
 * <p>It also keeps the base URL of each deployment as it is deployed, for tests
 * that deploy by hand ({@code managed = false}) and so cannot have it injected:
 * {@link #deployed(String)}.
 */
public final class LoopbackUrls implements LoadableExtension {

    private static final Map<String, URL> DEPLOYED = new ConcurrentHashMap<>();

    @Override
    public void register(ExtensionBuilder builder) {
        builder.override(ResourceProvider.class, URLResourceProvider.class, Provider.class);
        builder.observer(Recorder.class);
    }

    /**
     * The base URL ({@code http://localhost:port/context/}) of the deployment
     * named {@code name}, as its latest deployment reported it.
     */
    public static URL deployed(String name) {
        URL url = DEPLOYED.get(name);
        if (url == null) {
            throw new IllegalStateException("deployment " + name + " has not been deployed");
        }
        return url;
    }

    /** Records each deployment's base URL once it is deployed. */
    public static final class Recorder {
        @Inject
        private Instance<ProtocolMetaData> metaData;

        public void afterDeploy(@Observes AfterDeploy event) {
            ProtocolMetaData data = metaData.get();
            if (data == null || !data.hasContext(HTTPContext.class)) {
                return;
            }
            HTTPContext context = data.getContexts(HTTPContext.class).iterator().next();
            if (context.getServlets().isEmpty()) {
                String archive = event.getDeployment().getArchive().getName();
                if (!archive.endsWith(".war")) {
                    return;
                }
                // Payara Micro's adapter reads the deployment's servlets from the server's log, and now and
                // then misses them: the injected URL would then lack the context root. Both containers
                // deploy a WAR at its name.
                context.add(new Servlet("default", "/" + archive.substring(0, archive.length() - ".war".length())));
            }
            try {
                DEPLOYED.put(event.getDeployment().getName(),
                        toLoopback(context.getServlets().get(0).getBaseURI().toURL()));
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Arquillian's own URL provider, with the host replaced by {@code localhost}. */
    public static final class Provider extends URLResourceProvider {
        @Override
        public Object doLookup(ArquillianResource resource, Annotation... qualifiers) {
            Object url = super.doLookup(resource, qualifiers);
            return url instanceof URL u ? toLoopback(u) : url;
        }
    }

    /** {@code url} with its host replaced by {@code localhost}, unless it is a loopback host already. */
    static URL toLoopback(URL url) {
        if (isLoopback(url.getHost())) {
            return url;
        }
        try {
            URI uri = url.toURI();
            return new URI(uri.getScheme(), uri.getUserInfo(), "localhost", uri.getPort(), uri.getPath(),
                    uri.getQuery(), uri.getFragment()).toURL();
        } catch (URISyntaxException | MalformedURLException e) {
            throw new IllegalStateException("cannot point " + url + " at localhost", e);
        }
    }

    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("[::1]") || h.matches("127\\.\\d+\\.\\d+\\.\\d+");
    }
}
