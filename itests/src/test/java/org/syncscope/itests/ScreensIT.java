package org.syncscope.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.inject.Inject;
import org.apache.karaf.features.BootFinished;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.After;
import org.junit.Before;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.syncscope.api.pv.PvSource;
import org.syncscope.api.pv.PvUpdate;

/**
 * The Phoebus screens on the demo site: syncscope-screens installed beside it, {@code
 * screens:generate} writes the demo profile's screen and every PV it names is served, over Channel
 * Access (the client in the container) and over pvAccess (Phoebus' own client, {@link PvaPeer}),
 * the table over pvAccess; the same for each fixed screen of the distribution's {@code screens/};
 * the screens over HTTP; and an edit of the profile's configuration shows in the next screen.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
// by name: the profile's configuration is edited last (z...)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class ScreensIT {

    static final int CA_PORT = 27064;
    private static final Duration SERVED = Duration.ofSeconds(90);

    @Inject
    private BootFinished bootFinished;

    @Inject
    private FeaturesService features;

    @Inject
    private SessionFactory sessionFactory;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Inject
    private BundleContext context;

    private PvaPeer pva;

    @Configuration
    public Option[] config() {
        return SyncscopeServer.options(SyncscopeServer.channelAccessOn(CA_PORT),
                systemProperty(PvaPeer.CLASSPATH_PROPERTY).value(peerClasspath()));
    }

    /** The Phoebus pvAccess peer's class path as this (failsafe) JVM finds it. */
    private static String peerClasspath() {
        List<String> parts = new ArrayList<>();
        for (String c : List.of("org.syncscope.itests.PhoebusPvaPeer", "org.epics.pva.client.PVAClient",
                "org.bouncycastle.jce.provider.BouncyCastleProvider", "org.bouncycastle.asn1.cmc.BodyPartID",
                "org.bouncycastle.cert.X509CertificateHolder")) {
            try {
                parts.add(new File(Class.forName(c).getProtectionDomain().getCodeSource().getLocation().toURI()).getPath());
            } catch (ReflectiveOperationException | URISyntaxException e) {
                throw new IllegalStateException("the pvAccess peer needs " + c + " on the test class path", e);
            }
        }
        return String.join(File.pathSeparator, parts);
    }

    @Before
    public void screensInstalled() throws Exception {
        // shipped in system/, not booted: a site installs it
        if (!features.isInstalled(features.getFeature("syncscope-screens"))) {
            features.installFeature("syncscope-screens");
        }
        PyEpicsScript.awaitReading("the screens index over HTTP", Duration.ofSeconds(60), () -> get(""), r -> r.status == 200);
        pva = PvaPeer.start(SyncscopeServer.pvAccessSearchPort());
    }

    @After
    public void stopPeer() throws InterruptedException {
        if (pva != null) {
            pva.close();
        }
    }

    // ---------------------------------------------------------------- the generated screen

    @Test
    public void aGeneratedProfileScreenNamesOnlyServedPvs() throws Exception {
        String out = SyncscopeServer.execute(sessionFactory, "screens:generate demo");
        Path file = Paths.get(System.getProperty("karaf.home"), "screens", "generated", "demo.bob").toAbsolutePath().normalize();
        assertTrue("the command prints the file it wrote: " + out, out.contains(file.toString()));
        BobScreen screen = BobScreen.parse(file.toString(), Files.readString(file));
        List<String> pvs = screen.pvNames();
        for (String expected : List.of("DEMO:PV1:InstantFreq", "DEMO:PV3:StdFreq", "DEMO:PV1_vs_DEMO:PV2:CurrentDiff",
                "DEMO:PV2_vs_DEMO:PV3:StdDiff", "SYNCPROFILE:demo:QueuedUpdates", "SYNCPROFILE:demo:LatencyP99",
                "SYNCPROFILE:demo:WorstAvgPair10", "SYNCPROFILE:demo:WorstAvgDiff", "SYNCPROFILE:demo:LargestCurrentPair",
                "pva://SYNCPROFILE:demo:Table")) {
            assertTrue(expected + " in the screen: " + pvs, pvs.contains(expected));
        }
        assertEquals("3 inputs x 5 + 3 pairs x 5 + 10 worst + 3 + 5 health + the table", 49, pvs.size());
        readEvery("demo.bob", pvs);
        // the reads tell: a name the server does not serve is read over neither protocol
        String notServed = "SYNCPROFILE:demo:NoSuchOutput";
        try {
            caSource().get(notServed, Duration.ofSeconds(3));
            throw new AssertionError(notServed + " read over Channel Access");
        } catch (org.syncscope.api.pv.PvException expected) {
            // not found
        }
        try {
            pva.read(notServed);
            throw new AssertionError(notServed + " read over pvAccess");
        } catch (PvaPeer.PeerError expected) {
            // not found
        }

        // every running profile by default; an unknown name is named and writes nothing
        String all = SyncscopeServer.execute(sessionFactory, "screens:generate");
        assertTrue(all, all.contains("demo.bob") && all.contains("demopva.bob"));
        Path dir = Files.createTempDirectory("screens");
        SyncscopeServer.CommandRun bad = SyncscopeServer.run(sessionFactory, "screens:generate -d " + dir + " demo nope");
        assertTrue(bad.output(), bad.result() == null && bad.output().contains("no sync profile named 'nope' (profiles: demo, demopva)"));
        try (var listed = Files.list(dir)) {
            assertEquals("nothing written for a command naming an unknown profile", 0, listed.count());
        }
        SyncscopeServer.execute(sessionFactory, "screens:generate -d " + dir + " demopva");
        List<String> pvaProfile = BobScreen.parse("demopva.bob", Files.readString(dir.resolve("demopva.bob"))).pvNames();
        assertTrue(pvaProfile.toString(), pvaProfile.contains("PVA:DEMO:PV1:AvgFreq") && pvaProfile.contains("pva://SYNCPROFILE:demopva:Table"));
        readEvery("demopva.bob", pvaProfile);
    }

    // ---------------------------------------------------------------- the fixed screens

    @Test
    public void everyFixedScreenOfTheDistributionNamesOnlyServedPvs() throws Exception {
        Map<String, Integer> counts = new TreeMap<>();
        for (String name : List.of("syncscope.bob", "timestamp.bob", "ptpcheck.bob", "timeav.bob")) {
            Path file = Paths.get(System.getProperty("karaf.home"), "screens", name);
            assertTrue(file + " in the distribution", Files.isRegularFile(file));
            String xml = Files.readString(file);
            Reply http = get(name);
            assertEquals(name + " over HTTP", 200, http.status);
            assertTrue(http.type, http.type.startsWith("application/xml"));
            assertEquals(name + ": the same file over HTTP as in screens/", xml, http.body);
            BobScreen screen = BobScreen.parse(name, xml);
            readEvery(name, screen.pvNames());
            counts.put(name, screen.pvNames().size());
            for (String opened : screen.openedFiles()) {
                assertEquals(name + " opens " + opened + ": served beside it", 200, get(opened).status);
            }
        }
        System.out.println("ScreensIT: PVs read over CA and pvAccess per fixed screen: " + counts);
        assertTrue(counts.toString(), counts.get("timestamp.bob") == 11 && counts.get("ptpcheck.bob") == 11
                && counts.get("timeav.bob") == 2);
    }

    // ---------------------------------------------------------------- HTTP

    @Test
    public void theScreensOverHttpAreReadOnlyAndNameWhatIsMissing() throws Exception {
        Reply index = get("");
        assertTrue(index.type, index.type.startsWith("text/html"));
        for (String link : List.of("href=\"syncscope.bob\"", "href=\"timestamp.bob\"", "href=\"profile/demo.bob\"",
                "href=\"profile/demopva.bob\"")) {
            assertTrue(link + " in " + index.body, index.body.contains(link));
        }
        Reply demo = get("profile/demo.bob");
        assertEquals(200, demo.status);
        assertTrue(demo.type, demo.type.startsWith("application/xml"));
        Path generated = Paths.get(System.getProperty("karaf.home"), "screens", "generated", "demo.bob");
        SyncscopeServer.execute(sessionFactory, "screens:generate demo");
        assertEquals("the HTTP screen is the command's", BobScreen.parse("file", Files.readString(generated)).pvNames(),
                BobScreen.parse("http", demo.body).pvNames());
        assertEquals("generated/ is profile/", demo.body, get("generated/demo.bob").body);

        Reply unknown = get("profile/nope.bob");
        assertEquals(404, unknown.status);
        assertTrue(unknown.body, unknown.body.contains("no sync profile named 'nope'"));
        Reply noScreen = get("nope.bob");
        assertEquals(404, noScreen.status);
        assertTrue(noScreen.body, noScreen.body.contains("/syncscope/screens/nope.bob"));
        assertEquals(404, get("../etc/users.properties").status);
        for (String method : List.of("POST", "PUT", "DELETE")) {
            HttpURLConnection c = (HttpURLConnection) url("profile/demo.bob").openConnection();
            c.setRequestMethod(method);
            assertEquals(method, 405, c.getResponseCode());
            c.disconnect();
        }

        String list = SyncscopeServer.execute(sessionFactory, "screens:list");
        assertTrue(list, list.contains("HTTP: http://127.0.0.1:" + httpPort() + "/syncscope/screens/")
                && list.contains("timestamp.bob") && list.contains("demo.bob"));
    }

    // ---------------------------------------------------------------- a live edit

    @Test
    public void zAnEditOfTheProfileShowsInTheNextScreen() throws Exception {
        org.osgi.service.cm.Configuration demo = demoConfiguration();
        Dictionary<String, Object> before = demo.getProperties();
        Dictionary<String, Object> edited = copy(before);
        edited.put("pvs", "DEMO:PV1, DEMO:PV2");
        demo.update(edited);
        try {
            BobScreen shown = PyEpicsScript.awaitReading("the screen without DEMO:PV3", Duration.ofSeconds(30),
                    () -> BobScreen.parse("http", get("profile/demo.bob").body),
                    s -> s.pvNames().stream().noneMatch(n -> n.contains("DEMO:PV3")));
            List<String> pvs = shown.pvNames();
            assertTrue(pvs.toString(), pvs.contains("DEMO:PV1_vs_DEMO:PV2:AvgDiff") && pvs.contains("DEMO:PV2:AvgFreq"));
            assertEquals("2 inputs x 5 + 1 pair x 5 + 10 worst + 3 + 5 health + the table", 34, pvs.size());
            SyncscopeServer.execute(sessionFactory, "screens:generate demo");
            Path file = Paths.get(System.getProperty("karaf.home"), "screens", "generated", "demo.bob");
            assertEquals("the command's screen has the new set too", pvs, BobScreen.parse("file", Files.readString(file)).pvNames());
            readEvery("demo.bob after the edit", pvs);
        } finally {
            demo.update(before);
        }
        BobScreen back = PyEpicsScript.awaitReading("the screen with DEMO:PV3 again", Duration.ofSeconds(30),
                () -> BobScreen.parse("http", get("profile/demo.bob").body),
                s -> s.pvNames().contains("DEMO:PV2_vs_DEMO:PV3:CurrentDiff"));
        assertEquals(49, back.pvNames().size());
    }

    // ---------------------------------------------------------------- helpers

    /** Reads every name: a {@code pva://} one over pvAccess, the others over Channel Access and over pvAccess. */
    private void readEvery(String screen, List<String> names) throws Exception {
        int caReads = 0;
        int pvaReads = 0;
        for (String name : names) {
            if (name.startsWith("pva://")) {
                String pv = name.substring("pva://".length());
                PyEpicsScript.awaitReading(screen + ": " + pv + " over pvAccess", SERVED, () -> pva.read(pv), f -> true);
                pvaReads++;
                continue;
            }
            assertTrue(screen + ": " + name + " has no other protocol prefix", !name.contains("://"));
            PvUpdate u = PyEpicsScript.awaitReading(screen + ": " + name + " over Channel Access", SERVED,
                    () -> caSource().get(name, Duration.ofSeconds(5)), r -> true);
            assertEquals(name, u.pvName());
            caReads++;
            PyEpicsScript.awaitReading(screen + ": " + name + " over pvAccess", SERVED, () -> pva.read(name), f -> true);
            pvaReads++;
        }
        System.out.println("ScreensIT: " + screen + ": " + caReads + " PVs read over Channel Access, " + pvaReads + " over pvAccess");
    }

    /** The CA client now (looked up each time: installing a feature may have restarted it). */
    private PvSource caSource() throws Exception {
        var refs = context.getServiceReferences(PvSource.class, "(protocol=ca)");
        if (refs.isEmpty()) {
            throw new IllegalStateException("no PvSource (protocol=ca)");
        }
        ServiceReference<PvSource> ref = refs.iterator().next();
        return context.getService(ref);
    }

    private org.osgi.service.cm.Configuration demoConfiguration() throws Exception {
        org.osgi.service.cm.Configuration[] found = configAdmin.listConfigurations(
                "(&(service.factoryPid=org.syncscope.syncprofile)(felix.fileinstall.filename=*org.syncscope.syncprofile-demo.cfg))");
        assertTrue("the demo profile's configuration", found != null && found.length == 1);
        return found[0];
    }

    private static Dictionary<String, Object> copy(Dictionary<String, Object> d) {
        Hashtable<String, Object> c = new Hashtable<>();
        for (var keys = d.keys(); keys.hasMoreElements(); ) {
            String k = keys.nextElement();
            c.put(k, d.get(k));
        }
        return c;
    }

    private int httpPort() throws IOException {
        // SyncscopeServer gave Pax Web a free port of its own (etc/org.ops4j.pax.web.cfg)
        try {
            org.osgi.service.cm.Configuration[] web = configAdmin.listConfigurations("(service.pid=org.ops4j.pax.web)");
            return Integer.parseInt(web[0].getProperties().get("org.osgi.service.http.port").toString().trim());
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private URL url(String path) throws IOException {
        return new URL("http://127.0.0.1:" + httpPort() + "/syncscope/screens/" + path);
    }

    /** One HTTP answer. */
    record Reply(int status, String type, String body) {
    }

    private Reply get(String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) url(path).openConnection();
        try {
            int status = c.getResponseCode();
            InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream();
            String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Reply(status, String.valueOf(c.getContentType()), body);
        } finally {
            c.disconnect();
        }
    }
}
