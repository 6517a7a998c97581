package org.syncscope.demo.internal;

import org.syncscope.api.time.EpicsTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * jitter), so rates do not drift. One daemon thread; a config change restarts the component. The
 * Channel Access server may be redeployed under it: the PVs come back on the new one and the
 * grid goes on.
 */
@Component(configurationPid = DemoConfig.PID, immediate = true)
@Designate(ocd = DemoConfig.class)
public final class DemoIoc {

    private static final Logger LOG = LoggerFactory.getLogger(DemoIoc.class);

    private final ScheduledExecutorService timer;
    private final List<PublishedPv> published = new ArrayList<>();
    private final long jitterNanos;
    private final SplittableRandom random = new SplittableRandom();
    private final long startNanos = System.nanoTime();
    private final RebindingPublisher publisher = new RebindingPublisher("demo IOC");

    @Activate
    public DemoIoc(DemoConfig config) {
        List<DemoPvDefinition> pvs = DemoPvDefinition.parseAll(config.pvs());
        jitterNanos = jitter(config.jitterMs(), pvs);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "syncscope-demo-ioc");
            t.setDaemon(true);
            return t;
        });
        try {
            for (DemoPvDefinition d : pvs) {
                PublishedPv pv = publisher.publish(PvSpec.ofDouble(d.name(), "", 4,
                        "demo sine wave at " + d.rateHz() + " Hz, phase " + d.phaseMs() + " ms"));
                published.add(pv);
                schedule(pv, d.phaseNanos(), d.periodNanos(), 0);
            }
        } catch (RuntimeException e) {
            deactivate();
            throw e;
        }
        LOG.info("demo IOC publishing {} (jitter ±{} ms)", pvs, config.jitterMs());
    }

    @Reference(name = "publisher", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindPublisher")
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
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("demo IOC thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        published.forEach(PublishedPv::close);
        published.clear();
    }

    private void schedule(PublishedPv pv, long phase, long period, long slot) {
        // A late post (a busy machine at boot) skips the slots it missed instead of bursting.
        long behind = System.nanoTime() - (startNanos + phase + slot * period);
        long k = behind > period / 2 ? slot + (behind + period / 2) / period : slot;
        long ideal = startNanos + phase + k * period;
        long offset = jitterNanos == 0 ? 0 : random.nextLong(-jitterNanos, jitterNanos + 1);
        long delay = Math.max(0, ideal + offset - System.nanoTime());
        timer.schedule(() -> {
            post(pv);
            schedule(pv, phase, period, k + 1);
        }, delay, TimeUnit.NANOSECONDS);
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
