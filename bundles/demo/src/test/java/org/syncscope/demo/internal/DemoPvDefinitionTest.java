package org.syncscope.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DemoPvDefinitionTest {

    @Test
    void entriesParseFromArraysOrCommaLists() {
        assertThat(DemoPvDefinition.parseAll(new String[] {"DEMO:PV1@10, DEMO:PV2@5+30", "DEMO:PV3@0.5"}))
                .containsExactly(new DemoPvDefinition("DEMO:PV1", 10, 0), new DemoPvDefinition("DEMO:PV2", 5, 30),
                        new DemoPvDefinition("DEMO:PV3", 0.5, 0));
        assertThat(new DemoPvDefinition("X", 10, 0).periodNanos()).isEqualTo(100_000_000L);
        assertThat(new DemoPvDefinition("X", 10, 30).phaseNanos()).isEqualTo(30_000_000L);
    }

    @Test
    void badEntriesAreNamed() {
        assertThatThrownBy(() -> DemoPvDefinition.parse("DEMO:PV1")).hasMessageContaining("'DEMO:PV1' is not NAME@RATE");
        assertThatThrownBy(() -> DemoPvDefinition.parse("DEMO:PV1@fast")).hasMessageContaining("rate 'fast'");
        assertThatThrownBy(() -> DemoPvDefinition.parse("DEMO:PV1@0")).hasMessageContaining("0.001..1000");
        assertThatThrownBy(() -> DemoPvDefinition.parseAll(new String[] {"A@1,A@2"})).hasMessageContaining("twice");
        assertThatThrownBy(() -> DemoPvDefinition.parse("A@10+100")).hasMessageContaining("up to its period");
        assertThatThrownBy(() -> DemoPvDefinition.parse("A@10+soon")).hasMessageContaining("phase 'soon'");
    }
}
