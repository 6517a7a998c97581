package org.syncscope.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.karaf.features.BootFinished;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.syncscope.api.Registration;
import org.syncscope.api.time.ClockMode;
import org.syncscope.api.time.TimestampService;
import org.syncscope.api.time.TimestampStatus;

/**
 * The timestamp driver on an MRF event receiver, read through a stand-in of its mrfioc2 IOC in
 * another process (mrfioc2's PV names and types, over Channel Access and pvAccess, each event
 * counter stamped with the event's "hardware" time on an exact grid): the event table gets exactly
 * those stamps, clock-event listeners (what TIMEAV registers) get them too, a link loss is a
 * hardware failure (soft time and the alarm) until the next sync after the link is back, invalid
 * timestamps raise the alarm, an IOC restart is ridden out, a counter jump is counted as missed
 * events, a wrong prefix names the PVs not found, and eventSystem.target swaps between the
 * simulated event system and the receiver live without losing a listener. Time never goes back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MrfIT {

    static final int CA_PORT = 27650;
    static final int PVAS_TCP = 27651;
    static final int PVAS_UDP = 27652;
    static final int PVA_BEACON = 27653;
    static final MrfIoc.Ports IOC_PORTS = new MrfIoc.Ports(27660, 27661, 27662);
    static final String PREFIX = "TST{EVR:1}";
    static final int SYNC = 125;
    static final int TEN_HZ = 10;
    static final int HUNDRED_HZ = 30;
    private static final String TS_CFG = "org.syncscope.timestamp.cfg";
    private static final String MRF_CFG = "org.syncscope.eventsystem.mrf-evr1.cfg";
    private static final String BAD_CFG = "org.syncscope.eventsystem.mrf-wrong.cfg";
    /** The same receiver read over Channel Access (no user tag). */
    private static final String CA_CFG = "org.syncscope.eventsystem.mrf-evr1ca.cfg";

    @Inject
    private BootFinished bootFinished;

    @Inject
    private FeaturesService features;

    @Inject
    private SessionFactory sessionFactory;

    @Inject
    private BundleContext context;

    private MrfIoc ioc;
    private Path etc;
    private List<String> timestampCfg;
    private final List<Registration> listeners = new ArrayList<>();

    @Configuration
    public Option[] config() {
        return SyncscopeServer.options(
                SyncscopeServer.channelAccessOn(CA_PORT),
                // the CA and pvAccess clients search this server and the stand-in IOC
                editConfigurationFilePut("etc/org.syncscope.ca.cfg", "addrList",
                        "127.0.0.1:" + CA_PORT + " 127.0.0.1:" + IOC_PORTS.ca()),
                editConfigurationFilePut("etc/org.syncscope.pvas.cfg", "serverPort", Integer.toString(PVAS_TCP)),
                editConfigurationFilePut("etc/org.syncscope.pvas.cfg", "broadcastPort", Integer.toString(PVAS_UDP)),
                editConfigurationFilePut("etc/org.syncscope.pvas.cfg", "beaconAddrList", "127.0.0.1:" + PVA_BEACON),
                editConfigurationFilePut("etc/org.syncscope.pva.cfg", "addressList",
                        "127.0.0.1:" + PVAS_UDP + " 127.0.0.1:" + IOC_PORTS.pvaUdp()),
                editConfigurationFilePut("etc/org.syncscope.pva.cfg", "broadcastPort", Integer.toString(PVA_BEACON)),
                systemProperty(MrfIoc.CLASSPATH_PROPERTY).value(MrfIoc.classpath()));
    }

    @Before
    public void receiver() throws Exception {
        etc = Paths.get(System.getProperty("karaf.etc"));
        timestampCfg = Files.readAllLines(etc.resolve(TS_CFG), StandardCharsets.ISO_8859_1);
        ioc = MrfIoc.start(PREFIX, List.of(new MrfIoc.Event(SYNC, 1, PREFIX + "Evt125"),
                new MrfIoc.Event(TEN_HZ, 10, PREFIX + "Evt10"), new MrfIoc.Event(HUNDRED_HZ, 100, PREFIX + "Evt30")), IOC_PORTS);
        if (!features.isInstalled(features.getFeature("syncscope-eventsystem-mrf"))) {
            features.installFeature("syncscope-eventsystem-mrf");
        }
        Files.writeString(etc.resolve(MRF_CFG), "prefix = " + PREFIX + "\n"
                + "events = 125=" + PREFIX + "Evt125, 10=" + PREFIX + "Evt10, 30=" + PREFIX + "Evt30\n"
                + "syncEvent = 125\n"
                + "source.target = (protocol=pva)\n", StandardCharsets.ISO_8859_1);
        Files.writeString(etc.resolve(CA_CFG), "prefix = " + PREFIX + "\n"
                + "events = 125=" + PREFIX + "Evt125, 10=" + PREFIX + "Evt10\n"
                + "source.target = (protocol=ca)\n", StandardCharsets.ISO_8859_1);
    }

    @After
    public void stop() throws Exception {
        listeners.forEach(Registration::close);
        Files.write(etc.resolve(TS_CFG), timestampCfg, StandardCharsets.ISO_8859_1);
        Files.deleteIfExists(etc.resolve(MRF_CFG));
        Files.deleteIfExists(etc.resolve(BAD_CFG));
        Files.deleteIfExists(etc.resolve(CA_CFG));
        if (ioc != null) {
            ioc.close();
        }
    }

    private void target(String filter) throws Exception {
        List<String> edited = timestampCfg.stream()
                .map(l -> l.startsWith("eventSystem.target") ? "eventSystem.target = " + filter : l)
                .collect(Collectors.toList());
        Files.write(etc.resolve(TS_CFG), edited, StandardCharsets.ISO_8859_1);
    }

    private String console(String command) {
        try {
            return SyncscopeServer.execute(sessionFactory, command);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private TimestampService timestamp() {
        ServiceReference<TimestampService> ref = context.getServiceReference(TimestampService.class);
        assertTrue("a TimestampService is registered", ref != null);
        return context.getService(ref);
    }

    private TimestampStatus status() {
        return timestamp().status();
    }

    private boolean onReceiver() {
        TimestampStatus s = status();
        return s.mode() == ClockMode.SYNCHRONOUS && s.inSync() && s.modeReason().contains("mrf");
    }

    /** The time stamps of the stand-in's events at {@code rateHz} lie on its grid: whole multiples of the period. */
    private static boolean onGrid(long nanos, int rateHz) {
        long withinSecond = Math.floorMod(nanos, 1_000_000_000L);
        long k = withinSecond * rateHz / 1_000_000_000L;
        return nanos > 0 && withinSecond == k * 1_000_000_000L / rateHz;
    }

    @Test
    public void eventTimesAreTheReceiversHardwareStamps() throws Exception {
        TimestampService ts = timestamp();
        ConcurrentLinkedQueue<long[]> heard = new ConcurrentLinkedQueue<>();
        listeners.add(ts.addEventListener(TEN_HZ, (event, time) -> heard.add(new long[] {event, time})));
        listeners.add(ts.addEventListener(SYNC, (event, time) -> heard.add(new long[] {event, time})));
        target("(&(driver=mrf)(name=evr1))");
        PyEpicsScript.await("the timestamp driver synchronous on the MRF receiver", Duration.ofSeconds(60), this::onReceiver);
        String report = console("ts:report");
        assertTrue(report, report.contains("receiver mrf") && report.contains(PREFIX));
        assertTrue(report, report.contains("tick counter: none"));

        // the event table: each event's stamp exactly the IOC's hardware stamp (its grid), to the ns
        heard.clear();
        PyEpicsScript.await("10 Hz and 1 Hz events heard", Duration.ofSeconds(20),
                () -> heard.stream().filter(e -> e[0] == TEN_HZ).count() >= 20 && heard.stream().anyMatch(e -> e[0] == SYNC));
        for (long[] e : heard) {
            int rate = e[0] == TEN_HZ ? 10 : 1;
            assertTrue("event " + e[0] + " at " + e[1] + " ns is on the " + rate + " Hz grid", onGrid(e[1], rate));
        }
        long t10 = ts.eventTime(TEN_HZ);
        long t30 = ts.eventTime(HUNDRED_HZ);
        assertTrue("event 10's table entry " + t10, onGrid(t10, 10));
        assertTrue("event 30's table entry " + t30 + " (100 Hz)", onGrid(t30, 100));
        assertTrue(Math.abs(t30 - System.currentTimeMillis() * 1_000_000L) < 5_000_000_000L);
        String time = console("ts:time 30");
        assertTrue(time, time.contains("user tag"));

        // a counter jump: events the IOC's monitor coalesced are counted as missed
        ioc.send("skip 10 3");
        PyEpicsScript.await("3 missed events of code 10 counted", Duration.ofSeconds(20),
                () -> missed(console("eventsystem:mrf")) >= 3);

        // link lost: hardware failure, soft time with the alarm; back: event time again at the next sync
        long before = ts.currentTime();
        ioc.send("link fail");
        PyEpicsScript.await("soft time and the alarm on link loss", Duration.ofSeconds(20),
                () -> status().mode() == ClockMode.SOFT);
        assertTrue(status().modeReason(), status().modeReason().startsWith("hardware failure") && status().modeReason().contains("Link"));
        long during = ts.currentTime();
        ioc.send("link ok");
        PyEpicsScript.await("event time again after the link is back", Duration.ofSeconds(30), this::onReceiver);
        long after = ts.currentTime();
        assertTrue("never back: " + before + " " + during + " " + after, before <= during && during <= after);
        heard.clear();
        PyEpicsScript.await("events on the grid again", Duration.ofSeconds(10),
                () -> heard.stream().filter(e -> e[0] == TEN_HZ).count() >= 5);
        assertTrue(heard.stream().filter(e -> e[0] == TEN_HZ).allMatch(e -> onGrid(e[1], 10)));

        // timestamps invalid: the alarm
        ioc.send("valid 0");
        PyEpicsScript.await("invalid timestamps raise the alarm", Duration.ofSeconds(20),
                () -> status().mode() == ClockMode.SOFT);
        ioc.send("valid 1");
        PyEpicsScript.await("valid again", Duration.ofSeconds(30), this::onReceiver);

        // the IOC restarts: ridden out, and time never went back
        long beforeRestart = ts.currentTime();
        ioc.restart();
        PyEpicsScript.await("back on the receiver after the IOC restarted", Duration.ofSeconds(60), this::onReceiver);
        assertTrue(ts.currentTime() >= beforeRestart);

        // live swap to the simulated event system and back: the listeners registered before still hear events
        target("(&(driver=sim)(name=demo))");
        PyEpicsScript.await("on the simulated event system", Duration.ofSeconds(60),
                () -> status().modeReason().contains("sim") && status().mode() == ClockMode.SYNCHRONOUS);
        heard.clear();
        PyEpicsScript.await("the sync listener hears the simulated system's sync", Duration.ofSeconds(30),
                () -> heard.stream().anyMatch(e -> e[0] == SYNC));
        target("(&(driver=mrf)(name=evr1))");
        PyEpicsScript.await("on the receiver again", Duration.ofSeconds(60), this::onReceiver);
        heard.clear();
        PyEpicsScript.await("the 10 Hz listener hears the receiver again", Duration.ofSeconds(20),
                () -> heard.stream().filter(e -> e[0] == TEN_HZ).count() >= 5);
        assertTrue(heard.stream().filter(e -> e[0] == TEN_HZ).allMatch(e -> onGrid(e[1], 10)));

        // the same receiver read over Channel Access: the same exact stamps
        target("(&(driver=mrf)(name=evr1ca))");
        PyEpicsScript.await("on the receiver over CA", Duration.ofSeconds(60),
                () -> onReceiver() && status().modeReason().contains("evr1ca"));
        heard.clear();
        PyEpicsScript.await("10 Hz events over CA", Duration.ofSeconds(20),
                () -> heard.stream().filter(e -> e[0] == TEN_HZ).count() >= 5);
        assertTrue(heard.stream().filter(e -> e[0] == TEN_HZ).allMatch(e -> onGrid(e[1], 10)));
    }

    @Test
    public void aWrongPrefixNamesThePvsNotFound() throws Exception {
        Files.writeString(etc.resolve(BAD_CFG), "prefix = NOPE{EVR:9}\nevents = 125=NOPE{EVR:9}Evt125\n"
                + "connectTimeoutSeconds = 2\n", StandardCharsets.ISO_8859_1);
        PyEpicsScript.await("the wrong receiver's PVs named as not found", Duration.ofSeconds(60), () -> {
            String list = console("eventsystem:mrf");
            return list.contains("not found") && list.contains("NOPE{EVR:9}Link-Sts");
        });
        String list = console("eventsystem:mrf");
        assertTrue("the good receiver's events are listed beside the wrong one: " + list,
                list.contains(PREFIX + "Evt125Cnt-I") && !list.contains(PREFIX + "Evt125Cnt-I (not connected)"));
    }

    private static final Pattern MISSED = Pattern.compile("(\\d+) events? missed");

    /** The largest missed-event count eventsystem:mrf shows. */
    private static long missed(String listing) {
        long most = 0;
        Matcher m = MISSED.matcher(listing);
        while (m.find()) {
            most = Math.max(most, Long.parseLong(m.group(1)));
        }
        return most;
    }
}
