package org.syncscope.syncprofile.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syncscope.syncprofile.internal.FakeConfigAdmin;

/** Every configuration appears in syncprofile:list with its state; a refused one's status says why. */
class ListAndStatusCommandTest {

    private final FakeConfigAdmin cm = new FakeConfigAdmin();

    @BeforeEach
    void aRunningAndARefusedProfile() {
        cm.addFile("good", "pvs", "A, B");
        cm.addFile("bad", "pvs", "C", "window", "abc");
    }

    @AfterEach
    void stop() {
        cm.deactivateAll();
    }

    private String list() throws Exception {
        ListCommand c = new ListCommand();
        c.profiles = cm.registry();
        return Commands.run(c);
    }

    private String status(String name) throws Exception {
        StatusCommand c = new StatusCommand();
        c.profiles = cm.registry();
        c.name = name;
        return Commands.run(c);
    }

    @Test
    void listShowsEveryConfigurationWithItsState() throws Exception {
        String list = list();
        assertThat(list.lines().filter(l -> l.startsWith("good") && l.contains("running"))).hasSize(1);
        assertThat(list.lines().filter(l -> l.startsWith("bad") && l.contains("REFUSED"))).hasSize(1);
        assertThat(list).contains("bad (etc/org.syncscope.syncprofile-bad.cfg): configuration refused: "
                + "window = 'abc' is not a whole number");
    }

    @Test
    void statusOfARefusedProfileSaysWhy() throws Exception {
        assertThat(status("bad")).isEqualTo("Profile bad (etc/org.syncscope.syncprofile-bad.cfg): REFUSED: "
                + "configuration refused: window = 'abc' is not a whole number" + System.lineSeparator());
        assertThat(status("good")).contains("Profile good (window 100, timestamp source)").contains("A_vs_B");
        String all = status(null);
        assertThat(all).contains("Profile good (window").contains("Profile bad (etc/");
    }

    @Test
    void statusShowsAtMostTheAskedNumberOfPairsAndSaysHowManyMore() throws Exception {
        cm.addFile("wide", "pvs", "P1, P2, P3, P4, P5");
        StatusCommand c = new StatusCommand();
        c.profiles = cm.registry();
        c.name = "wide";
        c.maxPairs = 3;
        String out = Commands.run(c);
        assertThat(out.lines().filter(l -> l.contains("_vs_"))).hasSize(3);
        assertThat(out).contains("… and 7 more pairs").contains("SYNCPROFILE:wide:WorstAvgPair1");
        c.maxPairs = 0;
        assertThat(Commands.run(c).lines().filter(l -> l.contains("_vs_"))).hasSize(10);
    }

    @Test
    void statusOfAnUnknownOrBadNameSaysSo() {
        assertThatThrownBy(() -> status("none")).isInstanceOf(CommandException.class)
                .hasMessage("no sync profile named none; syncprofile:list shows every one");
        assertThatThrownBy(() -> status("a b")).isInstanceOf(CommandException.class)
                .hasMessageContaining("is not a profile name");
    }
}
