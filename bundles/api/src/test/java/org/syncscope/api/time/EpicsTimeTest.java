package org.syncscope.api.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EpicsTimeTest {

    private static final long NS = 1_000_000_000L;
    // Expected values come from java.time, independently of EpicsTime's constants.
    private static final long EPICS_EPOCH_NS = Instant.parse("1990-01-01T00:00:00Z").getEpochSecond() * NS;

    @Test
    void epicsEpochIsZero() {
        assertThat(EpicsTime.fromUnixNanos(EPICS_EPOCH_NS)).isEqualTo(new EpicsTimestamp(0, 0));
        assertThat(EpicsTime.toUnixNanos(0, 0)).isEqualTo(EPICS_EPOCH_NS);
        assertThat(EpicsTime.MIN_UNIX_NANOS).isEqualTo(EPICS_EPOCH_NS);
    }

    @Test
    void oneNanosecondAfterTheEpoch() {
        assertThat(EpicsTime.fromUnixNanos(EPICS_EPOCH_NS + 1)).isEqualTo(new EpicsTimestamp(0, 1));
    }

    @Test
    void oneNanosecondBeforeTheEpochIsRefused() {
        assertThatThrownBy(() -> EpicsTime.fromUnixNanos(EPICS_EPOCH_NS - 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside the EPICS range");
    }

    @Test
    void unixEpochAndNegativeTimesAreRefused() {
        assertThatThrownBy(() -> EpicsTime.fromUnixNanos(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EpicsTime.fromUnixNanos(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EpicsTime.fromUnixNanos(Long.MIN_VALUE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void knownDateConvertsExactly() {
        Instant t = Instant.parse("2025-10-07T01:38:34.897358848Z");
        long unixNanos = t.getEpochSecond() * NS + t.getNano();
        EpicsTimestamp e = EpicsTime.fromUnixNanos(unixNanos);
        assertThat(e.secondsPastEpoch()).isEqualTo(t.getEpochSecond() - 631_152_000L);
        assertThat(e.nanoseconds()).isEqualTo(897_358_848);
        assertThat(e.toUnixNanos()).isEqualTo(unixNanos);
    }

    @Test
    void lastRepresentableTimeIsTheUnsigned32BitSeconds() {
        EpicsTimestamp last = EpicsTime.fromUnixNanos(EpicsTime.MAX_UNIX_NANOS);
        assertThat(last).isEqualTo(new EpicsTimestamp(0xFFFF_FFFFL, 999_999_999));
        assertThat(Instant.ofEpochSecond(EpicsTime.MAX_UNIX_NANOS / NS).toString()).startsWith("2126-02-07T");
        assertThatThrownBy(() -> EpicsTime.fromUnixNanos(EpicsTime.MAX_UNIX_NANOS + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EpicsTime.fromUnixNanos(Long.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(longs = {-1L, 0x1_0000_0000L, Long.MAX_VALUE, Long.MIN_VALUE})
    void secondsOutsideUnsigned32BitAreRefused(long seconds) {
        assertThatThrownBy(() -> EpicsTime.toUnixNanos(seconds, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EPICS seconds");
        assertThatThrownBy(() -> new EpicsTimestamp(seconds, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 1_000_000_000, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void nanosecondsOutsideOneSecondAreRefused(int nanos) {
        assertThatThrownBy(() -> EpicsTime.toUnixNanos(0, nanos))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nanoseconds");
    }

    @Test
    void wireSecondsAreReadAsUnsigned() {
        // 0xFFFFFFFF as a Java int is -1: it must mean the last second, not an error or 1989.
        assertThat(EpicsTime.fromWire(-1, 0)).isEqualTo((0xFFFF_FFFFL + 631_152_000L) * NS);
        assertThat(EpicsTime.fromWire(0, 5)).isEqualTo(EPICS_EPOCH_NS + 5);
        assertThat(new EpicsTimestamp(0xFFFF_FFFFL, 0).secondsAsUnsignedInt()).isEqualTo(-1);
    }

    @Test
    void roundTripIsExactOverTheWholeRange() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 100_000; i++) {
            long t = random.nextLong(EpicsTime.MIN_UNIX_NANOS, EpicsTime.MAX_UNIX_NANOS + 1);
            EpicsTimestamp e = EpicsTime.fromUnixNanos(t);
            assertThat(EpicsTime.toUnixNanos(e.secondsPastEpoch(), e.nanoseconds())).isEqualTo(t);
            Instant viaJavaTime = Instant.ofEpochSecond(e.secondsPastEpoch() + EPICS_EPOCH_NS / NS, e.nanoseconds());
            assertThat(viaJavaTime.getEpochSecond() * NS + viaJavaTime.getNano()).isEqualTo(t);
        }
    }

    @org.junit.jupiter.api.Test
    void instantsToUnixNanosExactly() {
        assertThat(EpicsTime.unixNanos(java.time.Instant.ofEpochSecond(1_759_801_914L, 897_358_848)))
                .isEqualTo(1_759_801_914_897_358_848L);
        assertThat(EpicsTime.unixNanos(java.time.Instant.ofEpochSecond(-1, 999_999_999))).isEqualTo(-1L);
        assertThatThrownBy(() -> EpicsTime.unixNanos(java.time.Instant.ofEpochSecond(10_000_000_000L)))
                .isInstanceOf(ArithmeticException.class);
    }
}
