package org.syncscope.cas.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.syncscope.testing.DsDescriptors.provided;

import org.junit.jupiter.api.Test;

/** Issue 20: the component is a service only under exported types, never under its own internal class. */
class ProvidedServicesTest {

    @Test
    void registeredOnlyUnderExportedInterfaces() {
        assertThat(provided("org.syncscope.cas.internal.CaServerComponent")).containsExactly("org.syncscope.cas.CaServer");
        assertThat(provided("org.syncscope.cas.internal.PvPublisherComponent")).containsExactly("org.syncscope.api.pv.PvPublisher");
    }
}
