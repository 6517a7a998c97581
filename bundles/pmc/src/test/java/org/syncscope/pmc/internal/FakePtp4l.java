package org.syncscope.pmc.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.syncscope.pmc.internal.ManagementMessage.Reply;

/**
 * A stand-in for ptp4l's Unix management port: answers each request with whatever the test's
 * responder returns (nothing, one reply, several, garbage). Runs on its own thread until closed.
 */
final class FakePtp4l implements AutoCloseable {

    private final UnixDatagramSocket socket;
    private final Thread thread;
    private final AtomicInteger requests = new AtomicInteger();
    /** Each request's sender socket and management id, in arrival order. */
    private final List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Function<Reply, List<byte[]>> responder;
    private volatile boolean running = true;

    FakePtp4l(Path path, Function<Reply, List<byte[]>> responder) throws IOException {
        this.socket = UnixDatagramSocket.bind(path);
        this.responder = responder;
        this.thread = new Thread(this::serve, "fake-ptp4l");
        thread.setDaemon(true);
        thread.start();
    }

    Path path() {
        return socket.path();
    }

    int requests() {
        return requests.get();
    }

    /** "SENDER_PATH DATA_SET_NAME (0xID)" per request received. */
    List<String> log() {
        return List.copyOf(log);
    }

    void respondWith(Function<Reply, List<byte[]>> next) {
        responder = next;
    }

    private void serve() {
        while (running) {
            try {
                UnixDatagramSocket.Datagram d = socket.receive(1500, 100);
                if (d == null) {
                    continue;
                }
                requests.incrementAndGet();
                Reply request = ManagementMessage.parse(d.data());
                log.add(d.sender() + " " + DataSetId.describe(request.managementId()));
                for (byte[] answer : responder.apply(request)) {
                    socket.send(Path.of(d.sender()), answer);   // to the socket that asked
                }
            } catch (Exception e) {
                if (running) {
                    e.printStackTrace();
                }
            }
        }
    }

    /**
     * Leaves a socket file at {@code path} with no socket behind it, as a crashed process does: bound,
     * then closed without removing the file.
     */
    static void leaveStaleSocket(Path path) throws IOException {
        byte[] address = UnixDatagramSocket.address(path);
        int fd = LibC.Holder.C.socket(LibC.AF_UNIX, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
        try {
            LibC.Holder.C.bind(fd, address, address.length);
        } finally {
            LibC.Holder.C.close(fd);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
        socket.close();
    }
}
