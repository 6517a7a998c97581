package org.syncscope.pmc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.syncscope.testing.DsDescriptors.provided;

import org.junit.jupiter.api.Test;

/** Issue 20: the component is a service only under exported types, never under its own internal class. */
class ProvidedServicesTest {

    @Test
    void registeredOnlyUnderExportedInterfaces() {
        assertThat(provided("org.syncscope.pmc.internal.PmcComponent")).containsExactlyInAnyOrder("org.syncscope.api.ptp.PtpManagement",
                "org.syncscope.api.ptp.HostPtpReadings", "org.syncscope.pmc.PmcAdapter");
    }
}
