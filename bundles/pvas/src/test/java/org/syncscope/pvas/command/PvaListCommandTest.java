package org.syncscope.pvas.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PvaListCommandTest {

    private static final List<String> NAMES = List.of("DEMO:PV1", "DEMO:PV1:AvgFreq", "DEMO:PV2", "SYNCPROFILE:demo:Table");

    @Test
    void aGlobWithOrWithoutThePvaPrefixSelectsNames() {
        assertThat(PvaListCommand.matching(NAMES, "DEMO:PV?")).containsExactly("DEMO:PV1", "DEMO:PV2");
        assertThat(PvaListCommand.matching(NAMES, "pva://*:Table")).containsExactly("SYNCPROFILE:demo:Table");
        assertThat(PvaListCommand.matching(NAMES, "DEMO:PV1.*")).as("a dot is a dot").isEmpty();
        assertThat(PvaListCommand.matching(NAMES, null)).isEqualTo(NAMES);
    }
}
