package org.syncscope.cas.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cutting a stream into messages: split reads, refusals before the payload, truncation. */
class CaFrameReaderTest {

    /** Hands out the given chunks one per read, then "no data" (0) or end of stream. */
    private static final class Chunks implements ReadableByteChannel {
        final Deque<ByteBuffer> chunks = new ArrayDeque<>();
        boolean eof;
        long bytesRead;

        Chunks add(byte[] data, int... cuts) {
            int from = 0;
            for (int cut : cuts) {
                chunks.add(ByteBuffer.wrap(data, from, cut - from));
                from = cut;
            }
            chunks.add(ByteBuffer.wrap(data, from, data.length - from));
            return this;
        }

        @Override
        public int read(ByteBuffer dst) {
            ByteBuffer c = chunks.peek();
            if (c == null) {
                return eof ? -1 : 0;
            }
            int n = Math.min(dst.remaining(), c.remaining());
            ByteBuffer slice = c.slice();
            slice.limit(n);
            dst.put(slice);
            c.position(c.position() + n);
            if (!c.hasRemaining()) {
                chunks.poll();
            }
            bytesRead += n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    private final List<String> seen = new ArrayList<>();
    private final CaFrameReader reader = new CaFrameReader(new CaStreamGuard(TcpLimits.DEFAULTS));
    private final CaFrameReader.Sink sink = (h, p) -> {
        seen.add(CaStreamGuard.command(h) + "/" + h.remaining() + "/" + p.remaining());
        return true;
    };

    @Test
    void messagesSplitAnywhereComeOutWhole() throws Exception {
        byte[] stream = CaMessages.concat(CaMessages.version(), CaMessages.message(18, 16, 0, 0, 1, 13),
                CaMessages.extendedHeader(4, 16, 6, 2, 1, 1), new byte[16]);
        for (int cut = 1; cut < stream.length; cut++) {
            seen.clear();
            Chunks in = new Chunks().add(stream, cut);
            CaFrameReader r = new CaFrameReader(new CaStreamGuard(TcpLimits.DEFAULTS));
            while (!in.chunks.isEmpty()) {
                assertThat(r.read(in, sink)).isEqualTo(CaFrameReader.Result.NEED_MORE);
            }
            assertThat(seen).as("cut at " + cut).containsExactly("0/16/0", "18/16/16", "4/24/16");
        }
    }

    @Test
    void byteByByte() throws Exception {
        byte[] stream = CaMessages.concat(CaMessages.version(), CaMessages.message(18, 16, 0, 0, 1, 13));
        int[] cuts = new int[stream.length - 1];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        Chunks in = new Chunks().add(stream, cuts);
        while (!in.chunks.isEmpty()) {
            reader.read(in, sink);
        }
        assertThat(seen).containsExactly("0/16/0", "18/16/16");
    }

    @Test
    void the2GiBHeaderIsRefusedWithoutReadingOrAllocatingItsPayload() throws Exception {
        Chunks in = new Chunks().add(CaMessages.concat(CaMessages.version(),
                CaMessages.extendedHeader(15, 0x7FFFFFF0, 6, 1, 1, 1), new byte[4096]), 8, 20);
        CaFrameReader.Result r;
        do {
            r = reader.read(in, sink);
        } while (r == CaFrameReader.Result.NEED_MORE);
        assertThat(r).isEqualTo(CaFrameReader.Result.REFUSED);
        assertThat(reader.refusal()).contains("2147483632 bytes");
        assertThat(in.bytesRead).as("nothing past the header read").isEqualTo(16 + 24);
        assertThat(reader.payloadCapacity()).isLessThanOrEqualTo(TcpLimits.DEFAULTS.maxPayload());
        assertThat(seen).containsExactly("0/16/0");
    }

    @Test
    void thePayloadBufferGrowsToTheLimitAndNoFurther() throws Exception {
        int big = TcpLimits.DEFAULTS.maxPayload();
        Chunks in = new Chunks().add(CaMessages.concat(CaMessages.extendedHeader(4, big, 4, big - 64, 1, 1), new byte[big]));
        assertThat(reader.read(in, sink)).isEqualTo(CaFrameReader.Result.NEED_MORE);
        assertThat(seen).containsExactly("4/24/" + big);
        assertThat(reader.payloadCapacity()).isEqualTo(big);
    }

    @Test
    void truncatedHeaderThenEndOfStream() throws Exception {
        Chunks in = new Chunks().add(java.util.Arrays.copyOf(CaMessages.version(), 9));
        in.eof = true;
        assertThat(reader.read(in, sink)).isEqualTo(CaFrameReader.Result.NEED_MORE);
        assertThat(reader.read(in, sink)).isEqualTo(CaFrameReader.Result.EOF);
        assertThat(seen).isEmpty();
    }

    @Test
    void truncatedPayloadThenEndOfStream() throws Exception {
        Chunks in = new Chunks().add(java.util.Arrays.copyOf(CaMessages.message(18, 16, 0, 0, 1, 13), 20));
        in.eof = true;
        CaFrameReader.Result r;
        do {
            r = reader.read(in, sink);
        } while (r == CaFrameReader.Result.NEED_MORE);
        assertThat(r).isEqualTo(CaFrameReader.Result.EOF);
        assertThat(seen).isEmpty();
    }

    @Test
    void aSinkThatStopsEndsTheRead() throws Exception {
        Chunks in = new Chunks().add(CaMessages.concat(CaMessages.version(), CaMessages.version()));
        assertThat(reader.read(in, (h, p) -> {
            seen.add("x");
            return false;
        })).isEqualTo(CaFrameReader.Result.STOPPED);
        assertThat(seen).containsExactly("x");
    }

    @Test
    void garbageIsRefusedAtItsFirstHeader() throws Exception {
        byte[] garbage = new byte[64];
        new java.util.Random(7).nextBytes(garbage);
        garbage[0] = 0x40;   // command 0x40xx: unknown
        Chunks in = new Chunks().add(garbage);
        assertThat(reader.read(in, sink)).isEqualTo(CaFrameReader.Result.REFUSED);
        assertThat(reader.refusal()).startsWith("unknown command");
    }
}
