package org.syncscope.eventsystem.mrf.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.syncscope.testing.Configs;

class FollowedEventTest {

    @Test
    void entriesAreCodeEqualsPrefixDecimalOrHex() {
        assertThat(FollowedEvent.parseAll(new String[] {"125=TST{EVR:1}Evt125, 0x0A = TST{EVR:1}Evt10", "0=EVR1:Ev0"}))
                .containsExactly(new FollowedEvent(125, "TST{EVR:1}Evt125"), new FollowedEvent(10, "TST{EVR:1}Evt10"),
                        new FollowedEvent(0, "EVR1:Ev0"));
        assertThat(new FollowedEvent(10, "TST{EVR:1}Evt10").counterPv()).isEqualTo("TST{EVR:1}Evt10Cnt-I");
        assertThat(FollowedEvent.parseAll(null)).isEmpty();
    }

    @Test
    void aBadEntryIsNamedWithTheKey() {
        assertThatThrownBy(() -> FollowedEvent.parseAll(new String[] {"125=A, 10"}))
                .hasMessage("events: '10' is not CODE=EN (e.g. 125=TST{EVR:1}Evt125)");
        assertThatThrownBy(() -> FollowedEvent.parseAll(new String[] {"ten=A"}))
                .hasMessage("events: 'ten=A': 'ten' is not an event code (decimal, or hex with 0x)");
        assertThatThrownBy(() -> FollowedEvent.parseAll(new String[] {"256=A"}))
                .hasMessage("events: '256=A': code 256 is outside 0..255");
        assertThatThrownBy(() -> FollowedEvent.parseAll(new String[] {"10=A B"}))
                .hasMessage("events: '10=A B': 'A B' is not a PV name prefix");
        assertThatThrownBy(() -> FollowedEvent.parseAll(new String[] {"10=A, 0xa=B"}))
                .hasMessage("events: '0xa=B': code 10 is already given (=A)");
        assertThatThrownBy(() -> FollowedEvent.parseAll(new String[] {"10=A, 11=A"}))
                .hasMessageContaining("events: '11=A': A is already given to another code");
        assertThatThrownBy(() -> FollowedEvent.parseAll(new String[] {"10="})).hasMessageContaining("'10=' is not CODE=EN");
    }

    @Test
    void settingsRefuseWhatCannotWorkNamingTheKey() {
        assertThat(settings("prefix", "TST{EVR:1}", "events", "125=TST{EVR:1}Evt125")).satisfies(s -> {
            assertThat(s.name()).as("from the file's name").isEqualTo("EVR1");
            assertThat(s.syncEvent()).isEqualTo(125);
            assertThat(s.protocol()).isEqualTo("ca");
            assertThat(s.connectTimeoutSeconds()).isEqualTo(10);
        });
        assertThat(settings("prefix", "P:", "events", "125=E", "source.target", "(protocol=pva)", "name", "evr-a").name())
                .isEqualTo("evr-a");
        assertThatThrownBy(() -> settings("events", "125=E")).hasMessageStartingWith("prefix: missing");
        assertThatThrownBy(() -> settings("prefix", "P:", "events", "10=E"))
                .hasMessageStartingWith("events: no entry for syncEvent 125");
        assertThatThrownBy(() -> settings("prefix", "P:", "events", "1=E", "syncEvent", "300"))
                .hasMessage("syncEvent: 300 is outside 0..255");
        assertThatThrownBy(() -> settings("prefix", "P:", "events", "125=E", "connectTimeoutSeconds", "0"))
                .hasMessage("connectTimeoutSeconds: 0 is outside 1..3600");
        assertThatThrownBy(() -> settings("prefix", "P:", "events", "125=E", "source.target", "protocol=ca"))
                .hasMessageStartingWith("source.target: 'protocol=ca' is not an OSGi filter");
        assertThatThrownBy(() -> settings("prefix", "P: Q", "events", "125=E")).hasMessageStartingWith("prefix: 'P: Q'");
    }

    @Test
    void theNameComesFromTheFileOrThePid() {
        assertThat(MrfSettings.fileName(Configs.fromFile("org.syncscope.eventsystem.mrf-EVR7.cfg"))).isEqualTo("EVR7");
        assertThat(MrfSettings.fileName(Map.of("service.pid", "org.syncscope.eventsystem.mrf~lab"))).isEqualTo("lab");
        assertThat(MrfSettings.fileName(Map.of())).isEqualTo("mrf");
    }

    private static MrfSettings settings(Object... keysAndValues) {
        Map<String, Object> p = Configs.fromFile("org.syncscope.eventsystem.mrf-EVR1.cfg", keysAndValues);
        return MrfSettings.of(Configs.of(MrfConfig.class, p), MrfSettings.fileName(p));
    }
}
