package org.syncscope.pmc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.syncscope.api.ptp.HostPtpRole;
import org.syncscope.api.ptp.PtpManagementException;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.time.EpicsTime;
import org.syncscope.pmc.testing.PtpPair;
import org.syncscope.pmc.testing.PtpPair.Side;
import org.syncscope.testing.Configs;
import org.syncscope.testing.RecordingPublisher;

/**
 * A real ptp4l (see {@link PtpPair}) stopped with SIGSTOP while the adapter asks it (issue 18):
 * every request ends by its deadline, in both modes and with concurrent callers, also once the
 * ptp4l's queue is full; the component's PVs go INVALID/COMM, its modified and deactivate return at
 * once, and after SIGCONT it recovers with time stamps that never go back nor lag. Times are
 * measured and printed as "MEASURED" lines; the assertions use bounds far looser than the timeout
 * + 100 ms aimed at, yet far below the unbounded waits (a send blocked for good) they guard against.
 */
class RealPtp4lStoppedTest extends RealPtp4lFixture {

    @Test
    void everyNativeRequestToAStoppedPtp4lFailsByItsDeadline() throws Exception {
        NativeManagementClient client = new NativeManagementClient(pair.grandmasterSocket(), dir, 0, TIMEOUT_MS);
        cleanup.add(client);
        assertThat(client.hostStatus().role()).isEqualTo(HostPtpRole.GRANDMASTER);
        cleanup.add(pair.stop(Side.GRANDMASTER));
        List<String> errors = new ArrayList<>();
        long worst = 0;
        // 5 datagrams per host status, 1 per data set: well past the 11 that fill ptp4l's queue
        for (int i = 0; i < 12; i++) {
            Callable<?> request = i % 2 == 0 ? client::hostStatus : client::currentDataSet;
            Failure f = failsWithin(request);
            errors.add(f.message());
            worst = Math.max(worst, f.ms());
        }
        System.out.printf("MEASURED native, stopped ptp4l, 12 requests one after another: slowest failure %d ms "
                + "(timeout %d ms)%n", worst, TIMEOUT_MS);
        assertThat(errors).anyMatch(e -> e.contains("queue stayed full"));
        assertThat(errors).anyMatch(e -> e.contains("no reply from ptp4l"));
    }

