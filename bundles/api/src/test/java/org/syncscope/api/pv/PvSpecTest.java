package org.syncscope.api.pv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PvSpecTest {

    @Test
    void plainDoubleIsReadOnly() {
        PvSpec spec = PvSpec.ofDouble("DEMO:PV1:AvgFreq", "Hz", 3, "average update rate");
        assertThat(spec.writable()).isFalse();
        assertThat(spec.withWriteHandler(v -> { }).writable()).isTrue();
        assertThat(spec.maxElements()).isEqualTo(1);
    }

    @Test
    void badMetadataIsRefusedNamingThePv() {
        assertThatThrownBy(() -> PvSpec.ofDouble("X:Y", "s", 18, ""))
                .hasMessageContaining("X:Y").hasMessageContaining("precision");
        assertThatThrownBy(() -> new PvSpec("E", PvType.ENUM, "", 0, "", Limits.NONE, Limits.NONE, List.of(), 1, null))
                .hasMessageContaining("needs at least one label");
        assertThatThrownBy(() -> new PvSpec("A", PvType.DOUBLE_ARRAY, "", 0, "", Limits.NONE, Limits.NONE, List.of(), 0, null))
                .hasMessageContaining("maxElements");
        assertThatThrownBy(() -> new Limits(2, 1)).hasMessageContaining("low <= high");
    }

    @Test
    void arrayValuesAreCopied() {
        double[] data = {1, 2, 3};
        PvValue.DoubleArrayValue v = new PvValue.DoubleArrayValue(data);
        data[0] = 99;
        assertThat(v.values()).containsExactly(1, 2, 3);
        v.values()[1] = 99;
        assertThat(v.values()).containsExactly(1, 2, 3);
        assertThat(v).isEqualTo(new PvValue.DoubleArrayValue(new double[] {1, 2, 3}));
    }

    @Test
    void alarmOrdinalsAreTheChannelAccessCodes() {
        assertThat(AlarmSeverity.INVALID.ordinal()).isEqualTo(3);
        assertThat(AlarmStatus.UDF.ordinal()).isEqualTo(17);
        assertThat(AlarmStatus.WRITE_ACCESS.ordinal()).isEqualTo(21);
    }

    @org.junit.jupiter.api.Test
    void factoriesForTheCommonKinds() {
        PvSpec e = PvSpec.ofEnum("A:E", "an enum", java.util.List.of("OFF", "ON"));
        org.assertj.core.api.Assertions.assertThat(e.type()).isEqualTo(PvType.ENUM);
        org.assertj.core.api.Assertions.assertThat(e.enumLabels()).containsExactly("OFF", "ON");
        org.assertj.core.api.Assertions.assertThat(PvSpec.ofString("A:S", "a string").type()).isEqualTo(PvType.STRING);
        PvSpec l = PvSpec.ofLong("A:L", "events", "a count");
        org.assertj.core.api.Assertions.assertThat(l.type()).isEqualTo(PvType.LONG);
        org.assertj.core.api.Assertions.assertThat(l.units()).isEqualTo("events");
        org.assertj.core.api.Assertions.assertThat(l.writable()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PvSpec.ofEnum("A:E", "none", java.util.List.of()))
                .hasMessageContaining("at least one label");
    }
}
