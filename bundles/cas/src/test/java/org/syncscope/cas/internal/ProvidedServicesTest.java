package org.syncscope.cas.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Issue 20: the component is a service only under exported types, never under its own internal class. */
class ProvidedServicesTest {

    @Test
    void registeredOnlyUnderExportedInterfaces() throws IOException {
        assertThat(provided("org.syncscope.cas.internal.CaServerComponent")).containsExactly("org.syncscope.cas.CaServer");
        assertThat(provided("org.syncscope.cas.internal.PvPublisherComponent")).containsExactly("org.syncscope.api.pv.PvPublisher");
    }

    /** The service types in the DS descriptor bnd generated for {@code component}. */
    static List<String> provided(String component) throws IOException {
        String xml;
        try (InputStream in = ProvidedServicesTest.class.getResourceAsStream("/OSGI-INF/" + component + ".xml")) {
            assertThat(in).as("DS descriptor of " + component).isNotNull();
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> types = new ArrayList<>();
        Matcher m = Pattern.compile("<provide interface=\"([^\"]+)\"").matcher(xml);
        while (m.find()) {
            types.add(m.group(1));
        }
        return types;
    }
}
