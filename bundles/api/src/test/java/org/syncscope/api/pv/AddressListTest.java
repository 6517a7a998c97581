package org.syncscope.api.pv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AddressListTest {

    @Test
    void spacesAndCommasBothSeparate() {
        AddressList list = AddressList.parse("addrList", " 127.0.0.1:15064, ioc-host  10.0.0.255 ");
        assertThat(list.entries()).containsExactly("127.0.0.1:15064", "ioc-host", "10.0.0.255");
        assertThat(list.toString()).isEqualTo("127.0.0.1:15064 ioc-host 10.0.0.255");
        assertThat(AddressList.parse("addrList", "  ")).isEqualTo(AddressList.EMPTY);
        assertThat(AddressList.parse("addrList", null)).isEqualTo(AddressList.EMPTY);
    }

    @Test
    void badEntriesAreNamedWithTheirKey() {
        assertThatThrownBy(() -> AddressList.parse("addrList", "127.0.0.1:99999"))
                .hasMessage("addrList: '127.0.0.1:99999' has a port outside 1..65535");
        assertThatThrownBy(() -> AddressList.parse("beaconAddrList", "ok-host bad/host"))
                .hasMessage("beaconAddrList: 'bad/host' is not a host or host:port");
        assertThatThrownBy(() -> AddressList.parse("addrList", ":5064")).hasMessageContaining("':5064'");
    }
}
