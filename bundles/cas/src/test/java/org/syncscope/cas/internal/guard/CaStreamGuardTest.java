package org.syncscope.cas.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Every rule of the header check, on headers as the reader hands them (position at the end). */
class CaStreamGuardTest {

    private final CaStreamGuard guard = new CaStreamGuard(TcpLimits.DEFAULTS);

    private String check(byte[] header) {
        ByteBuffer b = ByteBuffer.wrap(header, 0, header.length >= 24 && (header[2] & 0xFF) == 0xFF
                && (header[3] & 0xFF) == 0xFF ? 24 : 16);
        b.position(b.limit());
        return guard.check(b);
    }

    @Test
    void acceptsWhatClientsSend() {
        assertThat(check(CaMessages.version())).isNull();
        assertThat(check(CaMessages.message(18, 16, 0, 0, 1, 13))).as("create channel").isNull();
        assertThat(check(CaMessages.message(20, 8, 0, 0, 0, 0))).as("client name").isNull();
        assertThat(check(CaMessages.message(1, 16, 20, 1, 7, 3))).as("monitor of DBR_TIME_DOUBLE").isNull();
        assertThat(check(CaMessages.message(1, 16, 20, 0, 7, 3))).as("monitor, native count").isNull();
        assertThat(check(CaMessages.message(15, 0, 34, 2048, 7, 3))).as("read of 2048 doubles").isNull();
        assertThat(check(CaMessages.message(4, 8, 6, 1, 7, 3))).as("write of a double").isNull();
        assertThat(check(CaMessages.message(19, 8, 0, 1, 7, 3))).as("write of a short string").isNull();
        assertThat(check(CaMessages.extendedHeader(19, 16384, 6, 2048, 7, 3))).as("extended write, 2048 doubles").isNull();
        assertThat(check(CaMessages.message(23, 0, 0, 0, 0, 0))).as("echo").isNull();
    }

    @Test
    void refusesUnknownCommands() {
        for (int command : new int[] {3, 5, 7, 10, 11, 13, 14, 17, 22, 24, 27, 100, 0xFFFF}) {
            assertThat(check(CaMessages.message(command, 0, 0, 0, 0, 0))).as("command " + command)
                    .isEqualTo("unknown command " + command);
        }
    }

    @Test
    void refusesThe2GiBExtendedHeaderAndAnyPayloadOverTheLimit() {
        assertThat(check(CaMessages.extendedHeader(15, 0x7FFFFFF0, 6, 1, 1, 1))).contains("2147483632 bytes",
                "more than the limit 16448");
        assertThat(check(CaMessages.extendedHeader(6, -1, 0, 0, 1, 1))).as("unsigned 4 GiB").contains("4294967295 bytes");
        assertThat(check(CaMessages.extendedHeader(4, 16449, 6, 1, 1, 1))).contains("16449 bytes");
        assertThat(check(CaMessages.extendedHeader(4, 16448, 6, 1, 1, 1))).isNull();
    }

    @Test
    void refusesTypesOutsideTheDbrRange() {
        assertThat(check(CaMessages.message(15, 0, 38, 1, 1, 1))).contains("DBR type 38");
        assertThat(check(CaMessages.message(1, 16, 0xFFFF, 1, 1, 1))).contains("DBR type 65535");
        assertThat(check(CaMessages.message(4, 8, 37, 1, 1, 1))).isNull();
    }

    @Test
    void refusesCountsOverMaxArrayBytes() {
        assertThat(check(CaMessages.message(15, 0, 6, 2048, 1, 1))).isNull();
        assertThat(check(CaMessages.message(15, 0, 6, 2049, 1, 1))).contains("2049 elements", "more than 2048");
        assertThat(check(CaMessages.message(1, 16, 0, 410, 1, 1))).as("strings are 40 bytes").contains("more than 409");
        assertThat(check(CaMessages.extendedHeader(1, 16, 20, -1, 1, 1))).as("4 G elements").contains("4294967295 elements");
        assertThat(check(CaMessages.message(15, 0, 4, 16384, 1, 1))).as("chars are 1 byte").isNull();
    }

    @Test
    void refusesWritesWhosePayloadCannotHoldTheirValues() {
        assertThat(check(CaMessages.message(4, 8, 6, 0, 1, 1))).contains("writing 0 elements");
        assertThat(check(CaMessages.message(19, 8, 6, 2, 1, 1))).contains("writing 2 elements of DBR type 6 in 8 bytes");
        assertThat(check(CaMessages.message(4, 16, 6, 2, 1, 1))).isNull();
    }

    @Test
    void maxArrayBytesMovesTheLimits() {
        CaStreamGuard big = new CaStreamGuard(new TcpLimits(1_000_000, 1, 1, 1, 1, 1));
        ByteBuffer b = ByteBuffer.wrap(CaMessages.extendedHeader(4, 800_000, 6, 100_000, 1, 1));
        b.position(24);
        assertThat(big.check(b)).isNull();
        assertThat(big.limits().maxPayload()).isEqualTo(1_000_064);
        assertThat(new TcpLimits(100, 1, 1, 1, 1, 1).maxPayload()).as("never below CAJ's own buffer").isEqualTo(16384);
    }
}
