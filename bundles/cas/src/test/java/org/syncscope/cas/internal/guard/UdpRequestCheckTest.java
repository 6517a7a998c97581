package org.syncscope.cas.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.syncscope.cas.internal.guard.CaDatagrams.datagram;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.syncscope.cas.internal.guard.UdpRequestCheck.Fault;

class UdpRequestCheckTest {

    private final UdpRequestCheck check = new UdpRequestCheck();

    private Fault check(ByteBuffer b) {
        int position = b.position();
        int limit = b.limit();
        Fault f = check.check(b);
        assertThat(b.position()).as("position untouched").isEqualTo(position);
        assertThat(b.limit()).as("limit untouched").isEqualTo(limit);
        return f;
    }

    @Test
    void libcasSearchDatagramPasses() {
        assertThat(check(datagram().version().search("DEMO:FREQ", 1).search("DEMO:PHASE", 2).buffer())).isEqualTo(Fault.OK);
    }

    @Test
    void aLoneVersionOrSearchPasses() {
        assertThat(check(datagram().version().buffer())).isEqualTo(Fault.OK);
        assertThat(check(datagram().search("A", 7).buffer())).isEqualTo(Fault.OK);
        // a name filling its payload but for the terminator: 7 characters in 8 bytes
        assertThat(check(datagram().search("ABCDEFG", 7).buffer())).isEqualTo(Fault.OK);
    }

    @Test
    void checksFromThePositionToTheLimit() {
        ByteBuffer b = ByteBuffer.allocate(100);
        b.put(new byte[] {1, 2, 3}).put(datagram().search("X:Y", 1).array()).put(new byte[] {9, 9});
        int end = b.position() - 2;
        b.limit(end).position(3);
        assertThat(check(b)).isEqualTo(Fault.OK);
    }

    @Test
    void emptyDatagram() {
        assertThat(check(ByteBuffer.allocate(0))).isEqualTo(Fault.EMPTY);
        assertThat(check.describe()).isEqualTo("empty datagram");
    }

    @Test
    void truncatedHeaderAloneAndAfterAGoodMessage() {
        for (int n = 1; n < 16; n++) {
            byte[] version = datagram().version().array();
            assertThat(check(ByteBuffer.wrap(Arrays.copyOf(version, n)))).as("%d bytes", n).isEqualTo(Fault.TRUNCATED_HEADER);
        }
        byte[] two = datagram().version().search("DEMO:FREQ", 1).array();
        assertThat(check(ByteBuffer.wrap(Arrays.copyOf(two, 16 + 9)))).isEqualTo(Fault.TRUNCATED_HEADER);
        assertThat(check.describe()).contains("message at byte 16 of a 25-byte datagram");
    }

    @Test
    void searchWhosePayloadRunsPastTheDatagram() {
        // what made CAJ throw "newPosition > limit": payload size 24 with only 16 bytes following
        byte[] search = datagram().search("DEMO:FREQ", 1).array();
        ByteBuffer b = ByteBuffer.wrap(Arrays.copyOf(search, search.length));
        b.putShort(2, (short) 24);
        assertThat(check(b)).isEqualTo(Fault.PAYLOAD_PAST_END);
        assertThat(check.describe()).contains("command 6").contains("payload 24 bytes");
        b.putShort(2, (short) 0xFFF8);
        assertThat(check(b)).isEqualTo(Fault.PAYLOAD_PAST_END);
        // cut in the middle of the name
        assertThat(check(ByteBuffer.wrap(Arrays.copyOf(search, 20)))).isEqualTo(Fault.PAYLOAD_PAST_END);
    }

