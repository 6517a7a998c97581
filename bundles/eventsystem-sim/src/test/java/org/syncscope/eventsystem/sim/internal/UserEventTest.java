package org.syncscope.eventsystem.sim.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UserEventTest {

    @Test
    void entriesAreHexEventAtRate() {
        assertThat(UserEvent.parseAll(new String[] {"0x10@10, 81@1", "0xFF@0.5"}))
                .containsExactly(new UserEvent(0x10, 10), new UserEvent(0x81, 1), new UserEvent(0xFF, 0.5));
    }

    @Test
    void badEntriesAreNamed() {
        assertThatThrownBy(() -> UserEvent.parseAll(new String[] {"0x10"})).hasMessageContaining("'0x10' is not EVENT@RATE");
        assertThatThrownBy(() -> UserEvent.parseAll(new String[] {"0x100@1"})).hasMessageContaining("outside 1..255");
        assertThatThrownBy(() -> UserEvent.parseAll(new String[] {"zz@1"})).hasMessageContaining("'zz@1' has a bad number");
    }
}
