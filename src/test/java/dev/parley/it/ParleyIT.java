package dev.parley.it;

import java.net.URL;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every Arquillian test of the deployed WAR shares: the extension that deploys it and the
 * deployment's base URL ({@code http://localhost:<port>/parley/}). Each test class still declares its own
 * {@code @Deployment(testable = false)} method, with the settings it needs.
 */
@ExtendWith(ArquillianExtension.class)
public abstract class ParleyIT {
    @ArquillianResource
    protected URL base;
}
