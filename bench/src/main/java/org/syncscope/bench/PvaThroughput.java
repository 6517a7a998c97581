package org.syncscope.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.epics.pva.PVASettings;
import org.epics.pva.client.PVAChannel;
import org.epics.pva.client.PVAClient;
import org.epics.pva.data.PVADouble;
import org.epics.pva.data.PVAInt;
import org.epics.pva.data.PVALong;
import org.epics.pva.data.PVAString;
import org.epics.pva.data.PVAStringArray;
import org.epics.pva.data.PVAStructure;
import org.epics.pva.server.PVAServer;
import org.epics.pva.server.ServerPV;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvListener;
import org.syncscope.api.pv.PvSource;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.PvValue;
import org.syncscope.api.pv.Subscription;
import org.syncscope.ca.testing.CaClients;
import org.syncscope.cas.testing.CaServers;
import org.syncscope.pva.testing.PvaClients;
import org.syncscope.pvas.testing.PvaServers;

/**
 * pvAccess against Channel Access on loopback, server and client in two processes: this JVM is
 * the client and starts the server as a child ({@code --serve}). The server publishes N DOUBLE
 * PVs (TP:0..N-1) and posts each at R Hz, the N posts of a period spread evenly over it on
 * absolute deadlines, or round-robin as fast as one thread can when R is 0 (the saturating
 * case). The value of a post is its number on that PV, so the client counts deliveries and
 * reorders exactly.
 *
 * <p>Servers: {@code cas} and {@code pvas} (our bundles' components, as SCR builds them) and
 * {@code phoebus} (core-pva's PVAServer, an independent pvAccess peer, serving the same fields as
 * pvas) and {@code phoebus-lean} (the same with only value, alarm and timeStamp). Clients: {@code ca} and
 * {@code pva} (our {@code PvSource}s) and {@code phoebus} (core-pva's PVAClient). A warm-up round
 * of the same posting precedes the measured one. CPU of both processes is read from
 * /proc/PID/stat over exactly the measured posting.
 *
 * <p>Usage: {@code PvaThroughput SERVER CLIENT pvs hz seconds port}; the child:
 * {@code PvaThroughput --serve SERVER pvs port}, started with the JVM options of system property
 * {@code bench.server.jvm} (a profiler, say). Ports used: port .. port+4
 * (TCP and UDP).
 */
public final class PvaThroughput {

