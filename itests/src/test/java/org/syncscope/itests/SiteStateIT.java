package org.syncscope.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A site's life across restarts and rebuilds, through {@code ./syncscope start}: what the site adds
 * (a user, a profile, the SSH host key) survives a newer build, what it deletes while the server
 * is stopped stays deleted, and the build's defaults reach only the files the site never edited.
 * The steps build on each other, in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SiteStateIT {

    private static final int SSH_PORT = 18163;
    private static final String USER = "site-operator";
    private static final String PASSWORD = "Site-Secret-163";
    private static final String ADDED_USER = "added-operator";
    private static final String ADDED_PASSWORD = "Added-Secret-163";
    private static final String EXTRA_PROFILE = "org.syncscope.syncprofile-extra.cfg";
    /** The demo site's factory configurations deleted while the server is stopped. */
    private static final List<String> DEMO_FILES = List.of("org.syncscope.syncprofile-demo.cfg",
            "org.syncscope.timeav-demo.cfg", "org.syncscope.camera.sim-demo.cfg", "org.syncscope.eventsystem.sim-demo.cfg");
    private static final String DEMO_CAMERA = "05520125";

    private final Path zip = Paths.get(System.getProperty("syncscope.assembly.zip")).toAbsolutePath();
    private SiteServer server;
    private byte[] hostKey;

    @BeforeAll
    void prepareSite() throws Exception {
        Path root = Paths.get("target", "site-state").toAbsolutePath();
        deleteTree(root);
        server = new SiteServer(root, SSH_PORT);
        // The site's own ports, set before the first start as an operator would: these files are
        // then the site's edits.
        edit("org.apache.karaf.shell.cfg", Map.of("sshPort", Integer.toString(SSH_PORT)));
        edit("org.apache.karaf.management.cfg", Map.of("rmiRegistryPort", "11163", "rmiServerPort", "44463"));
        edit("org.syncscope.cas.cfg", Map.of("port", "25163", "autoBeaconAddrList", "false", "beaconAddrList", "127.0.0.1"));
        edit("org.syncscope.ca.cfg", Map.of("autoAddrList", "false", "addrList", "127.0.0.1:25163"));
        edit("org.syncscope.timestamp.cfg", Map.of("masterPort", "28163", "slavePort", "28164"));
        edit("org.ops4j.pax.web.cfg", Map.of("org.osgi.service.http.port", "28165"));
        edit("org.syncscope.pvas.cfg", Map.of("serverPort", "26163", "broadcastPort", "26164",
                "autoBeaconAddrList", "false", "beaconAddrList", "127.0.0.1:26165"));
        edit("org.syncscope.pva.cfg", Map.of("autoAddressList", "false", "addressList", "127.0.0.1:26164",
                "broadcastPort", "26165"));
        Path users = server.site.resolve("etc/users.properties");
        Files.writeString(users, defaultText(zip, "users.properties") + USER + " = " + PASSWORD + ",_g_:admingroup\n",
                StandardCharsets.ISO_8859_1);
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    @Order(1)
    void whatTheSiteAddsToItsFolderTakesEffect() throws Exception {
        String printed = server.start(zip, USER, PASSWORD);
        assertThat(printed).contains("unpacking the server into target/server")
                .contains("etc/org.apache.karaf.shell.cfg: edited on this site, kept");
        assertThat(server.root.resolve("target/server/etc")).as("the binaries' own etc/ holds the defaults").isDirectory();

        Files.writeString(server.site.resolve("etc/users.properties"),
                ADDED_USER + " = " + ADDED_PASSWORD + ",_g_:admingroup\n", StandardCharsets.ISO_8859_1,
                java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(server.site.resolve("etc/" + EXTRA_PROFILE), "pvs = DEMO:PV1, DEMO:PV2\nprefix = EXTRA:\n",
                StandardCharsets.ISO_8859_1);
        await("the added user logs in").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> server.canLogIn(ADDED_USER, ADDED_PASSWORD));
        await("the added profile").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> profiles().contains("extra"));
        assertThat(profiles()).contains("demo");
        // an ad-hoc profile, started from the console
        console("syncprofile:monitor --name adhoc --prefix AH: DEMO:PV1 DEMO:PV3");
        await("the ad-hoc profile").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> profiles().contains("adhoc"));

        // What Karaf keeps itself: a feature installed at runtime, a configuration made by config:edit.
        console("feature:install syncscope-camera-aravis");
        await("the runtime-installed feature").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions().until(() -> console("feature:list -i").contains("syncscope-camera-aravis"));
        console("config:edit org.syncscope.itest.edited\nconfig:property-set answer 42\nconfig:update");
        await("config:edit writes its file into the site's etc/").atMost(Duration.ofSeconds(10))
                .until(() -> Files.exists(server.site.resolve("etc/org.syncscope.itest.edited.cfg")));

        hostKey = Files.readAllBytes(server.site.resolve("etc/host.key"));
        server.stop();
    }

    @Test
    @Order(2)
    void filesDeletedWhileTheServerWasStoppedStayDeleted() throws Exception {
        for (String file : DEMO_FILES) {
            Files.delete(server.site.resolve("etc/" + file));
        }
        String printed = server.start(zip, USER, PASSWORD);
        assertThat(printed).as("the same build: binaries and data/ kept").doesNotContain("unpacking");

        await("the profiles").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> profiles().contains("extra"));
        assertThat(profiles()).doesNotContain("demo");
        assertThat(console("timeav:list")).doesNotContain("DEMO:PV1:SD");
        assertThat(console("camera:list")).doesNotContain(DEMO_CAMERA);
        assertThat(console("config:list '(service.factoryPid=org.syncscope.eventsystem.sim)'")).doesNotContain("sim~demo");
        assertThat(console("config:list '(service.pid=org.syncscope.itest.edited)'")).contains("answer = 42");
        assertThat(console("feature:list -i")).as("a feature installed at runtime").contains("syncscope-camera-aravis");
        assertThat(Files.readString(server.site.resolve("data/log/karaf.log"), StandardCharsets.ISO_8859_1))
                .contains("Deleted configuration org.syncscope.syncprofile~demo: its file");
        server.stop();
    }

    @Test
    @Order(3)
    void aNewerBuildReplacesTheBinariesAndKeepsTheSite() throws Exception {
        // A newer build whose defaults changed: one file the site never edited, one it edited,
        // one it deleted.
        Path newer = server.root.resolve("newer.zip");
        String changed = "# changed in a newer build\n";
        Map<String, String> defaults = Map.of(
                "org.syncscope.timeav.control.cfg", defaultText(zip, "org.syncscope.timeav.control.cfg") + changed,
                "users.properties", defaultText(zip, "users.properties") + changed,
                "org.syncscope.syncprofile-demo.cfg", defaultText(zip, "org.syncscope.syncprofile-demo.cfg") + changed);
        rewrite(zip, newer, defaults);
        FileTime unpacked = Files.getLastModifiedTime(server.root.resolve("target/server/.from-zip"));
        Files.setLastModifiedTime(newer, FileTime.fromMillis(unpacked.toMillis() + 10_000));

        String printed = server.start(newer, USER, PASSWORD);

        assertThat(printed).contains("unpacking the server into target/server")
                .contains("etc/org.syncscope.timeav.control.cfg: updated to the new default (not edited on this site)")
                .contains("etc/users.properties: edited on this site, kept; the new default differs: "
                        + server.root.resolve("target/server/etc/users.properties"))
                .contains("etc/org.syncscope.syncprofile-demo.cfg: deleted on this site, stays deleted")
                .contains("features installed at runtime on the previous binaries: syncscope-camera-aravis;");
        assertThat(server.site.resolve("etc/org.syncscope.timeav.control.cfg"))
                .hasContent(defaults.get("org.syncscope.timeav.control.cfg"));
        assertThat(server.site.resolve("etc/" + "org.syncscope.syncprofile-demo.cfg")).doesNotExist();
        assertThat(Files.readAllBytes(server.site.resolve("etc/host.key"))).as("the SSH host key").isEqualTo(hostKey);
        assertThat(server.canLogIn(ADDED_USER, ADDED_PASSWORD)).as("the added user").isTrue();
        await("the added profile").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> profiles().contains("extra"));
        assertThat(profiles()).doesNotContain("demo").as("the ad-hoc profile").contains("adhoc");
        assertThat(console("config:list '(service.pid=org.syncscope.itest.edited)'")).contains("answer = 42");
        server.stop();
    }

    /** The names in {@code syncprofile:list}'s first column. */
    private List<String> profiles() throws IOException {
        return console("syncprofile:list").lines().skip(2).map(l -> l.split("\\|")[0].trim()).collect(Collectors.toList());
    }

    private String console(String command) throws IOException {
        return server.console(USER, PASSWORD, command);
    }

    /** Writes the site's copy of a default file with {@code keys} set. */
    private void edit(String file, Map<String, String> keys) throws IOException {
        String text = defaultText(zip, file);
        for (Map.Entry<String, String> k : keys.entrySet()) {
            String line = "(?m)^\\s*" + k.getKey() + "\\s*=.*$";
            assertThat(java.util.regex.Pattern.compile(line).matcher(text).find()).as("%s has a %s line", file, k.getKey())
                    .isTrue();
            String replaced = text.replaceFirst(line, k.getKey() + " = " + k.getValue());
            text = replaced;
        }
        Path target = server.site.resolve("etc/" + file);
        Files.createDirectories(target.getParent());
        Files.writeString(target, text, StandardCharsets.ISO_8859_1);
    }

    /** The text of {@code etc/file} in the server zip (entries sit under one top folder). */
    private static String defaultText(Path zip, String file) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            ZipEntry entry = z.stream().filter(e -> e.getName().endsWith("/etc/" + file)).findFirst()
                    .orElseThrow(() -> new AssertionError(zip + " has no etc/" + file));
            try (InputStream in = z.getInputStream(entry)) {
                return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            }
        }
    }

    /** Copies {@code from} to {@code to}, replacing the text of the named etc/ files. */
    private static void rewrite(Path from, Path to, Map<String, String> etcFiles) throws IOException {
        try (ZipFile in = new ZipFile(from.toFile()); OutputStream file = Files.newOutputStream(to);
             ZipOutputStream out = new ZipOutputStream(file)) {
            for (ZipEntry e : in.stream().collect(Collectors.toList())) {
                out.putNextEntry(new ZipEntry(e.getName()));
                String name = e.getName().substring(e.getName().indexOf('/') + 1);
                String replacement = name.startsWith("etc/") ? etcFiles.get(name.substring(4)) : null;
                if (replacement != null) {
                    out.write(replacement.getBytes(StandardCharsets.ISO_8859_1));
                } else if (!e.isDirectory()) {
                    try (InputStream data = in.getInputStream(e)) {
                        data.transferTo(out);
                    }
                }
                out.closeEntry();
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                    Files.delete(p);
                }
            }
        }
    }
}
