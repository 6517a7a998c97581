package org.syncscope.demo.internal;

import org.syncscope.api.time.EpicsTime;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * jitter), so rates do not drift. One daemon thread. A config change touches only the PVs it
 * changes: a PV added is published, one removed is withdrawn, one whose rate or phase changed is
 * published anew, and every other PV goes on without a gap (a bad change is refused with one ERROR
 * line and the previous PVs go on). The Channel Access server may be
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
    private final Map<String, Running> running = new LinkedHashMap<>();
    private Plan plan;
    private volatile String refusal = "";

    /** One PV being posted and its post chain, which stops rescheduling itself once {@code stopped}. */
    private static final class Running {
        final DemoPvDefinition definition;
        final PublishedPv pv;
        final AtomicBoolean stopped = new AtomicBoolean();

        Running(DemoPvDefinition definition, PublishedPv pv) {
            this.definition = definition;
            this.pv = pv;
        }
    }

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

    /** Moves from the running PVs to {@code p}'s: only those added, removed or changed are touched. */
    private synchronized void start(Plan p) {
        boolean newJitter = plan == null || plan.jitterNanos() != p.jitterNanos();
        Map<String, DemoPvDefinition> wanted = new LinkedHashMap<>();
        p.pvs().forEach(d -> wanted.put(d.name(), d));
        for (Iterator<Map.Entry<String, Running>> it = running.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Running> e = it.next();
            Running r = e.getValue();
            if (!r.definition.equals(wanted.get(e.getKey()))) {
                r.stopped.set(true);
                r.pv.close();
                it.remove();
            } else if (newJitter) {
                // same PV, new jitter: a new post chain on it, no gap for its clients
                r.stopped.set(true);
                Running again = new Running(r.definition, r.pv);
                e.setValue(again);
                schedule(again, 0, p.jitterNanos());
            }
        }
        try {
            for (DemoPvDefinition d : p.pvs()) {
                if (!running.containsKey(d.name())) {
                    PublishedPv pv = publisher.publish(PvSpec.ofDouble(d.name(), "", 4,
                            "demo sine wave at " + d.rateHz() + " Hz, phase " + d.phaseMs() + " ms"));
                    Running r = new Running(d, pv);
                    running.put(d.name(), r);
                    schedule(r, 0, p.jitterNanos());
                }
            }
        } catch (RuntimeException e) {
            LOG.error("demo IOC: cannot publish {}: {}", p.pvs(), e.getMessage());
            stopPosting();
            return;
        }
        plan = p;
        LOG.info("demo IOC publishing {} (jitter ±{} ms)", p.pvs(), p.jitterMs());
    }

    /** Stops every post chain and withdraws every PV. */
    private synchronized void stopPosting() {
        running.values().forEach(r -> {
            r.stopped.set(true);
            r.pv.close();
        });
        running.clear();
        plan = null;
    }

    /** Why the configuration or its last change was refused; empty when it was not. */
    String refusal() {
        return refusal;
    }

    synchronized List<String> publishedNames() {
        return running.values().stream().map(r -> r.pv.spec().name()).toList();
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

    private void schedule(Running r, long slot, long jitterNanos) {
        long phase = r.definition.phaseNanos();
        long period = r.definition.periodNanos();
        // A late post (a busy machine at boot) skips the slots it missed instead of bursting.
        long behind = System.nanoTime() - (startNanos + phase + slot * period);
        long k = behind > period / 2 ? slot + (behind + period / 2) / period : slot;
        long ideal = startNanos + phase + k * period;
        long offset = jitterNanos == 0 ? 0 : ThreadLocalRandom.current().nextLong(-jitterNanos, jitterNanos + 1);
        long delay = Math.max(0, ideal + offset - System.nanoTime());
        try {
            timer.schedule(() -> {
                if (r.stopped.get()) {
                    return;   // withdrawn, or replaced by a new chain
                }
                post(r.pv);
                schedule(r, k + 1, jitterNanos);
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
