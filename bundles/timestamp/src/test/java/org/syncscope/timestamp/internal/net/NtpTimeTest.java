package org.syncscope.timestamp.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class NtpTimeTest {

    @Test
    void unixEpochAndEraRollover() {
        assertThat(NtpTime.toUnixNanos(2_208_988_800L, 0)).isZero();
        // 2036-02-07T06:28:16Z is NTP second 2^32, i.e. 0 of era 1
        long era1 = Instant.parse("2036-02-07T06:28:16Z").getEpochSecond() * 1_000_000_000L;
        assertThat(NtpTime.toUnixNanos(0, 0)).isEqualTo(era1);
        assertThat(NtpTime.toUnixNanos(0xFFFF_FFFFL, 0)).isEqualTo(era1 - 1_000_000_000L);
    }

    @Test
    void roundTripWithinOneNanosecond() {
        long t = Instant.parse("2026-11-26T07:00:00.123456789Z").getEpochSecond() * 1_000_000_000L + 123_456_789;
        long ntp = NtpTime.fromUnixNanos(t);
        long back = NtpTime.toUnixNanos(ntp >>> 32, ntp & 0xFFFF_FFFFL);
        assertThat(Math.abs(back - t)).isLessThanOrEqualTo(1);
        long after2036 = Instant.parse("2040-01-01T00:00:00.5Z").getEpochSecond() * 1_000_000_000L + 500_000_000;
        long n2 = NtpTime.fromUnixNanos(after2036);
        assertThat(NtpTime.toUnixNanos(n2 >>> 32, n2 & 0xFFFF_FFFFL)).isEqualTo(after2036);
    }
}
