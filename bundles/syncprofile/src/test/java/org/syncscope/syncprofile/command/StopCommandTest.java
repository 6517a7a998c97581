package org.syncscope.syncprofile.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syncscope.syncprofile.internal.FakeConfigAdmin;

/** syncprofile:stop removes the profile named, and only it, whatever the name typed. */
class StopCommandTest {

    private final FakeConfigAdmin cm = new FakeConfigAdmin();

    @BeforeEach
    void twoProfiles() {
        cm.addFile("demo", "pvs", "A, B");
        cm.addFile("other", "pvs", "C");
    }

    @AfterEach
    void stop() {
        cm.deactivateAll();
    }

    private String stop(String name) throws Exception {
        StopCommand c = Commands.with(new StopCommand(), "configAdmin", cm.configurationAdmin());
        return Commands.run(Commands.with(c, "name", name));
    }

    @Test
    void stopsTheNamedProfileOnly() throws Exception {
        assertThat(stop("other")).contains("stopped sync profile other");
        assertThat(cm.pids()).containsExactly("org.syncscope.syncprofile~demo");
        await().atMost(Duration.ofSeconds(10)).until(() -> cm.subscribed().equals(Set.of("A", "B")));
    }

    @Test
    void aWildcardOrFilterTextDeletesNothing() {
        for (String typed : new String[] {"*", "de*", "demo)(name=*", "*)(service.pid=*"}) {
            assertThatThrownBy(() -> stop(typed)).as(typed).isInstanceOf(CommandException.class)
                    .hasMessageContaining("is not a profile name");
        }
        assertThat(cm.pids()).containsExactly("org.syncscope.syncprofile~demo", "org.syncscope.syncprofile~other");
        await().atMost(Duration.ofSeconds(10)).until(() -> cm.subscribed().equals(Set.of("A", "B", "C")));
    }

    @Test
    void anUnknownNameSaysSo() {
        assertThatThrownBy(() -> stop("nosuch")).isInstanceOf(CommandException.class)
                .hasMessage("no sync profile configuration named nosuch; syncprofile:list shows every one");
    }

    @Test
    void aProfileNamedByItsNameKeyIsFoundToo() throws Exception {
        cm.addFile("file3", "pvs", "D", "name", "third");
        assertThat(stop("third")).contains("stopped sync profile third");
        assertThat(cm.pids()).doesNotContain("org.syncscope.syncprofile~file3");
    }
}
