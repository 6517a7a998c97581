package org.syncscope.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.karaf.features.BootFinished;
import org.apache.karaf.features.FeaturesService;
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
import org.syncscope.api.status.ProfileView;
import org.syncscope.api.status.PtpView;
import org.syncscope.api.status.TimeavView;
import org.syncscope.api.status.TimestampView;
import org.syncscope.overview.Overview;
import org.syncscope.overview.SiteOverview;

/**
 * The site overview in the shipped server: every capability of the demo site in one snapshot, each
 * value the one its PV carries to a Channel Access client (the EPICS C library, through pyepics).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OverviewIT {

    static final int CA_PORT = 27300;

    @Inject
    private BootFinished bootFinished;

    @Inject
    private FeaturesService features;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return SyncscopeServer.options(SyncscopeServer.channelAccessOn(CA_PORT));
    }

    @Before
    public void overviewInstalled() throws Exception {
        if (!features.isInstalled(features.getFeature("syncscope-overview"))) {
            features.installFeature("syncscope-overview", EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        }
    }

    private Overview snapshot() {
        ServiceReference<SiteOverview> ref = context.getServiceReference(SiteOverview.class);
        assertTrue("SiteOverview is registered", ref != null);
        try {
            return context.getService(ref).snapshot();
        } finally {
            context.ungetService(ref);
        }
    }

    private static String caget(String pv) throws Exception {
        String out = PyEpicsScript.run(CA_PORT, "import epics\nprint('v=%s' % epics.caget('" + pv + "', as_string=True, timeout=5))\n");
        return PyEpicsScript.value(out, "v");
    }

    private static double number(String pv) {
        try {
            return Double.parseDouble(caget(pv));
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    @Test
    public void theDemoProfileAsItsPvsCarryIt() throws Exception {
        PyEpicsScript.await("the demo profile's DEMO:PV1 at 10 Hz in the overview", Duration.ofSeconds(60), () -> {
            Optional<ProfileView> demo = snapshot().profiles().stream().filter(p -> p.name().equals("demo")).findFirst();
            return demo.isPresent() && demo.get().inputs().size() == 3 && Math.abs(demo.get().inputs().get(0).avgHz() - 10) < 0.1;
        });
        ProfileView demo = snapshot().profiles().stream().filter(p -> p.name().equals("demo")).findFirst().orElseThrow();
        assertEquals("running", demo.state());
        assertEquals(List.of("DEMO:PV1", "DEMO:PV2", "DEMO:PV3"), demo.inputs().stream().map(ProfileView.InputView::pv).toList());
        assertEquals(3, demo.pairCount());
        assertEquals("DEMO:PV1_vs_DEMO:PV2", demo.pairs().get(0).name());
        assertTrue("processed " + demo.processed(), demo.processed() > 0);
        // the same statistics as the PVs: both read within a second of each other, at steady rates
        PyEpicsScript.await("DEMO:PV1's AvgFreq in the overview equals its PV", Duration.ofSeconds(30), () -> {
            double pv = number("DEMO:PV1:AvgFreq");
            double shown = snapshot().profiles().stream().filter(p -> p.name().equals("demo")).findFirst().orElseThrow()
                    .inputs().get(0).avgHz();
            return Math.abs(pv - shown) < 0.005;
        });
        PyEpicsScript.await("DEMO:PV1_vs_DEMO:PV3's MaxDiff in the overview equals its PV", Duration.ofSeconds(30), () -> {
            double pv = number("DEMO:PV1_vs_DEMO:PV3:MaxDiff");
            double shown = snapshot().profiles().stream().filter(p -> p.name().equals("demo")).findFirst().orElseThrow()
                    .pairs().get(1).max();
            return Math.abs(pv - shown) < 1e-6;
        });
    }

    @Test
    public void timestampPtpAndTimeavAsTheirPvsCarryThem() throws Exception {
        PyEpicsScript.await("the PTP monitor's cameras in the overview", Duration.ofSeconds(60), () -> snapshot().ptp()
                .map(p -> !p.cameras().isEmpty() && p.verdict().timeNanos() != 0).orElse(false));
        // the status PVs are posted once a second, the overview's snapshot is up to a period old:
        // wait until the snapshot has them before comparing
        PyEpicsScript.await("the timestamp driver's status PVs in the overview", Duration.ofSeconds(30),
                () -> snapshot().timestamp().map(t -> !t.mode().text().isEmpty() && !t.syncValid().text().isEmpty())
                        .orElse(false));
        TimestampView ts = snapshot().timestamp().orElseThrow();
        assertEquals("TS:Mode", ts.mode().pv());
        assertEquals(caget("TS:Mode"), ts.mode().text());
        assertEquals(caget("TS:Role"), ts.role().text());
        assertEquals(caget("TS:SyncValid"), ts.syncValid().text());

        PtpView ptp = snapshot().ptp().orElseThrow();
        assertEquals(caget("PTP:CHECK:HostRole"), ptp.hostRole().text());
        PyEpicsScript.await("PTP:CHECK:Verdict in the overview equals its PV", Duration.ofSeconds(30),
                () -> {
                    try {
                        return caget("PTP:CHECK:Verdict").equals(snapshot().ptp().orElseThrow().verdict().text());
                    } catch (Exception e) {
                        return false;
                    }
                });
        for (PtpView.CameraView camera : ptp.cameras()) {
            assertEquals("PTP:CHECK:" + camera.serial() + ":Status", camera.state().pv());
        }

        PyEpicsScript.await("the demo TIMEAV device with a value", Duration.ofSeconds(60), () -> snapshot().timeav().stream()
                .anyMatch(d -> d.name().equals("DEMO:PV1:SD") && d.value().valid()));
        TimeavView sd = snapshot().timeav().stream().filter(d -> d.name().equals("DEMO:PV1:SD")).findFirst().orElseThrow();
        assertTrue(sd.state(), sd.state().startsWith("running"));
        assertFalse(Double.isNaN(sd.value().value()));
        assertEquals("DEMO:PV1:SD:Status", sd.status().pv());
    }

    @Test
    public void aCapabilityUninstalledLeavesTheOverviewAndComesBack() throws Exception {
        PyEpicsScript.await("TIMEAV in the overview", Duration.ofSeconds(60), () -> !snapshot().timeav().isEmpty());
        long overviewBundle = context.getServiceReference(SiteOverview.class).getBundle().getBundleId();
        long lastModified = context.getBundle(overviewBundle).getLastModified();
        features.uninstallFeature("syncscope-timeav", EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        try {
            PyEpicsScript.await("TIMEAV gone from the overview", Duration.ofSeconds(30), () -> snapshot().timeav().isEmpty());
            assertFalse("the profiles stay", snapshot().profiles().isEmpty());
        } finally {
            features.installFeature("syncscope-timeav", EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        }
        PyEpicsScript.await("TIMEAV back in the overview", Duration.ofSeconds(60), () -> !snapshot().timeav().isEmpty());
        assertEquals("the overview bundle was neither updated nor refreshed", lastModified,
                context.getBundle(overviewBundle).getLastModified());
        assertEquals(overviewBundle, context.getServiceReference(SiteOverview.class).getBundle().getBundleId());
    }
}
