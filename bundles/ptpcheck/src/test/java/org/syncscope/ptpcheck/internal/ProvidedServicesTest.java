package org.syncscope.ptpcheck.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.syncscope.testing.DsDescriptors.provided;

import org.junit.jupiter.api.Test;

/** Issue 20: the component is a service only under exported types, never under its own internal class. */
class ProvidedServicesTest {

    @Test
    void registeredOnlyUnderExportedInterfaces() {
        assertThat(provided("org.syncscope.ptpcheck.internal.PtpCheckComponent")).containsExactlyInAnyOrder("org.syncscope.ptpcheck.PtpCheck",
                "org.syncscope.api.status.PtpStatusProvider");
    }
}
