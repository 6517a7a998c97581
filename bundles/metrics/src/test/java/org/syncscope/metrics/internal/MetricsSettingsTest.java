package org.syncscope.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.syncscope.testing.Configs;

class MetricsSettingsTest {

    private static MetricsSettings of(Object... keysAndValues) {
        Map<String, Object> p = Configs.fromFile("org.syncscope.metrics.cfg", keysAndValues);
        return MetricsSettings.of(Configs.of(MetricsConfig.class, p), p);
    }

    @Test
    void defaultsWithoutAFile() {
        assertThat(of()).isEqualTo(new MetricsSettings(100, true));
    }

    @Test
    void badValuesNameTheFileAndTheKey() {
        assertThatThrownBy(() -> of("maxPairsPerProfile", "lots")).hasMessage(
                "etc/org.syncscope.metrics.cfg: maxPairsPerProfile = 'lots' is not a whole number");
        assertThatThrownBy(() -> of("maxPairsPerProfile", "-3")).hasMessage(
                "etc/org.syncscope.metrics.cfg: maxPairsPerProfile = -3 is below 0");
        assertThatThrownBy(() -> of("includeJvm", "maybe")).hasMessage(
                "etc/org.syncscope.metrics.cfg: includeJvm = 'maybe' is not true or false");
    }
}
