package org.syncscope.pmc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.syncscope.testing.Configs;

class PmcSettingsTest {

    /** A PmcConfig with its defaults, some values replaced, as Config Admin would hand it over. */
    private static PmcConfig config(Map<String, Object> values) {
        return Configs.of(PmcConfig.class, values);
    }

    private static PmcConfig config(String key, Object value) {
        Map<String, Object> m = new HashMap<>();
        m.put(key, value);
        return config(m);
    }

    @Test
    void defaultsAreNativeOnTheStandardSocket() {
        PmcSettings s = PmcSettings.of(config(Map.of()));
        assertThat(s.mode()).isEqualTo("native");
        assertThat(s.socket()).isEqualTo(Path.of("/var/run/ptp4l"));
        assertThat(s.timeoutMs()).isEqualTo(1000);
        assertThat(s.publishPeriodSeconds()).isZero();
        assertThat(s.clientDirectory().isAbsolute()).isTrue();
        assertThat(s.newClient()).isInstanceOf(NativeManagementClient.class);
        assertThat(PmcSettings.of(config("mode", " Command ")).newClient()).isInstanceOf(CommandManagementClient.class);
    }

    @Test
    void linuxptp4ReadOnlySocketIsPreferredOnlyForTheDefault(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path ro = dir.resolve("ptp4lro");
        assertThat(PmcSettings.effectiveSocket(PmcSettings.DEFAULT_SOCKET, ro)).isEqualTo(PmcSettings.DEFAULT_SOCKET);
        java.nio.file.Files.createFile(ro);
        assertThat(PmcSettings.effectiveSocket(PmcSettings.DEFAULT_SOCKET, ro)).isEqualTo(ro);
        assertThat(PmcSettings.effectiveSocket(Path.of("/tmp/other.sock"), ro)).isEqualTo(Path.of("/tmp/other.sock"));
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> PmcSettings.of(config("mode", "udp")))
                .hasMessage("mode 'udp' is neither native nor command");
        assertThatThrownBy(() -> PmcSettings.of(config("socket", "ptp4l")))
                .hasMessage("socket 'ptp4l' is not an absolute path");
        assertThatThrownBy(() -> PmcSettings.of(config("timeoutMs", 0))).hasMessage("timeoutMs 0 is outside 10..60000");
        assertThatThrownBy(() -> PmcSettings.of(config("domainNumber", 256)))
                .hasMessage("domainNumber 256 is outside 0..255");
        assertThatThrownBy(() -> PmcSettings.of(config("pmcCommand", " "))).hasMessage("pmcCommand is empty");
        assertThatThrownBy(() -> PmcSettings.of(config("publishPeriodSeconds", -1)))
                .hasMessage("publishPeriodSeconds -1 is outside 0..86400");
        assertThatThrownBy(() -> PmcSettings.of(config("clientDirectory", "run")))
                .hasMessage("clientDirectory 'run' is not an absolute path");
    }
}
