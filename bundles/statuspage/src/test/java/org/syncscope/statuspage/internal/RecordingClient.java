package org.syncscope.statuspage.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An event stream that keeps what it was sent; it can be made slow or broken. */
final class RecordingClient implements EventClient {

    final List<String> events = new CopyOnWriteArrayList<>();
    volatile boolean ready = true;
    volatile boolean broken;
    volatile boolean closed;

    @Override
    public boolean ready() {
        return ready;
    }

    @Override
    public void send(byte[] event) throws IOException {
        if (broken) {
            throw new IOException("Broken pipe");
        }
        events.add(new String(event, StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        closed = true;
    }
}
