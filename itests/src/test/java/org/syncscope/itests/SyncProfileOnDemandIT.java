package org.syncscope.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.inject.Inject;
import org.apache.karaf.features.BootFinished;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.service.cm.ConfigurationAdmin;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvSource;
import org.syncscope.api.pv.PvSpec;

/**
 * A profile's outputs on demand in the shipped server, read by libca (pyepics): a pair output
 * nobody opened is found by a search and read with its value; names the pairing does not have
 * are not found; `pv:list PATTERN` lists names no client opened; an edit of `pairs` live keeps
 * the kept pairs' statistics and takes the others' names away; the health and summary PVs.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SyncProfileOnDemandIT {

    static final int CA_PORT = 25520;
    static final int INPUTS = 30;

    @Inject
    private BootFinished bootFinished;

    @Inject
    private SessionFactory sessionFactory;

    @Inject
    @Filter("(protocol=ca)")
    private PvPublisher publisher;

    @Inject
    @Filter("(protocol=ca)")
    private PvSource source;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() {
        return SyncscopeServer.options(SyncscopeServer.channelAccessOn(CA_PORT));
    }

    private static String in(int i) {
        return String.format("OD:IN%02d", i);
    }

    @Test
    public void pairOutputsAreFoundReadAndListedOnDemandAndFollowAPairsEdit() throws Exception {
        ProfileConsole console = new ProfileConsole(sessionFactory, publisher, source);
        List<PublishedPv> inputs = IntStream.range(0, INPUTS)
                .mapToObj(i -> publisher.publish(PvSpec.ofDouble(in(i), "", 0, "on-demand input"))).toList();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        org.osgi.service.cm.Configuration cfg = configAdmin.getFactoryConfiguration("org.syncscope.syncprofile", "od", "?");
        try {
            ticker.scheduleAtFixedRate(() -> {
                for (int i = 0; i < INPUTS; i++) {
                    Instant now = Instant.now();
                    // each input 1 ms after the one before, so every pair has its own difference
                    long t = now.getEpochSecond() * 1_000_000_000L + now.getNano() + i * 1_000_000L;
                    inputs.get(i).post((double) i, t, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
                }
            }, 0, 100, TimeUnit.MILLISECONDS);
            Hashtable<String, Object> props = new Hashtable<>();
            props.put("pvs", IntStream.range(0, INPUTS).mapToObj(SyncProfileOnDemandIT::in).collect(Collectors.joining(",")));
            props.put("window", 20);
            cfg.update(props);
            PyEpicsScript.await("the od profile sampling", Duration.ofSeconds(60),
                    () -> console.statusCell("od", in(0), "Samples") >= 5);

            // 435 pairs x 5 outputs: none of them made, all of them answered
            assertTrue("no pair output exists before a client asks",
                    publisher.published().stream().noneMatch(p -> p.spec().name().contains("_vs_")));
            String read = PyEpicsScript.run(CA_PORT, "import epics\n"
                    + "print('avg=%r' % epics.caget('OD:IN03_vs_OD:IN17:AvgDiff', timeout=10))\n"
                    + "print('units=%r' % epics.PV('OD:IN03_vs_OD:IN17:AvgDiff').get_ctrlvars(timeout=10)['units'])\n"
                    + "print('reversed=%r' % epics.caget('OD:IN17_vs_OD:IN03:AvgDiff', timeout=3))\n");
            double avg = Double.parseDouble(PyEpicsScript.value(read, "avg"));
            assertEquals("IN03 is stamped 14 ms before IN17: " + read, -0.014, avg, 0.002);
            assertEquals(read, "'s'", PyEpicsScript.value(read, "units"));
            assertEquals("B before A is no output: " + read, "None", PyEpicsScript.value(read, "reversed"));
            String list = console.execute("pv:list 'OD:IN00_vs_*:AvgDiff'");
            assertEquals(list, INPUTS - 1, list.lines().filter(l -> l.contains("OD:IN00_vs_OD:IN")).count());
            assertTrue(list, list.contains("on demand"));

            // pairs = chain, live: the chain pairs keep their statistics, the others' names go
            long kept = console.pairCell("od", "OD:IN03_vs_OD:IN04", "Samples");
            assertTrue("the pair has samples: " + kept, kept > 0);
            props.put("pairs", "chain");
            cfg.update(props);
            PyEpicsScript.await("the chain pairing in syncprofile:list", Duration.ofSeconds(30),
                    () -> console.list().contains("29 (chain)"));
            assertTrue("kept pair kept its samples", console.pairCell("od", "OD:IN03_vs_OD:IN04", "Samples") >= kept);
            String after = PyEpicsScript.run(CA_PORT, "import epics\n"
                    + "print('chain=%r' % epics.caget('OD:IN03_vs_OD:IN04:CurrentDiff', timeout=10))\n"
                    + "print('gone=%r' % epics.caget('OD:IN03_vs_OD:IN17:AvgDiff', timeout=3))\n"
                    + "print('processed=%r' % epics.caget('SYNCPROFILE:od:ProcessedUpdates', timeout=10))\n"
                    + "print('worst=%r' % epics.caget('SYNCPROFILE:od:WorstAvgPair1', timeout=10))\n");
            assertEquals(after, -0.001, Double.parseDouble(PyEpicsScript.value(after, "chain")), 0.001);
            assertEquals("a pair the chain has not: " + after, "None", PyEpicsScript.value(after, "gone"));
            assertTrue(after, Double.parseDouble(PyEpicsScript.value(after, "processed")) > INPUTS * 5);
            assertTrue("every chain pair differs by 1 ms; the worst is one of them: " + after,
                    PyEpicsScript.value(after, "worst").matches("'OD:IN\\d\\d_vs_OD:IN\\d\\d'"));
        } finally {
            ticker.shutdownNow();
            cfg.delete();
            inputs.forEach(PublishedPv::close);
        }
    }
}
