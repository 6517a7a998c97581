package org.syncscope.itests;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.epics.pva.PVASettings;
import org.epics.pva.server.PVAServer;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvValue;
import org.syncscope.cas.testing.CaServers;

/**
 * A stand-in for an MRF event receiver's mrfioc2 IOC, run in a JVM of its own: the receiver's
 * records (mrfioc2's names and types, see {@code evr.db}/{@code evrevent.db}) under prefix P, and
 * one event counter {@code {EN}Cnt-I} per configured event code, over Channel Access and pvAccess
 * with the same values and the same ns stamps. No hardware: the "hardware time" of each event is
 * on an exact grid of the wall clock, so a test can predict every stamp to the ns.
 *
 * <p>Usage: {@code MrfStandInIoc PREFIX CA_PORT PVA_TCP_PORT PVA_UDP_PORT [CODE:RATE:EN]...}, e.g.
 * {@code EVR1: 27600 27601 27602 14:10:EVR1:Evt14}. CA serves on CA_PORT (TCP and UDP searches),
 * pvAccess on PVA_TCP_PORT with searches on PVA_UDP_PORT, all on 127.0.0.1.
 *
 * <p>The grid: event C at R Hz (1..100) happens at the instants
 * {@code t(n) = (n / R) * 1e9 + floor((n % R) * 1e9 / R)} ns since the Unix epoch, n = 0, 1, …
 * (so at every whole second and R-1 times between); its pulse ID, the pvAccess
 * {@code timeStamp.userTag} of {@code {EN}Cnt-I}, is {@code n mod 2^31}: it increments by one per
 * event and keeps counting across a restart, as a timing master's would. The seconds event 125
 * happens at 1 Hz on every whole second and stamps {@code {P}Time-I}. {@code {EN}Cnt-I} adds 1 per
 * event; before its first event it serves 0, INVALID/UDF, stamped at the EPICS epoch (a record never
 * processed), and so does {@code Time-I} with "".
 *
 * <p>Commands, one per line on stdin; each is answered by one line {@code ok <command>[ details]}
 * or {@code error <command>: why}:
 * <ul>
 *   <li>{@code link fail|ok}, {@code pll error|ok}: set {@code Link-Sts} / {@code Pll-Sts} (nothing else changes)</li>
 *   <li>{@code valid 0|1}: set {@code Time:Valid-Sts} (0 is MAJOR/STATE, as its ZSV)</li>
 *   <li>{@code rxerr N}, {@code linktimo N}, {@code hwoflw N}, {@code swoflw N}: add N to that counter;
 *       answered {@code ok rxerr N count=X}</li>
 *   <li>{@code skip C N}: the next N events of C post nothing and the one after adds N+1 (what a client
 *       sees of missed or coalesced events); answered when that update is posted:
 *       {@code ok skip C N count=X stamp=NS userTag=U}</li>
 *   <li>{@code stop C} / {@code start C}: event C no longer happens (its counter holds) / happens
 *       again from the next grid instant; after {@code ok stop C} nothing more of C is posted</li>
 *   <li>{@code trace on|off}: print {@code event C count=X stamp=NS userTag=U} per event posted</li>
 *   <li>{@code quit}: answers {@code ok quit} and exits 0</li>
 * </ul>
 * Status changes are stamped with the wall clock when done ({@code stamp=NS} in the answer).
 * Prints {@code serving ...} once both servers serve every PV.
 */
public final class MrfStandInIoc {

    static final int SECONDS_EVENT = 125;
    static final double CLOCK_MHZ = 124.916;
    /** 1990-01-01T00:00:00Z: the stamp of an EPICS record never processed. */
    static final long EPICS_EPOCH_NANOS = 631_152_000L * 1_000_000_000L;

    private static final DateTimeFormatter TIME_TEXT =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final PrintStream out;
    private final Map<String, DualPv> pvs = new LinkedHashMap<>();
    private final Map<Integer, EventCode> events = new LinkedHashMap<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final String prefix;
    private volatile boolean trace;

    private MrfStandInIoc(String prefix, PrintStream out) {
        this.prefix = prefix;
        this.out = out;
    }

    /** The grid instant of event number {@code n} of an event at {@code rate} Hz, in ns since the Unix epoch. */
    static long gridNanos(long n, int rate) {
        return Math.floorDiv(n, rate) * 1_000_000_000L + Math.floorMod(n, rate) * 1_000_000_000L / rate;
    }

