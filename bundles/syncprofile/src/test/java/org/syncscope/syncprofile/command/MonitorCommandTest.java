package org.syncscope.syncprofile.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syncscope.syncprofile.internal.FakeConfigAdmin;

/** syncprofile:monitor reports what became of the profile it created, and keeps nothing of a refused one. */
class MonitorCommandTest {

    private final FakeConfigAdmin cm = new FakeConfigAdmin();

    @BeforeEach
    void theDemoProfile() {
        cm.addFile("demo", "pvs", "DEMO:PV1, DEMO:PV2, DEMO:PV3");
    }

    @AfterEach
    void stop() {
        cm.deactivateAll();
    }

    private MonitorCommand monitor(String... pvs) {
        MonitorCommand c = new MonitorCommand();
        c.configAdmin = cm.configurationAdmin();
        c.profiles = cm.registry();
        c.pvs = List.of(pvs);
        return c;
    }

    @Test
    void theDemoPvsBesideTheDemoProfileGetOutputsOfTheirOwn() throws Exception {
        String out = Commands.run(monitor("DEMO:PV1", "DEMO:PV2"));
        assertThat(out).startsWith("started sync profile adhoc-1 on [DEMO:PV1, DEMO:PV2], outputs "
                + "adhoc-1:DEMO:PV1:AvgFreq");
        await().atMost(Duration.ofSeconds(10)).until(() -> cm.published().containsAll(Set.of(
                "adhoc-1:DEMO:PV1:AvgFreq", "adhoc-1:DEMO:PV1_vs_DEMO:PV2:AvgDiff", "DEMO:PV1:AvgFreq")));
        assertThat(cm.registry().summary("adhoc-1")).isPresent();
        assertThat(Commands.run(monitor("DEMO:PV3"))).startsWith("started sync profile adhoc-2 ");
    }

    @Test
    void aRefusedProfileIsReportedAndLeavesNoConfiguration() {
        MonitorCommand clash = monitor("DEMO:PV1", "DEMO:PV2");
        clash.prefix = "";
        assertThatThrownBy(() -> Commands.run(clash)).isInstanceOf(CommandException.class)
                .hasMessage("sync profile adhoc-1 refused, nothing kept: configuration refused: outputs DEMO:PV1:* "
                        + "are published by sync profile demo (etc/org.syncscope.syncprofile-demo.cfg); a prefix "
                        + "keeps them apart");
        assertThat(cm.pids()).containsExactly("org.syncscope.syncprofile~demo");
        assertThat(cm.registry().all()).hasSize(1);
    }

    @Test
    void aBadOrTakenNameIsRefusedBeforeAnythingIsCreated() {
        MonitorCommand bad = monitor("X");
        bad.name = "a*";
        assertThatThrownBy(() -> Commands.run(bad)).isInstanceOf(CommandException.class)
                .hasMessage("'a*' is not a profile name: use 1 to 32 letters, digits, '_' or '-'");
        MonitorCommand taken = monitor("X");
        taken.name = "demo";
        assertThatThrownBy(() -> Commands.run(taken)).isInstanceOf(CommandException.class)
                .hasMessage("a sync profile named demo exists already; give another --name");
        assertThat(cm.pids()).containsExactly("org.syncscope.syncprofile~demo");
    }
}
