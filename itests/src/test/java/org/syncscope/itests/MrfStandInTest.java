package org.syncscope.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The MRF stand-in IOC ({@link MrfStandInIoc}) as the driver's tests will meet it, read from
 * outside: over Channel Access by pyepics (libca), over pvAccess by Phoebus' client in a JVM of its
 * own ({@link PvaPeer}). mrfioc2's names and types, counter stamps on the predicted grid to the ns
 * and the same on both protocols, the pulse ID in the user tag, the commands, a restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MrfStandInTest {

    static final MrfIoc.Ports PORTS = new MrfIoc.Ports(27600, 27601, 27602);
    static final String P = "TST{EVR:1}";
    static final String EN14 = "TST{EVR:1-Evt:14}";
    static final String EN40 = "TST{EVR:1-Evt:40}";
    static final String CNT14 = EN14 + "Cnt-I";
    static final String CNT40 = EN40 + "Cnt-I";
    static final Duration LIMIT = Duration.ofSeconds(20);

    private MrfIoc ioc;
    private PvaPeer pva;

    @BeforeAll
    void start() throws Exception {
        // 10 Hz divides a second into whole ns, 3 Hz does not: both grids must be exact
        ioc = MrfIoc.start(P, List.of(new MrfIoc.Event(14, 10, EN14), new MrfIoc.Event(40, 3, EN40)), PORTS);
        System.setProperty(PvaPeer.CLASSPATH_PROPERTY, String.join(File.pathSeparator,
                location(PhoebusPvaPeer.class), location(org.epics.pva.client.PVAClient.class)));
        pva = PvaPeer.start(PORTS.pvaUdp());
    }

    @AfterAll
    void stop() throws Exception {
        if (pva != null) {
            pva.close();
        }
        if (ioc != null) {
            ioc.close();
        }
    }

    private static String location(Class<?> c) throws URISyntaxException {
        return new File(c.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
    }

    @Test
    @Order(1)
    void servesMrfioc2NamesAndTypesOverChannelAccess() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(P + "Link-Sts", "time_enum");
        expected.put(P + "Pll-Sts", "time_enum");
        expected.put(P + "Time:Valid-Sts", "time_enum");
        expected.put(P + "Time:Src-Sel", "time_enum");
        for (String c : List.of("Cnt:RxErr-I", "Cnt:LinkTimo-I", "Cnt:HwOflw-I", "Cnt:SwOflw-I")) {
            expected.put(P + c, "time_long");
        }
        expected.put(P + "Time-I", "time_string");
        for (String s : List.of("HwType-I", "FwVer-I", "SwVer-I")) {
            expected.put(P + s, "time_string");
        }
        expected.put(P + "Time:Clock-I", "time_double");
        expected.put(CNT14, "time_double");
        expected.put(CNT40, "time_double");
        CaFields.Recording r = CaFields.record(PORTS.ca(), 1.5, List.copyOf(expected.keySet()));
        expected.forEach((pv, type) -> assertThat(r.ctrl(pv).get("type")).as(pv).isEqualTo(type));
        assertThat(r.ctrl(P + "Link-Sts").get("enum")).isEqualTo("Fail|OK");
        assertThat(r.ctrl(P + "Pll-Sts").get("enum")).isEqualTo("Error|OK");
        assertThat(r.ctrl(P + "Time:Valid-Sts").get("enum")).isEqualTo("Invalid|Valid");
        assertThat(r.ctrl(P + "Time:Src-Sel").get("enum")).isEqualTo("Event clock|Mapped code(s)|DBus 4");
        assertThat(r.ctrl(P + "Time:Clock-I").get("units")).isEqualTo("MHz");
        assertThat(last(r.updates(P + "Time:Clock-I")).get("value")).isEqualTo("124.916");
        assertThat(last(r.updates(P + "Link-Sts")).get("value")).isEqualTo("1");
        assertThat(last(r.updates(P + "Cnt:RxErr-I")).get("value")).isEqualTo("0");
    }

    @Test
    @Order(2)
    void servesNormativeTypesOverPvAccess() throws Exception {
        PvaPeer.Fields link = PyEpicsScript.awaitReading("Link-Sts over pvAccess", LIMIT, () -> pva.read(P + "Link-Sts"), f -> true);
        assertThat(link.get("@id")).isEqualTo("epics:nt/NTEnum:1.0");
        assertThat(link.get("value.choices")).isEqualTo("Fail|OK");
        assertThat(link.get("value.index")).isEqualTo("1");
        assertThat(pva.read(P + "Time:Src-Sel").get("value.choices")).isEqualTo("Event clock|Mapped code(s)|DBus 4");
        PvaPeer.Fields rxErr = pva.read(P + "Cnt:RxErr-I");
        assertThat(rxErr.get("@id")).isEqualTo("epics:nt/NTScalar:1.0");
        assertThat(rxErr.get("@value")).isEqualTo("int");
        PvaPeer.Fields clock = pva.read(P + "Time:Clock-I");
        assertThat(clock.get("@value")).isEqualTo("double");
        assertThat(clock.get("value")).isEqualTo("124.916");
        assertThat(clock.get("display.units")).isEqualTo("MHz");
        assertThat(pva.read(P + "Time-I").get("@value")).isEqualTo("string");
        assertThat(pva.read(CNT14).get("@value")).isEqualTo("double");
    }

    @Test
    @Order(3)
    void countersAreStampedOnTheGridToTheNanosecondOverBothProtocols() throws Exception {
        pva.monitor(CNT14);
        pva.monitor(CNT40);
        CaFields.Recording ca = CaFields.record(PORTS.ca(), 2.5, List.of(CNT14, CNT40, P + "Time-I"));
        PyEpicsScript.await("10 pvAccess updates of " + CNT40, LIMIT, () -> pva.updates(CNT40).size() >= 10);
        for (String pv : List.of(CNT14, CNT40)) {
            int rate = pv.equals(CNT14) ? 10 : 3;
            List<PvaPeer.Fields> caUpdates = events(ca.updates(pv));
            List<PvaPeer.Fields> pvaUpdates = events(pva.updates(pv));
            assertThat(caUpdates).as(pv + " over CA").hasSizeGreaterThanOrEqualTo(rate);
            assertConsecutiveOnGrid(pv + " over CA", caUpdates, rate, false);
            assertConsecutiveOnGrid(pv + " over PVA", pvaUpdates, rate, true);
            // one event, the same value and stamp on both protocols
            Map<String, Long> caStamps = new LinkedHashMap<>();
            caUpdates.forEach(u -> caStamps.put(u.get("value"), caNanos(u)));
            List<String> both = new ArrayList<>();
            for (PvaPeer.Fields u : pvaUpdates) {
                Long caStamp = caStamps.get(u.get("value"));
                if (caStamp != null) {
                    assertThat(u.timeNanos()).as(pv + " " + u.get("value")).isEqualTo(caStamp);
                    both.add(u.get("value"));
                }
            }
            assertThat(both).as(pv + " counts seen on both protocols").isNotEmpty();
        }
        List<PvaPeer.Fields> seconds = events(ca.updates(P + "Time-I"));
        assertThat(seconds).isNotEmpty();
        for (PvaPeer.Fields s : seconds) {
            long stamp = caNanos(s);
            assertThat(stamp % 1_000_000_000L).as("the seconds event is on a whole second").isZero();
            assertThat(s.get("value")).isEqualTo(MrfStandInIoc.timeText(stamp))
                    .matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000");
        }
    }

    @Test
    @Order(4)
    void linkFailShowsOnLinkStatusOverBothProtocols() throws Exception {
        ioc.send("link fail");
        PyEpicsScript.awaitReading("Link-Sts Fail over pvAccess", LIMIT, () -> pva.read(P + "Link-Sts"),
                f -> f.get("value.index").equals("0"));
        String out = PyEpicsScript.run(PORTS.ca(), "import epics\n"
                + "print('link=%s' % epics.caget('" + P + "Link-Sts', as_string=True, timeout=10))\n");
        assertThat(PyEpicsScript.value(out, "link")).isEqualTo("Fail");
        ioc.send("link ok");
        PyEpicsScript.awaitReading("Link-Sts OK over pvAccess", LIMIT, () -> pva.read(P + "Link-Sts"),
                f -> f.get("value.index").equals("1"));

        ioc.send("valid 0");
        PvaPeer.Fields invalid = PyEpicsScript.awaitReading("Time:Valid-Sts Invalid", LIMIT,
                () -> pva.read(P + "Time:Valid-Sts"), f -> f.get("value.index").equals("0"));
        assertThat(invalid.severity()).as("ZSV MAJOR").isEqualTo(2);
        ioc.send("valid 1");

        String rx = ioc.send("rxerr 7");
        assertThat(rx).contains("count=7");
        PyEpicsScript.awaitReading("Cnt:RxErr-I 7", LIMIT, () -> pva.read(P + "Cnt:RxErr-I"), f -> f.get("value").equals("7"));
    }

    @Test
    @Order(5)
    void skipAdvancesCounterAndPulseIdByNPlusOneInOneUpdate() throws Exception {
        String answer = ioc.send("skip 14 3");
        long stamp = Long.parseLong(field(answer, "stamp"));
        long count = Long.parseLong(field(answer, "count"));
        PyEpicsScript.await("the skipped update over pvAccess", LIMIT,
                () -> pva.updates(CNT14).stream().anyMatch(u -> u.timeNanos() == stamp));
        List<PvaPeer.Fields> u = pva.updates(CNT14);
        int at = 0;
        while (u.get(at).timeNanos() != stamp) {
            at++;
        }
        assertThat(at).as("an update before the skipped one").isPositive();
        PvaPeer.Fields before = u.get(at - 1);
        PvaPeer.Fields skipped = u.get(at);
        assertThat(Double.parseDouble(skipped.get("value"))).isEqualTo(count);
        assertThat(Double.parseDouble(skipped.get("value")) - Double.parseDouble(before.get("value"))).isEqualTo(4.0);
        assertThat(Long.parseLong(skipped.get("timeStamp.userTag")) - Long.parseLong(before.get("timeStamp.userTag")))
                .isEqualTo(4);
        assertThat(skipped.timeNanos() - before.timeNanos()).isEqualTo(4 * 100_000_000L);
    }

    @Test
    @Order(6)
    void stoppedEventPostsNothingUntilStarted() throws Exception {
        ioc.send("stop 14");
        double held = Double.parseDouble(pva.read(CNT14).get("value"));
        double slow = Double.parseDouble(pva.read(CNT40).get("value"));
        // a second and more of the other event's grid: 14 at 10 Hz would have counted
        PyEpicsScript.awaitReading(CNT40 + " 4 events on", LIMIT, () -> pva.read(CNT40),
                f -> Double.parseDouble(f.get("value")) >= slow + 4);
        assertThat(Double.parseDouble(pva.read(CNT14).get("value"))).isEqualTo(held);
        ioc.send("start 14");
        PyEpicsScript.awaitReading(CNT14 + " counting again", LIMIT, () -> pva.read(CNT14),
                f -> Double.parseDouble(f.get("value")) > held);
    }

    @Test
    @Order(7)
    void restartedOnTheSamePortsServesAFreshReceiver() throws Exception {
        ioc.send("link fail");
        ioc.send("rxerr 3");
        double before = Double.parseDouble(pva.read(CNT14).get("value"));
        ioc.restart();
        // a new IOC: its state and its counters begin again, its pulse ID goes on from the grid
        PvaPeer.Fields link = PyEpicsScript.awaitReading("Link-Sts over pvAccess after the restart", LIMIT,
                () -> pva.read(P + "Link-Sts"), f -> f.get("value.index").equals("1"));
        assertThat(link.get("value.choices")).isEqualTo("Fail|OK");
        PvaPeer.Fields counter = PyEpicsScript.awaitReading(CNT14 + " counting after the restart", LIMIT,
                () -> pva.read(CNT14), f -> f.severity() == 0 && Double.parseDouble(f.get("value")) >= 1);
        assertThat(Double.parseDouble(counter.get("value"))).isLessThan(before);
        assertOnGrid(CNT14, counter, 10, true);
        String out = PyEpicsScript.run(PORTS.ca(), "import epics\n"
                + "pv = epics.PV('" + CNT14 + "', form='time')\n"
                + "v = pv.get(timeout=10)\n"
                + "print('stamp=%d' % (pv.posixseconds * 1000000000 + pv.nanoseconds))\n"
                + "print('rxerr=%s' % epics.caget('" + P + "Cnt:RxErr-I', timeout=10))\n"
                + "print('link=%s' % epics.caget('" + P + "Link-Sts', as_string=True, timeout=10))\n");
        assertThat(Long.parseLong(PyEpicsScript.value(out, "stamp")) % 100_000_000L).isZero();
        assertThat(PyEpicsScript.value(out, "rxerr")).isEqualTo("0");
        assertThat(PyEpicsScript.value(out, "link")).isEqualTo("OK");
    }

    /** The updates of events: without the value a record serves before its first (stamped at the EPICS epoch). */
    private static List<PvaPeer.Fields> events(List<PvaPeer.Fields> updates) {
        return updates.stream().filter(u -> !u.map().containsKey("seconds") || caNanos(u) != MrfStandInIoc.EPICS_EPOCH_NANOS)
                .filter(u -> !u.map().containsKey("timeStamp.secondsPastEpoch") || u.timeNanos() != MrfStandInIoc.EPICS_EPOCH_NANOS)
                .toList();
    }

    private static long caNanos(PvaPeer.Fields u) {
        return Long.parseLong(u.get("seconds")) * 1_000_000_000L + Long.parseLong(u.get("nanoseconds"));
    }

    /** Each stamp a grid instant, each next one the next instant, the counter +1 (and over PVA the pulse ID +1). */
    private static void assertConsecutiveOnGrid(String what, List<PvaPeer.Fields> updates, int rate, boolean pva) {
        assertThat(updates).as(what).hasSizeGreaterThanOrEqualTo(3);
        for (int i = 0; i < updates.size(); i++) {
            assertOnGrid(what, updates.get(i), rate, pva);
            if (i > 0) {
                PvaPeer.Fields a = updates.get(i - 1);
                PvaPeer.Fields b = updates.get(i);
                long na = MrfStandInIoc.firstAfter(stamp(a, pva) - 1, rate);
                assertThat(stamp(b, pva)).as(what + " update " + i).isEqualTo(MrfStandInIoc.gridNanos(na + 1, rate));
                assertThat(Double.parseDouble(b.get("value")) - Double.parseDouble(a.get("value"))).as(what).isEqualTo(1.0);
                if (pva) {
                    assertThat(Long.parseLong(b.get("timeStamp.userTag")) - Long.parseLong(a.get("timeStamp.userTag")))
                            .as(what + " pulse ID").isEqualTo(1);
                }
            }
        }
    }

    private static void assertOnGrid(String what, PvaPeer.Fields u, int rate, boolean pva) {
        long stamp = stamp(u, pva);
        // the grid written out: 10 Hz on each 100 ms, 3 Hz at 0, 333333333 and 666666666 ns into a second
        List<Long> within = rate == 10 ? List.of(0L, 100_000_000L, 200_000_000L, 300_000_000L, 400_000_000L, 500_000_000L,
                600_000_000L, 700_000_000L, 800_000_000L, 900_000_000L) : List.of(0L, 333_333_333L, 666_666_666L);
        assertThat(within).as(what + ": ns into the second of " + stamp).contains(stamp % 1_000_000_000L);
        long n = MrfStandInIoc.firstAfter(stamp - 1, rate);
        assertThat(stamp).as(what + ": a grid instant of " + rate + " Hz").isEqualTo(MrfStandInIoc.gridNanos(n, rate));
        if (pva) {
            assertThat(Integer.parseInt(u.get("timeStamp.userTag"))).as(what + " pulse ID").isEqualTo(MrfStandInIoc.userTag(n));
        }
    }

    private static long stamp(PvaPeer.Fields u, boolean pva) {
        return pva ? u.timeNanos() : caNanos(u);
    }

    private static PvaPeer.Fields last(List<PvaPeer.Fields> updates) {
        assertThat(updates).isNotEmpty();
        return updates.get(updates.size() - 1);
    }

    private static String field(String answer, String key) {
        for (String w : answer.split(" ")) {
            if (w.startsWith(key + "=")) {
                return w.substring(key.length() + 1);
            }
        }
        throw new AssertionError("no " + key + " in " + answer);
    }
}
