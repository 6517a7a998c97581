package org.syncscope.api.camera;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CameraPtpStateTest {

    @Test
    void entriesAreMatchedByName() {
        assertThat(CameraPtpState.ofGenicamName("Slave")).isEqualTo(CameraPtpState.SLAVE);
        assertThat(CameraPtpState.ofGenicamName("PreMaster")).isEqualTo(CameraPtpState.PRE_MASTER);
        assertThat(CameraPtpState.ofGenicamName(" master ")).isEqualTo(CameraPtpState.MASTER);
    }

    @Test
    void unknownEntriesAreUnknown() {
        assertThat(CameraPtpState.ofGenicamName("Locked")).isEqualTo(CameraPtpState.UNKNOWN);
        assertThat(CameraPtpState.ofGenicamName("")).isEqualTo(CameraPtpState.UNKNOWN);
        assertThat(CameraPtpState.ofGenicamName(null)).isEqualTo(CameraPtpState.UNKNOWN);
    }
}
