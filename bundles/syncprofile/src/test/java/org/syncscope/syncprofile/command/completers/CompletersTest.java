package org.syncscope.syncprofile.command.completers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.karaf.shell.support.completers.ArgumentCommandLine;
import org.junit.jupiter.api.Test;
import org.syncscope.syncprofile.ProfileConfigurations;
import org.syncscope.syncprofile.ProfileState;
import org.syncscope.syncprofile.ProfileState.State;
import org.syncscope.syncprofile.ProfileStatus;
import org.syncscope.syncprofile.ProfileSummary;

/** Tab completion of profile names and of the PVs profiles watch. */
class CompletersTest {

    private final ProfileConfigurations profiles = new ProfileConfigurations() {
        @Override
        public List<ProfileState> all() {
            return List.of(
                    new ProfileState("demo", "p~demo", "etc/a.cfg", State.RUNNING, "", List.of("DEMO:PV1", "DEMO:PV2")),
                    new ProfileState("dead", "p~dead", "etc/b.cfg", State.REFUSED, "why", List.of("OTHER:PV")));
        }

        @Override
        public Optional<ProfileSummary> summary(String name) {
            return Optional.empty();
        }

        @Override
        public Optional<ProfileStatus> status(String name) {
            return Optional.empty();
        }
    };

    private static List<String> complete(org.apache.karaf.shell.api.console.Completer completer, String typed) {
        List<String> candidates = new ArrayList<>();
        completer.complete(null, new ArgumentCommandLine(typed, typed.length()), candidates);
        return candidates.stream().map(String::trim).toList();
    }

    @Test
    void profileNamesRefusedOnesIncluded() {
        ProfileNameCompleter c = new ProfileNameCompleter();
        c.profiles = profiles;
        assertThat(complete(c, "de")).containsExactlyInAnyOrder("demo", "dead");
        assertThat(complete(c, "dem")).containsExactly("demo");
    }

    @Test
    void inputPvsOfEveryProfile() {
        ProfilePvCompleter c = new ProfilePvCompleter();
        c.profiles = profiles;
        assertThat(complete(c, "DEMO:")).containsExactlyInAnyOrder("DEMO:PV1", "DEMO:PV2");
        assertThat(complete(c, "")).containsExactlyInAnyOrder("DEMO:PV1", "DEMO:PV2", "OTHER:PV");
    }
}
