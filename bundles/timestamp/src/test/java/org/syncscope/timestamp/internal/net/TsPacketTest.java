package org.syncscope.timestamp.internal.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TsPacketTest {

    private static final long T = 1_764_000_000_123_456_789L;

    @Test
    void roundTripIsExactToTheNanosecond() throws Exception {
        TsPacket p = new TsPacket(TsPacket.TIME_REQUEST, T, T + 5, 10, 1000, TsPacket.MASK_FROM_NTP, 1_000_000, 10_000_000);
        byte[] wire = p.encode();
        assertThat(wire).hasSize(52);
        assertThat(TsPacket.decode(wire, wire.length)).isEqualTo(p);
    }

    @Test
    void layoutMatchesTheOriginal() {
        byte[] wire = new TsPacket(TsPacket.SYNC_MESSAGE, T, 0, 10, 1000, 0, 0, 0).encode();
        ByteBuffer b = ByteBuffer.wrap(wire);
        assertThat(b.getInt(0)).isEqualTo(0x54536472);
        assertThat(b.getInt(4)).isEqualTo(2);
        // master_time in EPICS seconds (1990 epoch) and ns
        assertThat(Integer.toUnsignedLong(b.getInt(8))).isEqualTo(T / 1_000_000_000L - 631_152_000L);
        assertThat(b.getInt(12)).isEqualTo(123_456_789);
        assertThat(b.getInt(16)).isZero();
        assertThat(b.getInt(32)).isEqualTo(10);
        assertThat(b.getInt(36)).isEqualTo(1000);
    }

    @Test
    void fortyBytePacketsFromOldSendersReadWithZeroMaskAndThresholds() throws Exception {
        byte[] full = new TsPacket(TsPacket.TIME_REQUEST, T, T, 10, 1000, 3, 7, 9).encode();
        TsPacket old = TsPacket.decode(full, 40);
        assertThat(old.masterTimeNanos()).isEqualTo(T);
        assertThat(old.mask()).isZero();
        assertThat(old.syncReportThresholdNanos()).isZero();
        assertThat(old.unixReportThresholdNanos()).isZero();
    }

    @Test
    void badDatagramsAreRefusedNamingThePart() {
        byte[] good = TsPacket.timeRequest().encode();
        assertThatThrownBy(() -> TsPacket.decode(good, 41)).hasMessageContaining("41 bytes");
        assertThatThrownBy(() -> TsPacket.decode(new byte[100], 100)).hasMessageContaining("100 bytes");
        byte[] magic = good.clone();
        magic[0] = 'X';
        assertThatThrownBy(() -> TsPacket.decode(magic, 52)).hasMessageContaining("magic 0x58536472");
        byte[] type = good.clone();
        type[7] = 9;
        assertThatThrownBy(() -> TsPacket.decode(type, 52)).hasMessageContaining("type 9");
        byte[] nanos = new TsPacket(TsPacket.TIME_REQUEST, T, 0, 0, 0, 0, 0, 0).encode();
        ByteBuffer.wrap(nanos).putInt(12, 1_500_000_000);
        assertThatThrownBy(() -> TsPacket.decode(nanos, 52)).hasMessageContaining("master_time");
    }

    @Test
    void fuzzNothingButMalformedPacketExceptionEscapes() {
        SplittableRandom r = new SplittableRandom(5);
        byte[] valid = new TsPacket(TsPacket.SYNC_MESSAGE, T, T, 10, 1000, 1, 0, 0).encode();
        int decoded = 0;
        int refused = 0;
        for (int i = 0; i < 100_000; i++) {
            byte[] data;
            int length;
            switch (i % 3) {
                case 0 -> {   // random bytes, random length
                    data = new byte[r.nextInt(0, 120)];
                    r.nextBytes(data);
                    length = data.length;
                }
                case 1 -> {   // a valid packet cut short
                    data = valid.clone();
                    length = r.nextInt(0, 53);
                }
                default -> {   // a valid packet with a few bits flipped
                    data = valid.clone();
                    for (int f = 0; f < 3; f++) {
                        data[r.nextInt(52)] ^= (byte) (1 << r.nextInt(8));
                    }
                    length = 52;
                }
            }
            try {
                TsPacket p = TsPacket.decode(Arrays.copyOf(data, Math.max(data.length, length)), length);
                assertThat(p.type()).isBetween(0, 2);
                decoded++;
            } catch (MalformedPacketException expected) {
                refused++;
            }
        }
        assertThat(decoded + refused).isEqualTo(100_000);
        assertThat(decoded).as("bit flips in value fields still decode").isPositive();
        assertThat(refused).isPositive();
    }
}
