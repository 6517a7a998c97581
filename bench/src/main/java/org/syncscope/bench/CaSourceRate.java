package org.syncscope.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvListener;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.PvValue;
import org.syncscope.api.pv.Subscription;
import org.syncscope.ca.testing.CaClients;
import org.syncscope.cas.testing.CaServers;

/**
 * How many of a CA server's updates our CA source delivers, and at what CPU cost, when the server
 * is another process, as an IOC is: this JVM starts a second one ({@code --serve}) that serves N
 * counting PVs (RATE:0..N-1, DBR_LONG) and posts each at R Hz, the N posts of a period spread
 * evenly over it, on absolute deadlines (post k is due at k / (N·R) s after the start, however
 * late the one before was). Here the client component, as SCR builds it, monitors all N; each
 * update's value is its post's number on that PV, so losses and reorders are counted exactly.
 *
 * <p>Reported over the D seconds of posting: updates delivered / posted (after a drain of at most
 * 10 s), updates out of order, the client process's CPU time (all its threads: CAJ's reactor, the
 * event thread, the listeners) and the event thread's own, and the server's CPU and lateness.
 * The system property {@code org.syncscope.ca.dispatcher=caj-queued} makes the client use CAJ's
 * QueuedEventDispatcher, as it did before {@code OrderedEventDispatcher}.
 *
 * <p>Usage: {@code CaSourceRate [pvs] [hz] [seconds] [port] [listener-us]} (listener-us: a busy wait per
 * update in the listener, 0 by default); the child: {@code CaSourceRate --serve pvs hz port}.
 */
public final class CaSourceRate {

    private static final String NAME = "RATE:";
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(10);

