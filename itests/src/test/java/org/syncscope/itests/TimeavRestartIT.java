package org.syncscope.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * TIMEAV over an input IOC that is killed and started again: the IOC is a second shipped server
 * (its demo IOC serving IOC:PV1, a 0.1 Hz sine at 10 Hz) in its own process, killed three times
 * for 11–18 s (a pause plus its boot) and restarted on the same port. The server under test
 * averages IOC:PV1 in two devices, a mean every 0.5 s and a diff of 1 s means; pyepics records
 * every update of their PVs. Outputs go INVALID/COMM within 1 s of the kill, nothing is valid
 * until the input is sampled again, no diff spans an outage, the values are right again within
 * 2 s (the mean; the diff needs two computes) of the first sample on the returned input, and no
 * PV's stamp goes back. How long the CA client takes to find the returned IOC is printed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimeavRestartIT {

    private static final int UUT_CA = 25280;
    private static final int IOC_CA = 25281;
    private static final List<Integer> PAUSES_S = List.of(6, 8, 10);
    private static final List<String> OUTPUTS = List.of("IOC:AVG", "IOC:AVG:Status", "IOC:DIFF", "IOC:DIFF:Status");
    private static final int INVALID = 3;
    private static final int COMM = 9;

    private ShippedServer ioc;
    private ShippedServer uut;
    private Recorder recorder;

    private static ShippedServer.Ports ports(int ssh, int rmiRegistry, int rmiServer, int ca) throws IOException {
        try (DatagramSocket a = new DatagramSocket(0); DatagramSocket b = new DatagramSocket(0)) {
            return new ShippedServer.Ports(ssh, rmiRegistry, rmiServer, ca, a.getLocalPort(), b.getLocalPort());
        }
    }

    @BeforeAll
    void start() throws Exception {
        ioc = ShippedServer.unpack("timeav-restart-ioc", ports(18242, 18245, 18246, IOC_CA));
        ioc.setKey("org.syncscope.demo.cfg", "pvs", "IOC:PV1@10");
        ioc.start();
        uut = ShippedServer.unpack("timeav-restart-uut", ports(18241, 18243, 18244, UUT_CA));
        uut.setKey("org.syncscope.ca.cfg", "addrList", "127.0.0.1:" + UUT_CA + " 127.0.0.1:" + IOC_CA);
        Files.writeString(uut.home().resolve("etc/org.syncscope.timeav-restart-avg.cfg"),
                "name = IOC:AVG\nexpression = IOC:PV1 | p,100 | p,500 | 0\n", StandardCharsets.ISO_8859_1);
        Files.writeString(uut.home().resolve("etc/org.syncscope.timeav-restart-diff.cfg"),
                "name = IOC:DIFF\nexpression = IOC:PV1 | p,100 | p,1000 | 0 | diff\n", StandardCharsets.ISO_8859_1);
        uut.start();
        List<String> pvs = new ArrayList<>(OUTPUTS);
        pvs.add("IOC:PV1");
        recorder = Recorder.start(pvs);
    }

    @AfterAll
    void stop() throws Exception {
        if (recorder != null) {
            recorder.close();
        }
        if (uut != null) {
            uut.close();
        }
        if (ioc != null) {
            ioc.close();
        }
    }

    @Test
    void outagesOfTheInputIocAreSeenAndSurvived() throws Exception {
        for (String pv : List.of("IOC:AVG", "IOC:DIFF")) {
            await(pv + " valid").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                    .until(() -> recorder.first(pv, 0, u -> u.severity() == 0).isPresent());
        }
        List<String> measured = new ArrayList<>();
        for (int pause : PAUSES_S) {
            long killed = System.currentTimeMillis();
            ioc.kill();
            java.util.Map<String, Long> wentInvalid = new java.util.HashMap<>();
            for (String pv : List.of("IOC:AVG", "IOC:DIFF", "IOC:DIFF:Status")) {
                Update invalid = await(pv + " INVALID after the kill").atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> recorder.first(pv, killed, u -> u.severity() == INVALID), Optional::isPresent).get();
                assertThat(invalid.status()).as(pv + " alarm status").isEqualTo(COMM);
                wentInvalid.put(pv, invalid.receivedMillis());
                measured.add(pv + " INVALID/COMM " + (invalid.receivedMillis() - killed) + " ms after the kill");
                assertThat(invalid.receivedMillis() - killed).as(pv + " INVALID within 1 s of the kill").isLessThanOrEqualTo(1000);
            }
            await("the " + pause + " s pause").atMost(Duration.ofSeconds(pause + 5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> System.currentTimeMillis() - killed >= pause * 1000L);
            long restarting = System.currentTimeMillis();   // nothing can be valid before the IOC starts again
            ioc.start();
            long started = System.currentTimeMillis();
            // the IOC is back by the time its console shows the demo site up; the server under test is back when a
            // device samples again (its Status leaves "input disconnected"): the time between is the CA client's
            // reconnect (pyepics' first update after the restart, for comparison, is its own client's)
            Update iocBack = await("IOC:PV1 updating again").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                    .until(() -> recorder.first("IOC:PV1", killed, u -> u.stampNanos() / 1_000_000 > killed),
                            Optional::isPresent).get();
            Update uutBack = await("IOC:DIFF sampling again").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                    .until(() -> recorder.first("IOC:DIFF:Status", wentInvalid.get("IOC:DIFF:Status"), u -> u.severity() == 0),
                            Optional::isPresent).get();
            measured.add("IOC up " + (started - killed) + " ms after the kill; TIMEAV samples again "
                    + (uutBack.receivedMillis() - started) + " ms after that, pyepics sees IOC:PV1 "
                    + (iocBack.receivedMillis() - started) + " ms after that");
            for (String pv : List.of("IOC:AVG", "IOC:DIFF")) {
                Update valid = await(pv + " valid after the IOC is back").atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> recorder.first(pv, wentInvalid.get(pv), u -> u.severity() == 0), Optional::isPresent).get();
                long after = valid.receivedMillis() - uutBack.receivedMillis();
                measured.add(pv + " valid " + after + " ms after the first sample on the returned input");
                // the mean of 0.5 s needs one compute on new samples, the diff two computes 1 s apart
                assertThat(after).as(pv + " valid soon after the input is back").isLessThanOrEqualTo(
                        pv.equals("IOC:AVG") ? 2000 : 2600);
                // against the IOC's restart, not the Status post of the same compute (posted in either order)
                assertThat(valid.receivedMillis()).as(pv + ": nothing valid while the input was gone")
                        .isGreaterThanOrEqualTo(restarting);
            }
        }
        System.out.println("TimeavRestartIT measured:\n  " + String.join("\n  ", measured));

        List<Update> all = recorder.updates();
        for (String pv : OUTPUTS) {
            long previous = Long.MIN_VALUE;
            for (Update u : all) {
                if (u.pv().equals(pv)) {
                    assertThat(u.stampNanos()).as(pv + " stamp never goes back: " + u).isGreaterThanOrEqualTo(previous);
                    previous = u.stampNanos();
                }
            }
        }
        for (Update u : all) {
            if (u.pv().equals("IOC:AVG") && u.severity() == 0) {
                assertThat(Math.abs(Double.parseDouble(u.value()))).as("a mean of the sine: " + u).isLessThanOrEqualTo(1.0001);
            }
            if (u.pv().equals("IOC:DIFF") && u.severity() == 0) {
                // 1 s means of a 0.1 Hz unit sine differ by at most 2 pi 0.1 = 0.63; one spanning an outage need not
                assertThat(Math.abs(Double.parseDouble(u.value()))).as("a diff of adjacent means: " + u).isLessThanOrEqualTo(0.7);
            }
        }
        // the first diff after an outage needs two computes on new samples: stamped over 1 s after the first of them
        Update down = null;
        int outagesChecked = 0;
        for (Update u : all) {
            if (u.pv().equals("IOC:DIFF:Status") && u.severity() == INVALID && u.status() == COMM) {
                down = u;
            } else if (down != null && u.pv().equals("IOC:DIFF:Status") && u.severity() == 0) {
                Update firstSample = u;
                Optional<Update> nextDiff = all.stream().filter(d -> d.pv().equals("IOC:DIFF") && d.severity() == 0
                        && d.receivedMillis() >= firstSample.receivedMillis()).findFirst();
                assertThat(nextDiff).isPresent();
                assertThat(nextDiff.get().stampNanos() - firstSample.stampNanos())
                        .as("first diff after the outage %s, first sample %s", nextDiff.get(), firstSample)
                        .isGreaterThan(1_000_000_000L - 150_000_000L);
                down = null;
                outagesChecked++;
            }
        }
        assertThat(outagesChecked).as("outages seen in IOC:DIFF:Status").isEqualTo(PAUSES_S.size());
    }

    /** One monitor update as pyepics received it. */
    record Update(String pv, long receivedMillis, long stampNanos, int severity, int status, String value) {
    }

    /** pyepics monitors on both servers, recording every update with its stamp and alarm. */
    static final class Recorder implements AutoCloseable {

        private static final String SCRIPT = String.join("\n",
                "import epics, sys, time",
                "def val(pvname=None, value=None, timestamp=None, severity=None, status=None, char_value=None, **kw):",
                "    print('m %s %d %d %s %s %s' % (pvname, int(time.time() * 1000), int(round(timestamp * 1e9)),"
                        + " severity, status, char_value), flush=True)",
                "pvs = [epics.PV(n, form='time', auto_monitor=True, callback=val) for n in sys.argv[1:]]",
                "sys.stdin.read()");

        private final Process python;
        private final List<Update> updates = new ArrayList<>();

        private Recorder(Process python) {
            this.python = python;
            Thread reader = new Thread(this::read, "timeav-restart-recorder");
            reader.setDaemon(true);
            reader.start();
        }

        static Recorder start(List<String> pvs) throws IOException {
            List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "-c", SCRIPT));
            command.addAll(pvs);
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("EPICS_CA_ADDR_LIST", "127.0.0.1:" + UUT_CA + " 127.0.0.1:" + IOC_CA);
            pb.environment().put("EPICS_CA_AUTO_ADDR_LIST", "NO");
            return new Recorder(pb.start());
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    String[] f = line.split(" ", 7);
                    synchronized (this) {
                        if (f.length == 7 && f[0].equals("m")) {
                            updates.add(new Update(f[1], Long.parseLong(f[2]), Long.parseLong(f[3]), Integer.parseInt(f[4]),
                                    Integer.parseInt(f[5]), f[6]));
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the process ended
            }
        }

        synchronized List<Update> updates() {
            return List.copyOf(updates);
        }

        synchronized Optional<Update> first(String pv, long fromMillis, java.util.function.Predicate<Update> which) {
            return updates.stream().filter(u -> u.pv().equals(pv) && u.receivedMillis() >= fromMillis && which.test(u))
                    .findFirst();
        }

        @Override
        public void close() throws InterruptedException {
            python.destroy();
            if (!python.waitFor(10, TimeUnit.SECONDS)) {
                python.destroyForcibly();
            }
        }
    }
}
