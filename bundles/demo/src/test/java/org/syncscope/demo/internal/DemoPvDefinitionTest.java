package org.syncscope.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DemoPvDefinitionTest {

    @Test
    void entriesParseFromArraysOrCommaLists() {
        assertThat(DemoPvDefinition.parseAll(new String[] {"DEMO:PV1@10, DEMO:PV2@5", "DEMO:PV3@0.5"}))
                .containsExactly(new DemoPvDefinition("DEMO:PV1", 10), new DemoPvDefinition("DEMO:PV2", 5),
                        new DemoPvDefinition("DEMO:PV3", 0.5));
        assertThat(new DemoPvDefinition("X", 10).periodNanos()).isEqualTo(100_000_000L);
    }

    @Test
    void badEntriesAreNamed() {
        assertThatThrownBy(() -> DemoPvDefinition.parse("DEMO:PV1")).hasMessageContaining("'DEMO:PV1' is not NAME@RATE");
        assertThatThrownBy(() -> DemoPvDefinition.parse("DEMO:PV1@fast")).hasMessageContaining("rate 'fast'");
        assertThatThrownBy(() -> DemoPvDefinition.parse("DEMO:PV1@0")).hasMessageContaining("0.001..1000");
        assertThatThrownBy(() -> DemoPvDefinition.parseAll(new String[] {"A@1,A@2"})).hasMessageContaining("twice");
    }
}