    /** The number of the first grid instant after {@code nanos}. */
    static long firstAfter(long nanos, int rate) {
        long n = Math.floorDiv(nanos, 1_000_000_000L) * rate;
        while (gridNanos(n, rate) <= nanos) {
            n++;
        }
        return n;
    }

    /** The pulse ID of event number {@code n}: its pvAccess user tag. */
    static int userTag(long n) {
        return (int) (n & 0x7FFF_FFFFL);
    }

    /** {@code Time-I}'s text for a seconds event at {@code nanos}, as mrfioc2 formats it. */
    static String timeText(long nanos) {
        return TIME_TEXT.format(Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L)));
    }

    static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (args.length < 4) {
            out.println("usage: MrfStandInIoc PREFIX CA_PORT PVA_TCP_PORT PVA_UDP_PORT [CODE:RATE:EN]...");
            System.exit(2);
        }
        String prefix = args[0];
        int caPort = Integer.parseInt(args[1]);
        int pvaTcp = Integer.parseInt(args[2]);
        int pvaUdp = Integer.parseInt(args[3]);
        List<String[]> eventArgs = new ArrayList<>();
        for (int i = 4; i < args.length; i++) {
            String[] parts = args[i].split(":", 3);
            if (parts.length != 3 || parts[2].isEmpty()) {
                throw new IllegalArgumentException("event argument '" + args[i] + "' is not CODE:RATE:EN");
            }
            eventArgs.add(parts);
        }
        Logger.getLogger("org.epics.pva").setLevel(Level.WARNING);   // keep the output small
        PVASettings.EPICS_PVA_SERVER_PORT = pvaTcp;
        PVASettings.EPICS_PVAS_BROADCAST_PORT = pvaUdp;
        PVASettings.EPICS_PVA_BROADCAST_PORT = pvaUdp;
        PVASettings.EPICS_PVAS_INTF_ADDR_LIST = "127.0.0.1";
        PVASettings.EPICS_PVA_AUTO_ADDR_LIST = false;
        PVASettings.EPICS_PVA_ADDR_LIST = "";
        CaServers.Running ca = CaServers.loopback(caPort);
        PVAServer pva = new PVAServer();
        MrfStandInIoc ioc = new MrfStandInIoc(prefix, out);
        ioc.publish(ca, pva, eventArgs);
        int tcp = pva.getTCPAddress(false).getPort();
        out.println("serving prefix=" + prefix + " ca=" + caPort + " pva=" + tcp + "/" + pvaUdp + " events="
                + String.join(",", ioc.events.values().stream().map(EventCode::toString).toList()));
        ioc.events.values().forEach(EventCode::begin);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isBlank() && ioc.handle(line.trim())) {
                    break;
                }
            }
        }
        pva.close();
        ca.close();
        System.exit(0);
    }

    private void publish(CaServers.Running ca, PVAServer pva, List<String[]> eventArgs) {
        long now = nowNanos();
        List.of(
                PvSpec.ofEnum(prefix + "Link-Sts", "Event link status", List.of("Fail", "OK")),
                PvSpec.ofEnum(prefix + "Pll-Sts", "Clock PLL status", List.of("Error", "OK")),
                PvSpec.ofEnum(prefix + "Time:Valid-Sts", "Timestamp validity", List.of("Invalid", "Valid")),
                PvSpec.ofLong(prefix + "Cnt:RxErr-I", "", "Receive error count"),
                PvSpec.ofLong(prefix + "Cnt:LinkTimo-I", "", "Heartbeat timeout count"),
                PvSpec.ofLong(prefix + "Cnt:HwOflw-I", "", "FIFO overflow count"),
                PvSpec.ofLong(prefix + "Cnt:SwOflw-I", "", "FIFO over rate count"),
                PvSpec.ofString(prefix + "Time-I", "Actual Time"),
                PvSpec.ofDouble(prefix + "Time:Clock-I", "MHz", 3, "Timestamp counter frequency"),
                PvSpec.ofEnum(prefix + "Time:Src-Sel", "Timestamp source",
                        List.of("Event clock", "Mapped code(s)", "DBus 4")),
                PvSpec.ofString(prefix + "HwType-I", "Model"),
                PvSpec.ofString(prefix + "FwVer-I", "Firmware version"),
                PvSpec.ofString(prefix + "SwVer-I", "Software version"))
                .forEach(spec -> pvs.put(spec.name().substring(prefix.length()), DualPv.publish(spec, ca.publisher(), pva)));
        post("Link-Sts", new PvValue.EnumValue(1, ""), now, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        post("Pll-Sts", new PvValue.EnumValue(1, ""), now, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        post("Time:Valid-Sts", new PvValue.EnumValue(1, ""), now, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        for (String counter : List.of("Cnt:RxErr-I", "Cnt:LinkTimo-I", "Cnt:HwOflw-I", "Cnt:SwOflw-I")) {
            counts.put(counter, 0L);
            post(counter, new PvValue.LongValue(0), now, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        }
        post("Time-I", new PvValue.StringValue(""), EPICS_EPOCH_NANOS, AlarmSeverity.INVALID, AlarmStatus.UDF);
        post("Time:Clock-I", new PvValue.DoubleValue(CLOCK_MHZ), now, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        post("Time:Src-Sel", new PvValue.EnumValue(0, ""), now, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        post("HwType-I", new PvValue.StringValue("Stand-in EVR"), now, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        post("FwVer-I", new PvValue.StringValue("0"), now, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        post("SwVer-I", new PvValue.StringValue("syncscope-itests"), now, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);

        for (String[] a : eventArgs) {
            int code = Integer.parseInt(a[0]);
            int rate = Integer.parseInt(a[1]);
            if (code < 1 || code > 255) {
                throw new IllegalArgumentException("event code " + code + " is outside 1..255");
            }
            if (rate < 1 || rate > 100) {
                throw new IllegalArgumentException("rate of event " + code + " is " + rate + " Hz, outside 1..100");
            }
            if (code == SECONDS_EVENT && rate != 1) {
                throw new IllegalArgumentException("event 125 is the seconds event: its rate is 1, not " + rate);
            }
            if (events.containsKey(code)) {
                throw new IllegalArgumentException("event " + code + " is given twice");
            }
            DualPv counter = DualPv.publish(PvSpec.ofDouble(a[2] + "Cnt-I", "", 0, "Event " + code + " count"),
                    ca.publisher(), pva);
            counter.post(new PvValue.DoubleValue(0), EPICS_EPOCH_NANOS, 0, AlarmSeverity.INVALID, AlarmStatus.UDF);
            events.put(code, new EventCode(code, rate, counter));
        }
        events.computeIfAbsent(SECONDS_EVENT, c -> new EventCode(c, 1, null));
    }

    private void post(String record, PvValue value, long stamp, AlarmSeverity severity, AlarmStatus status) {
        pvs.get(record).post(value, stamp, 0, severity, status);
    }

    private synchronized void answer(String line) {
        out.println(line);
    }

    /** Does one command; true for {@code quit}. */
    private boolean handle(String line) {
        String[] w = line.split("\\s+");
        try {
            long now = nowNanos();
            switch (w[0]) {
                case "link" -> status(w, "Link-Sts", "fail", "ok", now, AlarmSeverity.NO_ALARM);
                case "pll" -> status(w, "Pll-Sts", "error", "ok", now, AlarmSeverity.NO_ALARM);
                case "valid" -> status(w, "Time:Valid-Sts", "0", "1", now, AlarmSeverity.MAJOR);
                case "rxerr" -> add(w, "Cnt:RxErr-I", now);
                case "linktimo" -> add(w, "Cnt:LinkTimo-I", now);
                case "hwoflw" -> add(w, "Cnt:HwOflw-I", now);
                case "swoflw" -> add(w, "Cnt:SwOflw-I", now);
                case "skip" -> {
                    expect(w, 3);
                    long n = Long.parseLong(w[2]);
                    if (n < 0) {
                        throw new IllegalArgumentException("N must be >= 0");
                    }
                    event(w[1], true).skip(n, line);   // answered when posted
                }
                case "stop" -> {
                    expect(w, 2);
                    event(w[1], false).run(false);
                    answer("ok " + line);
                }
                case "start" -> {
                    expect(w, 2);
                    event(w[1], false).run(true);
                    answer("ok " + line);
                }
                case "trace" -> {
                    expect(w, 2);
                    trace = onOff(w[1], "off", "on");
                    answer("ok " + line);
                }
                case "quit" -> {
                    answer("ok quit");
                    return true;
                }
                default -> throw new IllegalArgumentException("unknown command; known: link, pll, valid, rxerr, linktimo, "
                        + "hwoflw, swoflw, skip, stop, start, trace, quit");
            }
        } catch (RuntimeException e) {
            answer("error " + line + ": " + (e instanceof NumberFormatException ? "not a number: " : "") + e.getMessage());
        }
        return false;
    }

    private static void expect(String[] w, int words) {
        if (w.length != words) {
            throw new IllegalArgumentException("expected " + (words - 1) + " argument(s)");
        }
    }

    private static boolean onOff(String word, String zero, String one) {
        if (word.equals(one)) {
            return true;
        }
        if (word.equals(zero)) {
            return false;
        }
        throw new IllegalArgumentException("expected " + zero + " or " + one + ", got " + word);
    }

    private void status(String[] w, String record, String zero, String one, long now, AlarmSeverity zeroSeverity) {
        expect(w, 2);
        boolean ok = onOff(w[1], zero, one);
        AlarmSeverity severity = ok ? AlarmSeverity.NO_ALARM : zeroSeverity;
        post(record, new PvValue.EnumValue(ok ? 1 : 0, ""), now, severity,
                severity == AlarmSeverity.NO_ALARM ? AlarmStatus.NO_ALARM : AlarmStatus.STATE);
        answer("ok " + String.join(" ", w) + " stamp=" + now);
    }

    private void add(String[] w, String record, long now) {
        expect(w, 2);
        long n = Long.parseLong(w[1]);
        if (n < 0) {
            throw new IllegalArgumentException("N must be >= 0");
        }
        long count = counts.merge(record, n, Long::sum);
        post(record, new PvValue.LongValue(count), now, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        answer("ok " + String.join(" ", w) + " count=" + count + " stamp=" + now);
    }

    private EventCode event(String code, boolean needsCounter) {
        EventCode e = events.get(Integer.parseInt(code));
        if (e == null || (needsCounter && e.counter == null)) {
            throw new IllegalArgumentException("event " + code + " has no records here; configured: " + events.keySet());
        }
        return e;
    }

    /** One event code: a thread that waits for each grid instant and posts it. */
    private final class EventCode {
        final int code;
        final int rate;
        final DualPv counter;   // null for the seconds event when not configured
        private long count;
        private boolean running = true;
        private long skip;
        private String skipCommand;

        EventCode(int code, int rate, DualPv counter) {
            this.code = code;
            this.rate = rate;
            this.counter = counter;
        }

        void begin() {
            Thread t = new Thread(this::loop, "event-" + code);
            t.setDaemon(true);
            t.start();
        }

        synchronized void run(boolean on) {
            running = on;
        }

        synchronized void skip(long n, String command) {
            if (skipCommand != null) {
                throw new IllegalStateException("a skip of event " + code + " is still pending");
            }
            skip = n;
            skipCommand = command;
        }

        private void loop() {
            long n = firstAfter(nowNanos(), rate);
            while (true) {
                sleepUntil(gridNanos(n, rate));
                synchronized (this) {
                    if (skip > 0) {
                        // the skipped events count, but post nothing: wait for the one after them
                        count += skip;
                        n += skip;
                        skip = 0;
                        continue;
                    }
                    if (running) {
                        happen(n);
                    }
                }
                n++;
            }
        }

        /** Event number {@code n} at its grid instant; called holding this. */
        private void happen(long n) {
            long stamp = gridNanos(n, rate);
            count++;
            if (code == SECONDS_EVENT) {
                post("Time-I", new PvValue.StringValue(timeText(stamp)), stamp, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
            }
            if (counter != null) {
                counter.post(new PvValue.DoubleValue(count), stamp, userTag(n), AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
            }
            String details = "count=" + count + " stamp=" + stamp + " userTag=" + userTag(n);
            if (skipCommand != null) {
                answer("ok " + skipCommand + " " + details);
                skipCommand = null;
            }
            if (trace) {
                answer("event " + code + " " + details);
            }
        }

        private void sleepUntil(long nanos) {
            for (long left; (left = nanos - nowNanos()) > 0; ) {
                LockSupport.parkNanos(left);
            }
        }

        @Override
        public String toString() {
            return code + "@" + rate + (counter == null ? "" : ":" + counter.name());
        }
    }
}