    private CaSourceRate() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--serve")) {
            serve(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            return;
        }
        int pvs = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int hz = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int port = args.length > 3 ? Integer.parseInt(args[3]) : 15093;
        long workNanos = args.length > 4 ? (long) (Double.parseDouble(args[4]) * 1000) : 0;
        measure(pvs, hz, seconds, port, workNanos);
    }

    // ---- the client, in this process ----

    /** One PV's listener; runs on the client's event thread only (one writer), read here while it runs. */
    private static final class Counter implements PvListener {
        private final long workNanos;
        long last;
        volatile long received;
        volatile long reordered;

        Counter(long workNanos) {
            this.workNanos = workNanos;
        }

        @Override
        public void onUpdate(PvUpdate u) {
            long k = ((PvValue.LongValue) u.value()).value();
            if (k == 0) {
                return;   // the value before posting began
            }
            if (workNanos > 0) {   // a listener with work to do, as a sync profile's hand-over and more
                long until = System.nanoTime() + workNanos;
                while (System.nanoTime() - until < 0) {
                    Thread.onSpinWait();
                }
            }
            received++;
            if (k <= last) {
                reordered++;
            }
            last = k;
        }
    }

    private static void measure(int pvs, int hz, int seconds, int port, long workNanos) throws Exception {
        String dispatcher = System.getProperty("org.syncscope.ca.dispatcher", "ordered");
        System.out.printf("%d PVs x %d Hz for %d s from another process, port %d, client dispatcher %s, listener work %.1f us, %d cores%n",
                pvs, hz, seconds, port, dispatcher, workNanos / 1000.0, Runtime.getRuntime().availableProcessors());
        Process server = startServer(pvs, hz, port);
        BlockingQueue<String> said = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    said.add(line);
                }
            } catch (IOException e) {
                said.add("server output failed: " + e);
            }
            said.add("server ended");
        }, "server-output");
        reader.setDaemon(true);
        reader.start();
        try (Writer toServer = new java.io.OutputStreamWriter(server.getOutputStream(), StandardCharsets.UTF_8)) {
            expect(said, "serving", 60);
            List<Counter> counters = new ArrayList<>();
            List<Subscription> subs = new ArrayList<>();
            try (CaClients.Running client = CaClients.loopback(port)) {
                long t = System.nanoTime();
                for (int i = 0; i < pvs; i++) {
                    Counter c = new Counter(workNanos);
                    counters.add(c);
                    subs.add(client.source().subscribe(NAME + i, c));
                }
                long deadline = t + TimeUnit.SECONDS.toNanos(120);
                while (subs.stream().anyMatch(s -> !s.isConnected()) && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                long connected = subs.stream().filter(Subscription::isConnected).count();
                System.out.printf("connected %d of %d in %.1f s%n", connected, pvs, (System.nanoTime() - t) / 1e9);
                Thread.sleep(2000);   // every first value delivered

                Thread events = eventThread();
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                long cpu0 = processCpuNanos();
                long eventCpu0 = events == null ? 0 : threads.getThreadCpuTime(events.getId());
                long t0 = System.nanoTime();
                toServer.write("start " + seconds + "\n");
                toServer.flush();
                String posted = expect(said, "posted", seconds + 60);
                long cpu = processCpuNanos() - cpu0;
                long eventCpu = events == null ? 0 : threads.getThreadCpuTime(events.getId()) - eventCpu0;
                double wall = (System.nanoTime() - t0) / 1e9;
                long sent = Long.parseLong(posted.split(" ")[1]);

                // drain: until every post arrived or the count stood still for a second (at most 10 s)
                long drainEnd = System.nanoTime() + DRAIN_NANOS;
                long got = total(counters);
                long still = System.nanoTime();
                while (got < sent && System.nanoTime() < drainEnd && System.nanoTime() - still < 1_000_000_000L) {
                    Thread.sleep(50);
                    long now = total(counters);
                    if (now != got) {
                        got = now;
                        still = System.nanoTime();
                    }
                }
                long reordered = 0;
                for (Counter c : counters) {
                    reordered += c.reordered;
                }
                System.out.println("server: " + posted);
                System.out.printf("delivered %d of %d updates: %.2f %%, %d out of order%n", got, sent, 100.0 * got / sent, reordered);
                System.out.printf("client CPU over the %.1f s of posting: %.2f s = %.3f cores (event thread %s: %.2f s = %.3f cores)%n",
                        wall, cpu / 1e9, cpu / 1e9 / wall, events == null ? "?" : events.getName(), eventCpu / 1e9, eventCpu / 1e9 / wall);
                // the server stops first: a client leaving 10 000 channels makes CAJ's server log a stack trace per channel
                toServer.write("stop\n");
                toServer.flush();
                server.waitFor(10, TimeUnit.SECONDS);
            }
        } finally {
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroy();
            }
        }
    }

    /** The updates counted so far. */
    private static long total(List<Counter> counters) {
        long n = 0;
        for (Counter c : counters) {
            n += c.received;
        }
        return n;
    }

    private static Thread eventThread() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("ca-client-events") || t.getName().startsWith("QueuedEventDispatcher-"))
                .findFirst().orElse(null);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static Process startServer(int pvs, int hz, int port) throws IOException {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-DCA_DISABLE_REPEATER=true",
                "-cp", System.getProperty("java.class.path"), CaSourceRate.class.getName(),
                "--serve", Integer.toString(pvs), Integer.toString(hz), Integer.toString(port));
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        return pb.start();
    }

    private static String expect(BlockingQueue<String> said, String start, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            String line = said.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null || line.equals("server ended")) {
                throw new IllegalStateException("the server did not say '" + start + "'" + (line == null ? " in time" : ": it ended"));
            }
            if (line.startsWith(start)) {
                return line;
            }
            System.out.println("server: " + line);
        }
    }

    // ---- the server, in the child process ----

    /**
     * Serves the PVs; on "start SECONDS" from stdin posts for that long, then says
     * "posted COUNT ..."; ends on "stop" or at the end of stdin (its parent gone).
     */
    private static void serve(int pvs, int hz, int port) throws Exception {
        PrintStream out = System.out;
        String limit = Integer.toString(pvs + 100);   // the defaults (4096 each) would refuse most channels
        CaServers.Running server = CaServers.loopback(port, "maxChannelsPerClient", limit, "maxMonitorsPerClient", limit);
        try {
            List<PublishedPv> published = new ArrayList<>();
            for (int i = 0; i < pvs; i++) {
                PublishedPv pv = server.publisher().publish(PvSpec.ofLong(NAME + i, "", "counts its posts"));
                pv.post(new PvValue.LongValue(0), wallNanos(), AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
                published.add(pv);
            }
            out.println("serving " + pvs + " PVs on port " + port);
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null && !line.equals("stop"); ) {
                if (line.startsWith("start ")) {
                    out.println(post(published, hz, Integer.parseInt(line.substring(6).trim())));
                    out.flush();
                }
            }
        } finally {
            server.close();
        }
    }

    /** Posts every PV at {@code hz} for {@code seconds}, in phase order, each post on its absolute deadline. */
    private static String post(List<PublishedPv> published, int hz, int seconds) {
        int n = published.size();
        long perSecond = (long) n * hz;
        long total = perSecond * seconds;
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        long maxLate = 0;
        long late = 0;
        for (long k = 0; k < total; ) {
            long due = t0 + k * 1_000_000_000L / perSecond;
            long now = System.nanoTime();
            if (due - now > 0) {
                LockSupport.parkNanos(due - now);
                continue;
            }
            if (now - due > 1_000_000L) {
                late++;   // more than 1 ms behind its deadline
            }
            maxLate = Math.max(maxLate, now - due);
            published.get((int) (k % n)).post(new PvValue.LongValue(k / n + 1), wallNanos(),
                    AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
            k++;
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (processCpuNanos() - cpu0) / 1e9;
        return String.format("posted %d in %.2f s (%d posts over 1 ms late, at most %.1f ms), server CPU %.2f s = %.3f cores",
                total, wall, late, maxLate / 1e6, cpu, cpu / wall);
    }

    private static long wallNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
