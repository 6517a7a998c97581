package org.syncscope.demo.internal;

import org.syncscope.api.time.EpicsTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.config.ConfigCheck;
import org.syncscope.api.config.InvalidConfigException;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvValue;
import org.syncscope.rebind.RebindingPublisher;

/**
 * The demo IOC: publishes each configured PV and posts a sine wave at its rate, stamped with the
 * wall-clock time of the post. Updates are scheduled on an ideal grid (start + k·period, plus
 * jitter), so rates do not drift. One daemon thread. A config change publishes the new set (a bad
 * one is refused with one ERROR line and the previous PVs go on). The Channel Access server may be
 * redeployed under it: the PVs come back on the new one and the grid goes on.
 */
@Component(configurationPid = DemoConfig.PID, immediate = true)
@Designate(ocd = DemoConfig.class)
public final class DemoIoc {

    private static final Logger LOG = LoggerFactory.getLogger(DemoIoc.class);
    private static final long STOP_WAIT_MS = 2000;

    /** What a configuration asks for, checked. */
    record Plan(List<DemoPvDefinition> pvs, double jitterMs, long jitterNanos) {
    }

    private final ScheduledExecutorService timer;
    private final long startNanos = System.nanoTime();
    private final RebindingPublisher publisher = new RebindingPublisher("demo IOC");
    // guarded by this
    private final List<PublishedPv> published = new ArrayList<>();
    private Plan plan;
    /** Bumped at each rebuild: the post chains of an older plan stop rescheduling themselves. */
    private final AtomicInteger generation = new AtomicInteger();
    private volatile String refusal = "";

    @Activate
    public DemoIoc(DemoConfig config, Map<String, Object> properties) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "syncscope-demo-ioc");
            t.setDaemon(true);
            return t;
        });
        Plan p = check(config, properties);
        if (p == null) {
            LOG.error("demo IOC: configuration refused: {}", refusal);
            return;
        }
        start(p);
    }

    @Modified
    void modified(DemoConfig config, Map<String, Object> properties) {
        boolean running;
        synchronized (this) {
            running = plan != null;
        }
        Plan p = check(config, properties);
        if (p == null) {
            LOG.error(running ? "demo IOC: {}" : "demo IOC: configuration refused: {}", refusal);
            return;
        }
        synchronized (this) {
            if (p.equals(plan)) {
                return;
            }
            stopPosting();
        }
        start(p);
    }

    private Plan check(DemoConfig config, Map<String, Object> properties) {
        try {
            ConfigCheck.require(DemoConfig.class, properties);
            List<DemoPvDefinition> pvs = DemoPvDefinition.parseAll(config.pvs());
            Plan p = new Plan(pvs, config.jitterMs(), jitter(config.jitterMs(), pvs));
            refusal = "";
            return p;
        } catch (IllegalArgumentException bad) {
            String text = bad instanceof InvalidConfigException ? bad.getMessage()
                    : ConfigCheck.origin(properties) + ": " + bad.getMessage();
            boolean running;
            synchronized (this) {
                running = plan != null;
            }
            refusal = running ? "change refused, previous settings stay: " + text : text;
            return null;
        }
    }

    private synchronized void start(Plan p) {
        int gen = generation.get();
        try {
            for (DemoPvDefinition d : p.pvs()) {
                PublishedPv pv = publisher.publish(PvSpec.ofDouble(d.name(), "", 4,
                        "demo sine wave at " + d.rateHz() + " Hz, phase " + d.phaseMs() + " ms"));
                published.add(pv);
                schedule(pv, d.phaseNanos(), d.periodNanos(), 0, p.jitterNanos(), gen);
            }
        } catch (RuntimeException e) {
            LOG.error("demo IOC: cannot publish {}: {}", p.pvs(), e.getMessage());
            stopPosting();
            return;
        }
        plan = p;
        LOG.info("demo IOC publishing {} (jitter ±{} ms)", p.pvs(), p.jitterMs());
    }

    /** Stops the chains of the current plan and withdraws its PVs. */
    private synchronized void stopPosting() {
        generation.incrementAndGet();
        published.forEach(PublishedPv::close);
        published.clear();
        plan = null;
    }

    /** Why the configuration or its last change was refused; empty when it was not. */
    String refusal() {
        return refusal;
    }

    synchronized List<String> publishedNames() {
        return published.stream().map(pv -> pv.spec().name()).toList();
    }

    @Reference(name = "publisher", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = PvPublisher.ALL_PROTOCOLS, unbind = "unbindPublisher")
    void bindPublisher(PvPublisher p) {
        publisher.bind(p);
    }

    void unbindPublisher(PvPublisher p) {
        publisher.unbind(p);
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
        try {
            if (!timer.awaitTermination(STOP_WAIT_MS, TimeUnit.MILLISECONDS)) {
                LOG.warn("demo IOC thread did not stop within {} ms", STOP_WAIT_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopPosting();
    }

    private void schedule(PublishedPv pv, long phase, long period, long slot, long jitterNanos, int gen) {
        // A late post (a busy machine at boot) skips the slots it missed instead of bursting.
        long behind = System.nanoTime() - (startNanos + phase + slot * period);
        long k = behind > period / 2 ? slot + (behind + period / 2) / period : slot;
        long ideal = startNanos + phase + k * period;
        long offset = jitterNanos == 0 ? 0 : ThreadLocalRandom.current().nextLong(-jitterNanos, jitterNanos + 1);
        long delay = Math.max(0, ideal + offset - System.nanoTime());
        try {
            timer.schedule(() -> {
                if (generation.get() != gen) {
                    return;   // rebuilt: this PV is withdrawn
                }
                post(pv);
                schedule(pv, phase, period, k + 1, jitterNanos, gen);
            }, delay, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // deactivated
        }
    }

    private static void post(PublishedPv pv) {
        Instant now = Instant.now();
        long t = EpicsTime.unixNanos(now);
        double value = Math.sin(2 * Math.PI * (t % 10_000_000_000L) / 1e10);   // 0.1 Hz sine
        try {
            pv.post(new PvValue.DoubleValue(value), t, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        } catch (IllegalStateException closed) {
            // the PV was withdrawn while this post was due: nothing to do
        }
    }

    private static long jitter(double jitterMs, List<DemoPvDefinition> pvs) {
        long shortest = pvs.stream().mapToLong(DemoPvDefinition::periodNanos).min().orElse(Long.MAX_VALUE);
        long j = Math.round(jitterMs * 1e6);
        if (!(jitterMs >= 0) || j > shortest / 4) {
            throw new IllegalArgumentException("jitterMs must be 0.." + shortest / 4 / 1e6 + " (a quarter of the shortest period), got " + jitterMs);
        }
        return j;
    }
}
