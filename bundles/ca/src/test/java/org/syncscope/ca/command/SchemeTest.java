package org.syncscope.ca.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.syncscope.testing.MemorySource;

/** ca:// and pva:// as Phoebus writes them; a bare name is Channel Access. */
class SchemeTest {

    private final MemorySource ca = new MemorySource();
    private final MemorySource pva = new MemorySource();

    @Test
    void thePrefixPicksTheSourceAndIsStripped() {
        assertThat(Scheme.of("DEMO:PV1", ca, pva)).isEqualTo(new Scheme(ca, "DEMO:PV1", "ca"));
        assertThat(Scheme.of("ca://DEMO:PV1", ca, pva)).isEqualTo(new Scheme(ca, "DEMO:PV1", "ca"));
        assertThat(Scheme.of("pva://DEMO:PV1", ca, pva)).isEqualTo(new Scheme(pva, "DEMO:PV1", "pva"));
    }

    @Test
    void pvaWithoutItsClientSaysWhichFeatureIsMissing() {
        assertThatThrownBy(() -> Scheme.of("pva://DEMO:PV1", ca, null))
                .hasMessage("pva://DEMO:PV1: no pvAccess client is running (feature:install syncscope-pva)");
    }
}
