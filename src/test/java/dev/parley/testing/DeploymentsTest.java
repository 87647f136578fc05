package dev.parley.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

class DeploymentsTest {

    private static String webXml(WebArchive war) throws IOException {
        try (InputStream in = war.get("WEB-INF/web.xml").getAsset().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void addsAServlet60WebXmlWithTheParameters() throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("parley.outbox.frames", "4");
        params.put("parley.origins", "http://a.test <&>");
        WebArchive war = Deployments.withContextParams(ShrinkWrap.create(WebArchive.class, "parley.war"), params);

        String xml = webXml(war);
        assertTrue(xml.contains("version=\"6.0\" metadata-complete=\"false\""), xml);
        assertTrue(xml.contains("<param-name>parley.outbox.frames</param-name>\n    <param-value>4</param-value>"), xml);
        assertTrue(xml.contains("<param-value>http://a.test &lt;&amp;&gt;</param-value>"), xml);
    }

    @Test
    void addsTheParametersToAnExistingWebXml() throws IOException {
        WebArchive war = ShrinkWrap.create(WebArchive.class, "parley.war")
                .setWebXML(new StringAsset("<?xml version=\"1.0\"?>\n<web-app version=\"6.0\">\n"
                        + "  <display-name>Parley</display-name>\n</web-app>\n"));

        String xml = webXml(Deployments.withContextParams(war, Map.of("parley.history.size", "3")));
        assertTrue(xml.contains("<display-name>Parley</display-name>"), xml);
        assertTrue(xml.contains("<param-value>3</param-value>"), xml);
        assertEquals(1, xml.split("<web-app", -1).length - 1, xml);
    }

    @Test
    void aParameterTheWarSetsAlreadyGetsTheNewValueOnce() throws IOException {
        WebArchive war = ShrinkWrap.create(WebArchive.class, "parley.war")
                .setWebXML(new StringAsset("<?xml version=\"1.0\"?>\n<web-app version=\"6.0\">\n  <context-param>\n"
                        + "    <param-name>org.glassfish.tyrus.servlet.incoming-buffer-size</param-name>\n"
                        + "    <param-value>196622</param-value>\n  </context-param>\n</web-app>\n"));

        String xml = webXml(Deployments.withContextParams(war,
                Map.of("org.glassfish.tyrus.servlet.incoming-buffer-size", "3145744")));
        assertTrue(xml.contains("<param-value>3145744</param-value>"), xml);
        assertEquals(1, xml.split("incoming-buffer-size", -1).length - 1, "one parameter of that name: " + xml);
    }
}
