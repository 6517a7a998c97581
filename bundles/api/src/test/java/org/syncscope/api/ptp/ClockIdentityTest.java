package org.syncscope.api.ptp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClockIdentityTest {

    @Test
    void printsAsLinuxptpDoes() {
        byte[] wire = {0, (byte) 0xbc, (byte) 0xfc, (byte) 0xe7, (byte) 0xff, (byte) 0xfe, 0x24, 0x4d, (byte) 0xaf};
        ClockIdentity id = ClockIdentity.of(wire, 1);
        assertThat(id.toString()).isEqualTo("bcfce7.fffe.244daf");
        assertThat(new PortIdentity(id, 1).toString()).isEqualTo("bcfce7.fffe.244daf-1");
    }

    @Test
    void leadingZerosAndHighBitArePrinted() {
        assertThat(new ClockIdentity(0x0000_0100_0000_0001L).toString()).isEqualTo("000001.0000.000001");
        assertThat(new ClockIdentity(-1L).toString()).isEqualTo("ffffff.ffff.ffffff");
    }

    @Test
    void tooFewBytesAreRefused() {
        assertThatThrownBy(() -> ClockIdentity.of(new byte[8], 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8 bytes");
    }

    @Test
    void portStateCodesMatchIeee1588() {
        assertThat(PortState.ofCode(1)).isEqualTo(PortState.INITIALIZING);
        assertThat(PortState.ofCode(6)).isEqualTo(PortState.MASTER);
        assertThat(PortState.ofCode(9)).isEqualTo(PortState.SLAVE);
        for (PortState s : PortState.values()) {
            assertThat(PortState.ofCode(s.code())).isSameAs(s);
        }
        assertThatThrownBy(() -> PortState.ofCode(0)).hasMessageContaining("not a PTP port state");
        assertThatThrownBy(() -> PortState.ofCode(10)).isInstanceOf(IllegalArgumentException.class);
    }
}
