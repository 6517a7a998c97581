package org.syncscope.cas.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.aps.jca.Channel;
import gov.aps.jca.Context;
import gov.aps.jca.JCALibrary;
import gov.aps.jca.Monitor;
import gov.aps.jca.configuration.DefaultConfiguration;
import gov.aps.jca.dbr.DBRType;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.syncscope.api.pv.AddressList;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvValue;
import org.syncscope.cas.internal.ChannelAccessServer;
import org.syncscope.cas.internal.ServerSettings;

/**
 * Hostile TCP input against a real server on loopback (seeded, bounded in count and time): 220
 * connections held at once, the 2 GiB extended header, absurd counts and types, garbage,
 * truncated headers, mutated messages. Afterwards CAJ's per-connection threads, the process's
 * file descriptors and the heap are back to where they were, a 10 Hz monitor never paused a
 * second, and the log stayed short.
 */
@Timeout(240)
class TcpFuzzTest {

    private static final int PORT = 25340;
    private static final long SEED = 19;
    private static final int HELD = 220;
    private static final int HUGE_HEADERS = 8;
    private static final int CASES = 500;
    private static final String PV = "FUZZ:TICK";

    private final ChannelAccessServer server = new ChannelAccessServer();
    private final ScheduledExecutorService poster = Executors.newSingleThreadScheduledExecutor();
    private Context client;
    private final List<Long> arrivals = new ArrayList<>();
    private final AtomicLong julWarnings = new AtomicLong();
    private final AtomicLong stderrLines = new AtomicLong();
    private final Handler julCounter = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                julWarnings.incrementAndGet();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final PrintStream originalErr = System.err;

    @AfterEach
    void tearDown() throws Exception {
        System.setErr(originalErr);
        Logger.getLogger("").removeHandler(julCounter);
        poster.shutdownNow();
        if (client != null) {
            client.destroy();
        }
        server.stop();
    }