    @Test
    void concurrentNativeCallersOfAStoppedPtp4lAllFailByTheirDeadlines() throws Exception {
        NativeManagementClient client = new NativeManagementClient(pair.grandmasterSocket(), dir, 0, TIMEOUT_MS);
        cleanup.add(client);
        assertThat(client.currentDataSet().stepsRemoved()).isZero();
        cleanup.add(pair.stop(Side.GRANDMASTER));
        List<Future<List<Failure>>> runs = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            runs.add(callers.submit(() -> {
                List<Failure> mine = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    mine.add(failsWithin(client::hostStatus));
                }
                return mine;
            }));
        }
        List<Failure> all = new ArrayList<>();
        for (Future<List<Failure>> r : runs) {
            all.addAll(r.get(60, TimeUnit.SECONDS));
        }
        long worst = all.stream().mapToLong(Failure::ms).max().orElseThrow();
        System.out.printf("MEASURED native, stopped ptp4l, 4 concurrent callers x 6 host statuses: slowest failure "
                + "%d ms (timeout %d ms)%n", worst, TIMEOUT_MS);
        assertThat(all).hasSize(24);
        assertThat(all).extracting(Failure::message).anyMatch(m -> m.contains("still in progress"));
    }

    @Test
    void everyPmcRunAgainstAStoppedPtp4lFailsByItsDeadlineAndLeavesNoSocketFile() throws Exception {
        CommandManagementClient client = new CommandManagementClient(PmcSettings.DEFAULT_PMC,
                pair.grandmasterSocket(), 0, TIMEOUT_MS);
        assertThat(client.hostStatus().role()).isEqualTo(HostPtpRole.GRANDMASTER);
        Set<Path> before = pmcSockets();
        cleanup.add(pair.stop(Side.GRANDMASTER));
        List<String> errors = new ArrayList<>();
        long worst = 0;
        // 16 runs: past the 10 queued datagrams also when each run asks for one data set
        for (int i = 0; i < 16; i++) {
            Callable<?> request = i % 2 == 0 ? client::hostStatus : client::currentDataSet;
            Failure f = failsWithin(request);
            errors.add(f.message());
            worst = Math.max(worst, f.ms());
        }
        List<Future<Failure>> concurrent = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            concurrent.add(callers.submit(() -> failsWithin(client::hostStatus)));
        }
        for (Future<Failure> f : concurrent) {
            worst = Math.max(worst, f.get(30, TimeUnit.SECONDS).ms());
        }
        System.out.printf("MEASURED command, stopped ptp4l, 16 runs + 3 concurrent: slowest failure %d ms (timeout "
                + "%d ms)%n", worst, TIMEOUT_MS);
        // once the queue is full pmc blocks in sendto and is killed at the deadline
        assertThat(errors).anyMatch(e -> e.contains("did not finish"));
        awaitNoNewPmcSockets(before);
    }

    @Test
    void theComponentGoesInvalidWhileStoppedStaysResponsiveAndRecoversWithFreshStamps() throws Exception {
        RecordingPublisher pvs = new RecordingPublisher();
        Map<String, Object> p = props(pair.grandmasterSocket(), "native");
        PmcComponent component = activate(p, pvs);
        awaitRole(pvs, "GRANDMASTER", AlarmSeverity.NO_ALARM);
        PtpPair.Restore stopped = pair.stop(Side.GRANDMASTER);
        cleanup.add(stopped);
        long stoppedAt = EpicsTime.unixNanos(Instant.now());
        long t0 = System.nanoTime();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            for (String name : HOST_PVS) {
                RecordingPublisher.Posted last = pvs.lastPost(name);
                assertThat(last).as(name).isNotNull();
                assertThat(last.severity()).as(name).isEqualTo(AlarmSeverity.INVALID);
                assertThat(last.status()).as(name).isEqualTo(AlarmStatus.COMM);
                assertThat(last.stampNanos()).as(name).isGreaterThan(stoppedAt);
            }
        });
        System.out.printf("MEASURED component (period 1 s, timeout %d ms): PVs INVALID/COMM %d ms after SIGSTOP%n",
                TIMEOUT_MS, (System.nanoTime() - t0) / 1_000_000);
        assertThat(pvs.lastPost(ROLE).text()).isEqualTo("UNKNOWN");

        // requests through the component meanwhile (the console's): each ends by its deadline, well past
        // the 11 datagrams that fill the queue, and the publisher goes on posting
        long worst = 0;
        for (int i = 0; i < 12; i++) {
            Callable<?> request = i % 2 == 0 ? component::hostStatus : component::currentDataSet;
            worst = Math.max(worst, failsWithin(request).ms());
        }
        System.out.printf("MEASURED component: 12 requests while stopped (and publishing): slowest failure %d ms%n",
                worst);
        int invalidSoFar = pvs.count();
        await().atMost(Duration.ofSeconds(10)).until(() -> pvs.since(invalidSoFar).stream()
                .filter(x -> x.name().equals(ROLE) && x.severity() == AlarmSeverity.INVALID).count() >= 2);

        // an edit of the pmc configuration (the client is rebuilt) and of nothing (kept) return at once
        long ms = timed(() -> component.modified(Configs.of(PmcConfig.class, p), p));
        Map<String, Object> edited = props(pair.grandmasterSocket(), "native", "timeoutMs", "400");
        ms = Math.max(ms, timed(() -> component.modified(Configs.of(PmcConfig.class, edited), edited)));
        Map<String, Object> command = props(pair.grandmasterSocket(), "command", "timeoutMs", "400");
        ms = Math.max(ms, timed(() -> component.modified(Configs.of(PmcConfig.class, command), command)));
        Map<String, Object> back = props(pair.grandmasterSocket(), "native");
        ms = Math.max(ms, timed(() -> component.modified(Configs.of(PmcConfig.class, back), back)));
        System.out.printf("MEASURED component: slowest of 4 modified() while ptp4l is stopped: %d ms%n", ms);
        assertThat(ms).isLessThan(SLACK_MS);
        int mark = pvs.count();
        // the rebuilt client also fails, the PVs stay (no close, no re-publish) and invalid
        await().atMost(Duration.ofSeconds(10)).until(() -> pvs.since(mark).stream()
                .anyMatch(x -> x.name().equals(ROLE) && x.severity() == AlarmSeverity.INVALID));
        assertThat(pvs.servedNames()).containsExactlyInAnyOrderElementsOf(HOST_PVS);
        assertThat(pvs.publishCalls).as("published once, kept across the edits").hasValue(HOST_PVS.size());

        stopped.close();
        awaitRole(pvs, "GRANDMASTER", AlarmSeverity.NO_ALARM);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (String name : HOST_PVS) {
                assertThat(pvs.lastPost(name).severity()).as(name).isEqualTo(AlarmSeverity.NO_ALARM);
            }
        });
        assertStampsFresh(pvs, 400);

        // and deactivate while ptp4l is stopped again
        cleanup.add(pair.stop(Side.GRANDMASTER));
        await().atMost(Duration.ofSeconds(10)).until(() -> pvs.lastPost(ROLE).severity() == AlarmSeverity.INVALID);
        long d = timed(component::deactivate);
        System.out.printf("MEASURED component: deactivate() while ptp4l is stopped: %d ms%n", d);
        assertThat(d).isLessThan(SLACK_MS);
        await().atMost(Duration.ofSeconds(10)).until(() -> pvs.servedNames().isEmpty());
        assertStampsFresh(pvs, 400);
    }

    private record Failure(long ms, String message) {
    }

    /** Runs one request that must fail with a PtpManagementException by its timeout plus the slack. */
    private Failure failsWithin(Callable<?> request) throws Exception {
        long t0 = System.nanoTime();
        Future<?> f = callers.submit(request);
        try {
            Object unexpected = f.get(TIMEOUT_MS + SLACK_MS, TimeUnit.MILLISECONDS);
            throw new AssertionError("a stopped ptp4l answered: " + unexpected);
        } catch (TimeoutException hung) {
            f.cancel(true);
            throw new AssertionError("a request to a stopped ptp4l still runs " + (TIMEOUT_MS + SLACK_MS)
                    + " ms later (timeout " + TIMEOUT_MS + " ms)");
        } catch (java.util.concurrent.ExecutionException e) {
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(e.getCause()).isInstanceOf(PtpManagementException.class);
            return new Failure(ms, e.getCause().getMessage());
        }
    }

    private static long timed(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /**
     * Every PV's stamps strictly increase, and none is older than the moment it was posted by more
     * than the timeout (+ the loose slack): a stamp is taken when its reading completes.
     */
    private static void assertStampsFresh(RecordingPublisher pvs, long timeoutMs) {
        long worstAge = 0;
        for (String name : HOST_PVS) {
            long previous = Long.MIN_VALUE;
            for (RecordingPublisher.Posted p : pvs.posts(name)) {
                assertThat(p.stampNanos()).as(name + " stamp after the previous one").isGreaterThan(previous);
                previous = p.stampNanos();
                long age = p.postedAtNanos() - p.stampNanos();
                worstAge = Math.max(worstAge, age);
                assertThat(age).as(name + " stamp age in ns").isLessThan((timeoutMs + SLACK_MS) * 1_000_000L);
            }
        }
        System.out.printf("MEASURED component: oldest stamp at posting %.1f ms, %d posts%n", worstAge / 1e6,
                pvs.count());
    }

}
