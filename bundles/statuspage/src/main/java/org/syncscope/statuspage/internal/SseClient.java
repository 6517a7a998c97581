package org.syncscope.statuspage.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import javax.servlet.AsyncContext;
import javax.servlet.AsyncEvent;
import javax.servlet.AsyncListener;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * A Server-Sent Events response kept open (servlet async mode) and written in non-blocking mode:
 * {@link #send} hands the bytes to the container, which writes them out in the background;
 * {@link #ready} is false until it has. When the container sees the connection end or fail, the
 * stream is handed to {@code gone}.
 */
final class SseClient implements EventClient, WriteListener, AsyncListener {

    /** Sent on opening, so that the browser sees the stream open at once and waits 3 s before reconnecting. */
    private static final byte[] HELLO = "retry: 3000\n: Syncscope status page events\n\n".getBytes(StandardCharsets.UTF_8);

    private final AsyncContext context;
    private final ServletOutputStream out;
    private final Consumer<EventClient> gone;
    private final String remote;
    private volatile boolean ended;

    private SseClient(AsyncContext context, ServletOutputStream out, Consumer<EventClient> gone, String remote) {
        this.context = context;
        this.out = out;
        this.gone = gone;
        this.remote = remote;
    }

    static SseClient open(HttpServletRequest req, HttpServletResponse resp, Consumer<EventClient> gone) throws IOException {
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setContentType("text/event-stream; charset=UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        // a reverse proxy in front must not hold the events back
        resp.setHeader("X-Accel-Buffering", "no");
        AsyncContext context = req.startAsync();
        context.setTimeout(0);
        SseClient client = new SseClient(context, resp.getOutputStream(), gone, req.getRemoteAddr() + ":" + req.getRemotePort());
        context.addListener(client);
        client.out.setWriteListener(client);
        client.send(HELLO);
        return client;
    }

    @Override
    public synchronized boolean ready() {
        return !ended && out.isReady();
    }

    @Override
    public synchronized void send(byte[] event) throws IOException {
        if (ended || !out.isReady()) {
            return;
        }
        out.write(event);
        // what write() only buffered goes out now; if write() already started sending, it goes on by itself
        if (out.isReady()) {
            out.flush();
        }
    }

    @Override
    public void close() {
        if (ended) {
            return;
        }
        ended = true;
        try {
            context.complete();
        } catch (IllegalStateException alreadyOver) {
            // the container ended it first
        }
    }

    private void end() {
        ended = true;
        gone.accept(this);
    }

    @Override
    public void onWritePossible() {
        // nothing waits for it: the push thread asks ready() at its next tick
    }

    @Override
    public void onError(Throwable failure) {
        end();
        try {
            context.complete();
        } catch (IllegalStateException alreadyOver) {
            // ended already
        }
    }

    @Override
    public void onComplete(AsyncEvent event) {
        end();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        end();
    }

    @Override
    public void onError(AsyncEvent event) {
        end();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not restarted
    }

    @Override
    public String toString() {
        return remote;
    }
}