    @Test
    void hostileTcpLeavesTheServerStandingAndReleasesEverything() throws Exception {
        server.start(new ServerSettings(PORT, AddressList.parse("b", "127.0.0.1"), false, 15f, AddressList.EMPTY,
                new TcpLimits(TcpLimits.DEFAULT_MAX_ARRAY_BYTES, 400, 64, 64, 3000, 60_000)));
        PublishedPv pv = server.publish(PvSpec.ofDouble(PV, "", 0, "10 Hz tick"));
        AtomicLong ticks = new AtomicLong();
        poster.scheduleAtFixedRate(() -> {
            Instant now = Instant.now();
            pv.post(new PvValue.DoubleValue(ticks.incrementAndGet()), now.getEpochSecond() * 1_000_000_000L + now.getNano(),
                    AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        }, 0, 100, TimeUnit.MILLISECONDS);
        monitor();
        await().atMost(Duration.ofSeconds(20)).until(() -> arrivals() >= 5);

        int dispatchersBefore = dispatchers();
        int fdsBefore = fds();
        long heapBefore = heapAfterGc();
        countLogLines();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong peakHeap = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max),
                0, 10, TimeUnit.MILLISECONDS);
        int arrivalsBefore = arrivals();
        long fuzzStart = System.nanoTime();
        try {
            holdManyConnections();
            hugeHeadersAtOnce();
            randomCases();
        } finally {
            sampler.shutdownNow();
        }
        long fuzzEnd = System.nanoTime();
        System.out.printf("TCP fuzz, right after: dispatchers %d (before %d), fds %d (before %d), heap peak +%d MB%n",
                dispatchers(), dispatchersBefore, fds(), fdsBefore, (peakHeap.get() - heapBefore) >> 20);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(dispatchers()).as("CAJ event dispatcher threads").isEqualTo(dispatchersBefore));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(fds()).as("file descriptors").isLessThanOrEqualTo(fdsBefore * 11 / 10));
        assertThat(heapAfterGc()).as("heap after the run").isLessThan(heapBefore * 11 / 10 + 16 * 1024 * 1024);
        assertThat(peakHeap.get() - heapBefore).as("heap growth during the run").isLessThan(512L * 1024 * 1024);
        System.out.printf("TCP fuzz: dispatchers %d -> %d, fds %d -> %d, heap %d -> %d MB (peak +%d MB), "
                + "largest monitor gap %d ms, refused %d, CAJ warnings %d, log lines %d%n", dispatchersBefore, dispatchers(),
                fdsBefore, fds(), heapBefore >> 20, heapAfterGc() >> 20, (peakHeap.get() - heapBefore) >> 20,
                maxGapMillis(fuzzStart, fuzzEnd), server.malformed().total(MalformedInput.Channel.TCP), julWarnings.get(),
                stderrLines.get());
        int after = arrivals();
        await().atMost(Duration.ofSeconds(5)).until(() -> arrivals() > after + 3);
        assertThat(maxGapMillis(fuzzStart, fuzzEnd)).as("largest pause of the 10 Hz monitor").isLessThan(1000);
        assertThat(arrivals() - arrivalsBefore).isGreaterThan(0);
        assertThat(server.malformed().total(MalformedInput.Channel.TCP)).as("refusals counted").isGreaterThan(CASES / 2);
        assertThat(julWarnings.get()).as("CAJ warnings and errors logged").isLessThanOrEqualTo(5);
        assertThat(stderrLines.get()).as("log lines written").isLessThanOrEqualTo(20);
    }

    /** 220 clients with a valid handshake and a channel, open at once, then gone. */
    private void holdManyConnections() throws Exception {
        List<CaClientBytes> held = new ArrayList<>();
        try {
            for (int i = 0; i < HELD; i++) {
                CaClientBytes c = new CaClientBytes(PORT);
                held.add(c);
                assertThat(c.connect(PV)).as("channel of connection " + i).isGreaterThanOrEqualTo(0);
            }
            assertThat(server.clients().open()).isGreaterThanOrEqualTo(HELD);
        } finally {
            for (CaClientBytes c : held) {
                c.close();
            }
        }
    }

    /** Several 2 GiB extended headers in flight together: each must be refused without allocating it. */
    private void hugeHeadersAtOnce() throws Exception {
        List<CaClientBytes> open = new ArrayList<>();
        try {
            for (int i = 0; i < HUGE_HEADERS; i++) {
                CaClientBytes c = new CaClientBytes(PORT);
                open.add(c);
                c.send(CaMessages.concat(CaClientBytes.handshake(),
                        CaMessages.extendedHeader(i % 2 == 0 ? 19 : 6, 0x7FFFFFF0, 6, 1, 1, 1), new byte[1024]));
            }
            for (CaClientBytes c : open) {
                c.closedByServer(1000);
            }
        } finally {
            for (CaClientBytes c : open) {
                c.close();
            }
        }
    }

    private void randomCases() throws Exception {
        Random seeds = new Random(SEED);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < CASES; i++) {
                long seed = seeds.nextLong();
                runs.add(pool.submit(() -> {
                    oneCase(new Random(seed));
                    return null;
                }));
            }
            for (Future<?> f : runs) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void oneCase(Random rnd) throws IOException {
        try (CaClientBytes c = new CaClientBytes(PORT)) {
            int kind = rnd.nextInt(10);
            try {
                switch (kind) {
                    case 0 -> c.send(random(rnd, 1 + rnd.nextInt(512)));
                    case 1 -> c.send(java.util.Arrays.copyOf(CaMessages.version(), 1 + rnd.nextInt(15)));
                    case 2 -> c.send(CaMessages.concat(CaClientBytes.handshake(),
                            java.util.Arrays.copyOf(CaMessages.message(15, 0, 20, 1, 1, 1), 1 + rnd.nextInt(15))));
                    case 3 -> c.send(CaMessages.extendedHeader(15, 0, rnd.nextInt(41), 100_000 + rnd.nextInt(1 << 30),
                            sid(c, rnd), 7));
                    case 4 -> c.send(CaMessages.concat(CaMessages.extendedHeader(1, 16, rnd.nextInt(0x10000),
                            rnd.nextInt(Integer.MAX_VALUE), sid(c, rnd), 9), new byte[16]));
                    case 5 -> c.send(CaMessages.concat(CaMessages.extendedHeader(19, 64, 6, 8 + rnd.nextInt(1 << 20),
                            sid(c, rnd), 3), new byte[64]));
                    case 6 -> c.send(CaMessages.concat(CaClientBytes.handshake(), CaMessages.extendedHeader(
                            new int[] {1, 4, 6, 15, 19}[rnd.nextInt(5)], 0x7FFFFFF0 + rnd.nextInt(16), 6, 1, 1, 1)));
                    case 7 -> c.send(mutate(rnd, CaMessages.eventAdd(sid(c, rnd), 5)));
                    case 8 -> c.send(CaMessages.message(15, 0, 34, 1 + rnd.nextInt(2048), sid(c, rnd), 11));
                    default -> c.send(CaMessages.message(1, 0, 20, 1, sid(c, rnd), 12));   // no mask block
                }
            } catch (IOException closedMeanwhile) {
                return;   // the server refused what was sent before all of it went out
            }
            c.closedByServer(200);
        }
    }

    /** Connects the channel and returns its server id, or a random id for the server to look up. */
    private static int sid(CaClientBytes c, Random rnd) throws IOException {
        int sid = c.connect(PV);
        return rnd.nextInt(4) == 0 ? rnd.nextInt() : sid;
    }

    private static byte[] random(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    private static byte[] mutate(Random rnd, byte[] message) {
        for (int i = 1 + rnd.nextInt(4); i > 0; i--) {
            message[rnd.nextInt(message.length)] = (byte) rnd.nextInt(256);
        }
        return message;
    }

    private void monitor() throws Exception {
        DefaultConfiguration c = new DefaultConfiguration("fuzz-client");
        c.setAttribute("class", JCALibrary.CHANNEL_ACCESS_JAVA);
        c.setAttribute("addr_list", "127.0.0.1:" + PORT);
        c.setAttribute("auto_addr_list", "false");
        client = JCALibrary.getInstance().createContext(c);
        Channel ch = client.createChannel(PV);
        client.pendIO(10);
        ch.addMonitor(DBRType.TIME_DOUBLE, 1, Monitor.VALUE, ev -> {
            synchronized (arrivals) {
                arrivals.add(System.nanoTime());
            }
        });
        client.flushIO();
    }

    private int arrivals() {
        synchronized (arrivals) {
            return arrivals.size();
        }
    }

    private long maxGapMillis(long from, long to) {
        long max = 0;
        synchronized (arrivals) {
            long last = -1;
            for (long t : arrivals) {
                if (t >= from && last >= 0) {
                    max = Math.max(max, t - last);
                }
                last = t;
                if (t > to) {
                    break;
                }
            }
        }
        return max / 1_000_000;
    }

    private static int dispatchers() {
        int n = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().contains("event dispatcher")) {
                n++;
            }
        }
        return n;
    }

    private static int fds() {
        String[] list = new File("/proc/self/fd").list();
        return list == null ? 0 : list.length;
    }

    private static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** From now on: CAJ's JUL warnings and every line written to stderr (where slf4j-simple logs). */
    private void countLogLines() {
        Logger.getLogger("").addHandler(julCounter);
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
                originalErr.write(b);
                if (b == '\n') {
                    stderrLines.incrementAndGet();
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                originalErr.write(b, off, len);
                for (int i = off; i < off + len; i++) {
                    if (b[i] == '\n') {
                        stderrLines.incrementAndGet();
                    }
                }
            }
        };
        System.setErr(new PrintStream(counting, true));
    }
}
