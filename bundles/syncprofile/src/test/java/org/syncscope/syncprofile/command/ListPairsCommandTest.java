package org.syncscope.syncprofile.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.syncscope.syncprofile.ProfileConfigurations;
import org.syncscope.syncprofile.ProfileState;
import org.syncscope.syncprofile.ProfileState.State;
import org.syncscope.syncprofile.ProfileStatus;
import org.syncscope.syncprofile.ProfileSummary;

/** syncprofile:list shows a running profile's pair count with its pairing, and no count before it runs. */
class ListPairsCommandTest {

    private static final class TwoProfiles implements ProfileConfigurations {
        @Override
        public List<ProfileState> all() {
            return List.of(new ProfileState("big", "p~big", "etc/big.cfg", State.RUNNING, "", List.of("A", "B", "C")),
                    new ProfileState("wait", "p~wait", "etc/wait.cfg", State.STARTING, "", List.of("A", "B", "C")));
        }

        @Override
        public Optional<ProfileSummary> summary(String name) {
            return name.equals("big") ? Optional.of(new ProfileSummary("big", 10_000, 9_999, "chain", 100, "source",
                    "", 0, 0, 20_000, 0)) : Optional.empty();
        }

        @Override
        public Optional<ProfileStatus> status(String name) {
            return Optional.empty();
        }
    }

    @Test
    void thePairsColumnSaysHowManyAndWhichPairing() throws Exception {
        ListCommand c = new ListCommand();
        c.profiles = new TwoProfiles();
        String list = Commands.run(c);
        String big = list.lines().filter(l -> l.startsWith("big")).findFirst().orElseThrow();
        assertThat(cells(big)).containsSubsequence("running", "10000", "9999 (chain)", "100", "source");
        String wait = list.lines().filter(l -> l.startsWith("wait")).findFirst().orElseThrow();
        // 3 PVs, and not 3 pairs: the pairing of a configuration not yet running is not known
        assertThat(cells(wait).subList(1, 4)).containsExactly("starting", "3", "-");
        assertThat(list.lines().filter(l -> l.contains("Pairs"))).hasSize(1);
    }

    @Test
    void theOldSummaryIsOfAllPairs() {
        assertThat(new ProfileSummary("x", 3, 3, 100, "source", "", 0, 0, 10, 0).pairing()).isEqualTo("all");
    }

    private static List<String> cells(String row) {
        return List.of(row.split("\\s[│|x]\\s")).stream().map(String::trim).toList();
    }
}
