package org.syncscope.cas.internal.guard;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * Cuts one client connection's byte stream into Channel Access messages, checking each header
 * with a {@link CaStreamGuard} before its payload is read: the payload buffer is reused and never
 * grows past the guard's {@link TcpLimits#maxPayload()}. Not thread safe (one reader per
 * connection, driven by the reactor one event at a time).
 */
public final class CaFrameReader {

    /** What became of a read. */
    public enum Result { NEED_MORE, EOF, REFUSED, STOPPED }

    /** Takes complete messages. */
    public interface Sink {
        /**
         * One message: {@code header} from 0 to 16 or 24, {@code payload} from 0 to its size; both
         * valid only during the call. Returns false to stop reading (the connection was closed).
         */
        boolean message(ByteBuffer header, ByteBuffer payload);
    }

    private static final int INITIAL_PAYLOAD = 1024;

    private final CaStreamGuard guard;
    private final ByteBuffer header = ByteBuffer.allocate(CaStreamGuard.EXTENDED_HEADER);
    private ByteBuffer payload;
    private boolean inPayload;
    private String refusal;

    public CaFrameReader(CaStreamGuard guard) {
        this.guard = guard;
        this.payload = ByteBuffer.allocate(Math.min(INITIAL_PAYLOAD, guard.limits().maxPayload()));
        header.limit(CaStreamGuard.HEADER);
    }

    /** Why the last {@link Result#REFUSED} refused. */
    public String refusal() {
        return refusal;
    }

    /** Capacity of the payload buffer now (for tests: it stays bounded). */
    public int payloadCapacity() {
        return payload.capacity();
    }

    /** Reads what {@code in} has and hands every complete message to {@code sink}. */
    public Result read(ReadableByteChannel in, Sink sink) throws IOException {
        while (true) {
            if (!inPayload) {
                if (in.read(header) < 0) {
                    return Result.EOF;
                }
                if (header.hasRemaining()) {
                    return Result.NEED_MORE;
                }
                if (header.limit() == CaStreamGuard.HEADER && CaStreamGuard.extended(header)) {
                    header.limit(CaStreamGuard.EXTENDED_HEADER);
                    continue;
                }
                refusal = guard.check(header);
                if (refusal != null) {
                    return Result.REFUSED;
                }
                int size = (int) CaStreamGuard.payloadSize(header);   // within maxPayload, checked above
                if (size > payload.capacity()) {
                    payload = ByteBuffer.allocate((int) Math.min(guard.limits().maxPayload(),
                            Math.max(size, 2L * payload.capacity())));
                }
                payload.clear().limit(size);
                inPayload = true;
            }
            if (payload.hasRemaining()) {
                if (in.read(payload) < 0) {
                    return Result.EOF;
                }
                if (payload.hasRemaining()) {
                    return Result.NEED_MORE;
                }
            }
            header.flip();
            payload.flip();
            inPayload = false;
            boolean go = sink.message(header, payload);
            header.clear().limit(CaStreamGuard.HEADER);
            if (!go) {
                return Result.STOPPED;
            }
        }
    }
}