    @Test
    void eventAddOverUdpAloneAndAfterAGoodSearch() {
        // what made CAJ throw ClassCastException BroadcastTransport -> CASTransport
        ByteBuffer alone = datagram().header(1, 16, 14, 1, 1, 1).bytes(new byte[16]).buffer();
        assertThat(check(alone)).isEqualTo(Fault.NOT_A_UDP_REQUEST);
        assertThat(check.describe()).contains("EVENT_ADD").contains("command 1");
        ByteBuffer after = datagram().version().search("DEMO:FREQ", 1).header(1, 0, 14, 1, 1, 1).buffer();
        assertThat(check(after)).as("the whole datagram is refused").isEqualTo(Fault.NOT_A_UDP_REQUEST);
        assertThat(check.describe()).contains("message at byte 48");
    }

    @Test
    void everyCommandButVersionAndSearchIsRefused() {
        for (int command = 0; command < 0x10000; command += command < 40 ? 1 : 977) {
            Fault f = check(datagram().header(command, 0, 0, 0, 0, 0).buffer());
            if (command == 0) {
                assertThat(f).isEqualTo(Fault.OK);
            } else if (command == 6) {
                assertThat(f).isEqualTo(Fault.EMPTY_NAME);
            } else {
                assertThat(f).as("command %d", command).isEqualTo(Fault.NOT_A_UDP_REQUEST);
            }
        }
    }

    @Test
    void extendedHeaderIsRefused() {
        ByteBuffer b = datagram().header(6, 0xFFFF, 10, 0, 1, 1).bytes(new byte[8]).buffer();
        assertThat(check(b)).isEqualTo(Fault.EXTENDED_HEADER);
    }

    @Test
    void misalignedPayloadIsRefused() {
        ByteBuffer b = datagram().header(6, 5, 10, 13, 1, 1).bytes((byte) 'A', (byte) 'B', (byte) 0, (byte) 0, (byte) 0)
                .buffer();
        assertThat(check(b)).isEqualTo(Fault.MISALIGNED_PAYLOAD);
        assertThat(check(datagram().header(0, 4, 0, 13, 0, 0).bytes(new byte[4]).buffer())).isEqualTo(Fault.MISALIGNED_PAYLOAD);
    }

    @Test
    void searchNamesMustBeNonEmptyTerminatedAndPrintable() {
        assertThat(check(datagram().header(6, 0, 10, 13, 1, 1).buffer())).isEqualTo(Fault.EMPTY_NAME);
        assertThat(check(datagram().header(6, 8, 10, 13, 1, 1).bytes(new byte[8]).buffer())).isEqualTo(Fault.EMPTY_NAME);
        byte[] eight = "ABCDEFGH".getBytes();
        assertThat(check(datagram().header(6, 8, 10, 13, 1, 1).bytes(eight).buffer())).isEqualTo(Fault.UNTERMINATED_NAME);
        // the terminator is looked for only inside the payload, not in the next message
        assertThat(check(datagram().header(6, 8, 10, 13, 1, 1).bytes(eight).version().buffer()))
                .isEqualTo(Fault.UNTERMINATED_NAME);
        for (byte bad : new byte[] {1, 0x1F, 0x7F, (byte) 0x80, (byte) 0xFF}) {
            ByteBuffer b = datagram().search("DEMO:FREQ", 1).buffer();
            b.put(16 + 3, bad);
            assertThat(check(b)).as("byte %d", bad).isEqualTo(Fault.BAD_NAME_CHARACTER);
        }
        // what follows the terminator in the padding is not looked at
        ByteBuffer padded = datagram().search("AB", 1).buffer();
        padded.put(16 + 5, (byte) 0x99);
        assertThat(check(padded)).isEqualTo(Fault.OK);
    }

    @Test
    void aFaultIsReportedForTheFirstBadMessage() {
        ByteBuffer b = datagram().version().search("OK:NAME", 1).header(6, 0, 10, 13, 2, 2).header(1, 0, 0, 0, 0, 0).buffer();
        assertThat(check(b)).isEqualTo(Fault.EMPTY_NAME);
        assertThat(check.describe()).contains("message at byte 40");
        assertThat(check(datagram().version().buffer())).isEqualTo(Fault.OK);
        assertThat(check.describe()).isEqualTo("well formed");
    }
}
