package org.syncscope.syncprofile.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncscope.syncprofile.ProfileState;
import org.syncscope.syncprofile.ProfileState.State;

/** Who holds a name and its outputs, and every configuration's state. */
class ProfileRegistryTest {

    private final ProfileRegistry registry = new ProfileRegistry(1_000_000_000L);

    private static ProfileSettings on(String prefix, String... pvs) {
        return new ProfileSettings(List.of(pvs), 10, TimestampMode.SOURCE, prefix, 0);
    }

    @Test
    void aNameAndItsOutputsHaveOneHolderUntilReleased() {
        registry.claim("a", "pid-a", on("", "X", "Y"));
        registry.claim("a", "pid-a", on("", "X", "Y", "Z"));   // the holder's own edit
        assertThatThrownBy(() -> registry.claim("a", "pid-b", on("", "Q"))).hasMessageContaining("named a is already");
        assertThatThrownBy(() -> registry.claim("b", "pid-b", on("", "Z")))
                .hasMessage("outputs Z:* are published by sync profile a; a prefix keeps them apart");
        registry.claim("b", "pid-b", on("B:", "Z"));
        registry.release("a", "pid-b");   // not the holder: nothing happens
        assertThat(registry.heldByOther("a", "pid-b")).isTrue();
        registry.release("a", "pid-a");
        registry.claim("a", "pid-c", on("", "Z"));
    }

    @Test
    void statesAreListedByNameAndForgotten() {
        registry.state(new ProfileState("z", "p1", "etc/z.cfg", State.RUNNING, "", List.of("A")));
        registry.state(new ProfileState("a", "p2", "etc/a.cfg", State.REFUSED, "why", List.of()));
        assertThat(registry.all()).extracting(ProfileState::name).containsExactly("a", "z");
        assertThat(registry.named("a")).extracting(ProfileState::reason).containsExactly("why");
        registry.forget("p2");
        assertThat(registry.all()).extracting(ProfileState::name).containsExactly("z");
    }
}