    private static final String NAME = "TP:";
    private static final int WARM_UP_SECONDS = 3;
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** USER_HZ, the unit of /proc/PID/stat's times: 100 on every Linux architecture Java runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private PvaThroughput() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("--serve")) {
            serve(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            return;
        }
        measure(args[0], args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                Integer.parseInt(args[4]), Integer.parseInt(args[5]));
    }

    // ---- ports: one base, five numbers ----

    /** CA: TCP and UDP on base. Our pvAccess server: TCP base, UDP base+1. */
    private static int serverUdp(String server, int base) {
        return switch (server) {
            case "cas" -> base;
            case "pvas", "phoebus", "phoebus-lean" -> base + 1;
            default -> throw new IllegalArgumentException("server must be cas, pvas, phoebus or phoebus-lean, not " + server);
        };
    }

    // ---- the client, in this process ----

    /** One PV's counts; written by one client thread (the library's or ours), read here while it runs. */
    private static final class Counter {
        double last;
        volatile long received;
        volatile long reordered;

        void got(double k) {
            if (k <= 0) {
                return;   // the value before posting began
            }
            if (k <= last) {
                reordered++;
            }
            last = k;
            received++;
        }
    }

    /** A client monitoring every PV. */
    private interface Client extends AutoCloseable {
        void monitor(String name, Counter counter) throws Exception;

        long connected();

        @Override
        void close() throws Exception;
    }

    /** Our PvSource (ca or pva bundle). */
    private static final class OurClient implements Client {
        private final AutoCloseable running;
        private final PvSource source;
        private final List<Subscription> subs = new ArrayList<>();

        OurClient(AutoCloseable running, PvSource source) {
            this.running = running;
            this.source = source;
        }

        @Override
        public void monitor(String name, Counter c) {
            subs.add(source.subscribe(name, new PvListener() {
                @Override
                public void onUpdate(PvUpdate u) {
                    c.got(((PvValue.DoubleValue) u.value()).value());
                }
            }));
        }

        @Override
        public long connected() {
            return subs.stream().filter(Subscription::isConnected).count();
        }

        @Override
        public void close() throws Exception {
            running.close();
        }
    }

    /** core-pva's client, the independent peer. */
    private static final class PhoebusClient implements Client {
        private final PVAClient client;
        private final List<PVAChannel> channels = new ArrayList<>();

        PhoebusClient(int serverUdp, int localUdp) throws Exception {
            PhoebusServer.QUIET.setLevel(java.util.logging.Level.SEVERE);   // an INFO per channel state, a WARNING listing every channel at close
            PVASettings.EPICS_PVA_ADDR_LIST = "127.0.0.1:" + serverUdp;
            PVASettings.EPICS_PVA_AUTO_ADDR_LIST = false;
            PVASettings.EPICS_PVA_BROADCAST_PORT = localUdp;
            PVASettings.EPICS_PVA_NAME_SERVERS = "";
            client = new PVAClient();
        }

        @Override
        public void monitor(String name, Counter c) throws Exception {
            PVAChannel ch = client.getChannel(name);
            channels.add(ch);
            ch.connect().thenRun(() -> {
                try {
                    ch.subscribe("", (channel, changes, overruns, data) -> c.got(((PVADouble) data.get("value")).get()));
                } catch (Exception e) {
                    System.out.println("cannot monitor " + name + ": " + e);
                }
            });
        }

        @Override
        public long connected() {
            return channels.stream().filter(PVAChannel::isConnected).count();
        }

        @Override
        public void close() {
            client.close();
        }
    }

    private static Client client(String kind, String server, int base) throws Exception {
        return switch (kind) {
            case "ca" -> {
                CaClients.Running r = CaClients.loopback(base);
                yield new OurClient(r, r.source());
            }
            case "pva" -> {
                PvaClients.Running r = PvaClients.loopback(serverUdp(server, base), base + 3);
                yield new OurClient(r, r.source());
            }
            case "phoebus" -> new PhoebusClient(serverUdp(server, base), base + 4);
            default -> throw new IllegalArgumentException("client must be ca, pva or phoebus, not " + kind);
        };
    }

    private static void measure(String serverKind, String clientKind, int pvs, int hz, int seconds, int base) throws Exception {
        String rate = hz > 0 ? pvs + " PVs x " + hz + " Hz" : pvs + " PVs, as fast as one thread posts";
        System.out.printf("== server %s -> client %s: %s for %d s (after %d s of warm-up), ports %d-%d, %d cores%n",
                serverKind, clientKind, rate, seconds, WARM_UP_SECONDS, base, base + 4, Runtime.getRuntime().availableProcessors());
        serverUdp(serverKind, base);   // refuses a bad name before anything starts
        Process server = startServer(serverKind, pvs, base);
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
        try (Writer toServer = new OutputStreamWriter(server.getOutputStream(), StandardCharsets.UTF_8)) {
            expect(said, "serving", 60);
            List<Counter> counters = new ArrayList<>();
            try (Client client = client(clientKind, serverKind, base)) {
                long t = System.nanoTime();
                for (int i = 0; i < pvs; i++) {
                    Counter c = new Counter();
                    counters.add(c);
                    client.monitor(NAME + i, c);
                }
                long deadline = t + TimeUnit.SECONDS.toNanos(60);
                while (client.connected() < pvs && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                System.out.printf("connected %d of %d in %.1f s%n", client.connected(), pvs, (System.nanoTime() - t) / 1e9);
                Thread.sleep(1000);   // every first value delivered

                post(toServer, said, hz, WARM_UP_SECONDS);
                drain(counters, Long.MAX_VALUE);

                long got0 = total(counters);
                long self = ProcessHandle.current().pid();
                long serverCpu0 = cpuTicks(server.pid());
                long clientCpu0 = cpuTicks(self);
                long t0 = System.nanoTime();
                String posted = post(toServer, said, hz, seconds);
                long wallNanos = System.nanoTime() - t0;
                long serverCpu = cpuTicks(server.pid()) - serverCpu0;
                long clientCpu = cpuTicks(self) - clientCpu0;
                long inTime = total(counters) - got0;
                long sent = Long.parseLong(posted.split(" ")[1]);
                long got = drain(counters, got0 + sent) - got0;
                long reordered = 0;
                for (Counter c : counters) {
                    reordered += c.reordered;
                }
                double wall = wallNanos / 1e9;
                System.out.println("server: " + posted);
                System.out.printf("RESULT server=%s client=%s hz=%d posted/s=%.0f delivered/s=%.0f delivered=%.2f%% reordered=%d"
                                + " serverCPU=%.0f%% clientCPU=%.0f%%%n",
                        serverKind, clientKind, hz, sent / wall, inTime / wall, 100.0 * got / sent, reordered,
                        100 * serverCpu / TICKS_PER_SECOND / wall, 100 * clientCpu / TICKS_PER_SECOND / wall);
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

    private static String post(Writer toServer, BlockingQueue<String> said, int hz, int seconds) throws Exception {
        toServer.write("post " + hz + " " + seconds + "\n");
        toServer.flush();
        return expect(said, "posted", seconds + 60);
    }

    /** Waits until {@code expected} updates arrived or the count stood still for a second (at most 5 s); the count. */
    private static long drain(List<Counter> counters, long expected) throws InterruptedException {
        long end = System.nanoTime() + DRAIN_NANOS;
        long got = total(counters);
        long still = System.nanoTime();
        while (got < expected && System.nanoTime() < end && System.nanoTime() - still < 1_000_000_000L) {
            Thread.sleep(50);
            long now = total(counters);
            if (now != got) {
                got = now;
                still = System.nanoTime();
            }
        }
        return got;
    }

    private static long total(List<Counter> counters) {
        long n = 0;
        for (Counter c : counters) {
            n += c.received;
        }
        return n;
    }

    /** utime + stime of a process, in ticks (/proc/PID/stat fields 14 and 15). */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");   // f[0] is field 3 (state)
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static Process startServer(String kind, int pvs, int base) throws IOException {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-DCA_DISABLE_REPEATER=true"));
        String options = System.getProperty("bench.server.jvm", "").trim();   // e.g. a profiler for the server
        if (!options.isEmpty()) {
            command.addAll(List.of(options.split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), PvaThroughput.class.getName(),
                "--serve", kind, Integer.toString(pvs), Integer.toString(base)));
        ProcessBuilder pb = new ProcessBuilder(command);
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
            if (!line.startsWith("SLF4J")) {
                System.out.println("server: " + line);
            }
        }
    }

    // ---- the server, in the child process ----

    /** Posts to PV {@code i}; one thread only. */
    private interface Server extends AutoCloseable {
        void post(int i, double value, long timeNanos) throws Exception;

        /** What the server counts of itself (dropped updates), or "". */
        default String note() {
            return "";
        }

        @Override
        void close() throws Exception;
    }

    /** Our PvPublisher (cas or pvas bundle). */
    private static final class OurServer implements Server {
        private final AutoCloseable running;
        private final List<PublishedPv> pvs = new ArrayList<>();
        private final java.util.function.LongSupplier dropped;

        OurServer(AutoCloseable running, org.syncscope.api.pv.PvPublisher publisher, int n,
                  java.util.function.LongSupplier dropped) {
            this.running = running;
            this.dropped = dropped;
            for (int i = 0; i < n; i++) {
                PublishedPv pv = publisher.publish(PvSpec.ofDouble(NAME + i, "", 3, "counts its posts"));
                pv.post(0.0, wallNanos(), AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
                pvs.add(pv);
            }
        }

        @Override
        public void post(int i, double value, long timeNanos) {
            pvs.get(i).post(value, timeNanos, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        }

        @Override
        public String note() {
            return dropped == null ? "" : ", dropped by the server " + dropped.getAsLong();
        }

        @Override
        public void close() throws Exception {
            running.close();
        }
    }

    /**
     * core-pva's server, the independent pvAccess peer: an NTScalar double per PV, updated in
     * place; the same fields as pvas serves (display with form, control), or with {@code lean}
     * only value, alarm and timeStamp: what the size of the structure costs a client.
     */
    private static final class PhoebusServer implements Server {
        /** Held: java.util.logging keeps loggers weakly. Its server warns once per update it coalesces. */
        private static final java.util.logging.Logger QUIET = java.util.logging.Logger.getLogger("org.epics.pva");
        private final PVAServer server;
        private final List<ServerPV> pvs = new ArrayList<>();
        private final List<PVAStructure> data = new ArrayList<>();

        PhoebusServer(int tcp, int udp, int n, boolean lean) throws Exception {
            PVASettings.EPICS_PVAS_BROADCAST_PORT = udp;
            PVASettings.EPICS_PVA_SERVER_PORT = tcp;
            PVASettings.EPICS_PVAS_TLS_PORT = tcp + 2;
            PVASettings.EPICS_PVA_BROADCAST_PORT = udp;
            PVASettings.EPICS_PVAS_INTF_ADDR_LIST = "127.0.0.1";
            QUIET.setLevel(java.util.logging.Level.SEVERE);
            server = new PVAServer();
            for (int i = 0; i < n; i++) {
                PVAStructure alarm = new PVAStructure("alarm", "alarm_t", new PVAInt("severity", 0),
                        new PVAInt("status", 0), new PVAString("message", ""));
                PVAStructure time = new PVAStructure("timeStamp", "time_t", new PVALong("secondsPastEpoch", false, 0),
                        new PVAInt("nanoseconds", 0), new PVAInt("userTag", 0));
                PVAStructure s = lean
                        ? new PVAStructure("", "epics:nt/NTScalar:1.0", new PVADouble("value", 0), alarm, time)
                        : new PVAStructure("", "epics:nt/NTScalar:1.0", new PVADouble("value", 0), alarm, time,
                                new PVAStructure("display", "display_t", new PVADouble("limitLow", 0),
                                        new PVADouble("limitHigh", 0), new PVAString("description", "counts its posts"),
                                        new PVAString("units", ""), new PVAInt("precision", 3),
                                        new PVAStructure("form", "enum_t", new PVAInt("index", 0),
                                                new PVAStringArray("choices", "Default", "String", "Binary", "Decimal",
                                                        "Hex", "Exponential", "Engineering"))),
                                new PVAStructure("control", "control_t", new PVADouble("limitLow", 0),
                                        new PVADouble("limitHigh", 0), new PVADouble("minStep", 0)));
                data.add(s);
                pvs.add(server.createPV(NAME + i, s));
            }
        }

        @Override
        public void post(int i, double value, long timeNanos) throws Exception {
            PVAStructure s = data.get(i);
            ((PVADouble) s.get("value")).set(value);
            PVAStructure t = s.get("timeStamp");
            ((PVALong) t.get("secondsPastEpoch")).set(timeNanos / 1_000_000_000L);
            ((PVAInt) t.get("nanoseconds")).set((int) (timeNanos % 1_000_000_000L));
            pvs.get(i).update(s);
        }

        @Override
        public void close() {
            server.close();
        }
    }

    /**
     * Serves the PVs; on "post HZ SECONDS" from stdin posts for that long, then says "posted
     * COUNT ..."; ends on "stop" or at the end of stdin (its parent gone).
     */
    private static void serve(String kind, int pvs, int base) throws Exception {
        PrintStream out = System.out;
        String limit = Integer.toString(pvs + 100);
        Server server = switch (kind) {
            case "cas" -> {
                CaServers.Running r = CaServers.loopback(base, "maxChannelsPerClient", limit, "maxMonitorsPerClient", limit);
                yield new OurServer(r, r.publisher(), pvs, null);
            }
            case "pvas" -> {
                PvaServers.Running r = PvaServers.loopback(base);
                yield new OurServer(r, r.publisher(), pvs, r.server()::droppedUpdates);
            }
            case "phoebus", "phoebus-lean" -> new PhoebusServer(base, serverUdp(kind, base), pvs, kind.equals("phoebus-lean"));
            default -> throw new IllegalArgumentException("server must be cas, pvas, phoebus or phoebus-lean, not " + kind);
        };
        try {
            out.println("serving " + pvs + " PVs (" + kind + ") on port " + base);
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            long[] next = new long[pvs];   // the next value of each PV: rounds continue where the last ended
            for (String line; (line = in.readLine()) != null && !line.equals("stop"); ) {
                if (line.startsWith("post ")) {
                    String[] w = line.split(" ");
                    out.println(post(server, next, Integer.parseInt(w[1]), Integer.parseInt(w[2])));
                    out.flush();
                }
            }
        } finally {
            server.close();
        }
    }

    /**
     * Posts every PV at {@code hz} for {@code seconds}, in phase order, each post on its absolute
     * deadline; {@code hz} 0: round-robin, back to back.
     */
    private static String post(Server server, long[] next, int hz, int seconds) throws Exception {
        int n = next.length;
        long perSecond = (long) n * hz;
        long t0 = System.nanoTime();
        long end = t0 + TimeUnit.SECONDS.toNanos(seconds);
        long maxLate = 0;
        long late = 0;
        long k = 0;
        while (true) {
            long now = System.nanoTime();
            if (hz > 0) {
                if (k == perSecond * seconds) {
                    break;
                }
                long due = t0 + k * 1_000_000_000L / perSecond;
                if (due - now > 0) {
                    LockSupport.parkNanos(due - now);
                    continue;
                }
                if (now - due > 1_000_000L) {
                    late++;   // more than 1 ms behind its deadline
                }
                maxLate = Math.max(maxLate, now - due);
            } else if (now - end >= 0) {
                break;
            }
            int i = (int) (k % n);
            server.post(i, ++next[i], wallNanos());
            k++;
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        return String.format("posted %d in %.2f s (%d posts over 1 ms late, at most %.1f ms)%s",
                k, wall, late, maxLate / 1e6, server.note());
    }

    private static long wallNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
