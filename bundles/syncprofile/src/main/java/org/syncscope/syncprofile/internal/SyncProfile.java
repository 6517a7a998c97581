package org.syncscope.syncprofile.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PvListener;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvSource;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.time.EpicsTime;

/**
 * One sync profile: monitors its PVs, keeps a {@code FrequencyTracker} per PV and a
 * {@code PairDiffTracker} per pair, and publishes their statistics. Every state change runs on
 * the profile's single executor, so the statistics are deterministic and need no locks;
 * monitor callbacks only hand updates over.
 */
public final class SyncProfile implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyncProfile.class);

    private final String name;
    private final PvSource source;
    private final PvPublisher publisher;
    private final Executor executor;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong pending = new AtomicLong();
    private final Map<String, InputPv> inputs = new LinkedHashMap<>();
    private final Map<String, PairOutputs> pairs = new LinkedHashMap<>();
    private ProfileSettings settings;
    private ScheduledFuture<?> flusher;
    private volatile LongConsumer latencyObserver = t -> { };

    /**
     * @param executor  runs all profile work, one task at a time, in order
     * @param scheduler runs the publish-rate flush; must execute on the same single thread as
     *                  {@code executor} (null: no rate-limited publishing, for tests)
     */
    public SyncProfile(String name, ProfileSettings settings, PvSource source, PvPublisher publisher, Executor executor,
                       ScheduledExecutorService scheduler) {
        this.name = name;
        this.source = source;
        this.publisher = publisher;
        this.executor = executor;
        this.scheduler = scheduler;
        onProfileThread(() -> {
            applyNow(settings);
            return null;
        });
    }

    public String name() {
        return name;
    }

    public ProfileSettings settings() {
        return onProfileThread(() -> settings);
    }

    /**
     * Applies new settings live: added PVs start, removed PVs and their pairs disappear, the rest
     * keep their statistics (a new window or timestamp mode restarts all statistics; a new prefix
     * renames the outputs). All or nothing: if an output cannot be published, nothing changes.
     *
     * @throws IllegalArgumentException naming what was refused; the profile is unchanged
     */
    public void apply(ProfileSettings next) {
        onProfileThread(() -> {
            applyNow(next);
            return null;
        });
    }

    /** Updates handed over but not processed yet (the profile's queue). */
    public long pendingUpdates() {
        return pending.get();
    }

    /** Told, for each processed update, the ns from its source timestamp to the end of its posts. */
    public void setLatencyObserver(LongConsumer observer) {
        latencyObserver = observer;
    }

    /** A snapshot for the console. */
    public ProfileStatus status() {
        return onProfileThread(() -> {
            List<ProfileStatus.Input> in = new ArrayList<>();
            for (InputPv i : inputs.values()) {
                in.add(new ProfileStatus.Input(i.name, i.connected, i.updates, i.frequency.rejected() + i.rejectedTimes,
                        i.frequency.instant(), i.frequency.stats()));
            }
            List<ProfileStatus.Pair> pr = new ArrayList<>();
            for (PairOutputs p : pairs.values()) {
                pr.add(new ProfileStatus.Pair(p.key(), p.bothConnected(), p.diff.current(), p.diff.stats()));
            }
            return new ProfileStatus(name, settings, in, pr);
        });
    }

    /** Posts every output changed since its last post (the publish-rate tick). */
    void flushAll() {
        for (InputPv i : inputs.values()) {
            i.outputs.all().forEach(OutputPv::flush);
        }
        for (PairOutputs p : pairs.values()) {
            p.outputs.all().forEach(OutputPv::flush);
        }
    }

    @Override
    public void close() {
        onProfileThread(() -> {
            stopFlusher();
            for (InputPv i : inputs.values()) {
                retire(i);
            }
            pairs.values().forEach(p -> p.outputs.all().forEach(OutputPv::close));
            inputs.clear();
            pairs.clear();
            return null;
        });
    }

    // --- on the profile thread ---

    private void applyNow(ProfileSettings next) {
        boolean restart = settings == null || next.window() != settings.window() || next.mode() != settings.mode();
        boolean rename = settings != null && !next.prefix().equals(settings.prefix());
        OutputFactory outputs = new OutputFactory(publisher);
        Map<String, InputPv> nextInputs = new LinkedHashMap<>();
        Map<String, PairOutputs> nextPairs = new LinkedHashMap<>();
        Map<Object, Object> renamed = new LinkedHashMap<>();   // kept object -> its new Outputs
        List<InputPv> started = new ArrayList<>();
        try {
            for (String pv : next.pvs()) {
                InputPv kept = restart ? null : inputs.get(pv);
                if (kept != null) {
                    nextInputs.put(pv, kept);
                    if (rename) {
                        renamed.put(kept, new InputPv.Outputs(outputs, next.prefix() + pv));
                    }
                } else {
                    InputPv in = new InputPv(pv, next.window());
                    in.outputs = new InputPv.Outputs(outputs, next.prefix() + pv);
                    nextInputs.put(pv, in);
                    started.add(in);
                }
            }
            List<String> order = next.pvs();
            for (int i = 0; i < order.size(); i++) {
                for (int j = i + 1; j < order.size(); j++) {
                    String key = PairOutputs.key(order.get(i), order.get(j));
                    PairOutputs kept = restart ? null : pairs.get(key);
                    if (kept != null) {
                        nextPairs.put(key, kept);
                        if (rename) {
                            renamed.put(kept, new PairOutputs.Outputs(outputs, next.prefix() + key));
                        }
                    } else {
                        PairOutputs p = new PairOutputs(nextInputs.get(order.get(i)), nextInputs.get(order.get(j)),
                                next.window());
                        p.outputs = new PairOutputs.Outputs(outputs, next.prefix() + key);
                        nextPairs.put(key, p);
                    }
                }
            }
        } catch (RuntimeException refused) {
            outputs.rollback();
            throw new IllegalArgumentException("profile " + name + ": " + refused.getMessage(), refused);
        }

        // Commit: nothing below can be refused.
        for (Map.Entry<Object, Object> r : renamed.entrySet()) {
            if (r.getKey() instanceof InputPv in) {
                InputPv.Outputs fresh = (InputPv.Outputs) r.getValue();
                takeOver(fresh.all(), in.outputs.all());
                in.outputs = fresh;
            } else {
                PairOutputs p = (PairOutputs) r.getKey();
                PairOutputs.Outputs fresh = (PairOutputs.Outputs) r.getValue();
                takeOver(fresh.all(), p.outputs.all());
                p.outputs = fresh;
            }
        }
        for (PairOutputs old : pairs.values()) {
            if (nextPairs.get(old.key()) != old) {
                old.outputs.all().forEach(OutputPv::close);
            }
        }
        for (InputPv old : inputs.values()) {
            if (nextInputs.get(old.name) != old) {
                retire(old);
            }
        }
        inputs.clear();
        inputs.putAll(nextInputs);
        pairs.clear();
        pairs.putAll(nextPairs);
        for (InputPv in : inputs.values()) {
            in.pairs.clear();
        }
        for (PairOutputs p : pairs.values()) {
            p.a.pairs.add(p);
            p.b.pairs.add(p);
        }
        settings = next;
        started.forEach(this::subscribe);
        restartFlusher();
        LOG.info("sync profile {}: {} PVs, {} pairs, window {}, timestamp {}{}", name, inputs.size(), pairs.size(),
                next.window(), next.mode().name().toLowerCase(), next.prefix().isEmpty() ? "" : ", prefix " + next.prefix());
    }

    private static void takeOver(List<OutputPv> fresh, List<OutputPv> old) {
        for (int k = 0; k < fresh.size(); k++) {
            fresh.get(k).takeOver(old.get(k));
            old.get(k).close();
        }
    }

    private void subscribe(InputPv in) {
        try {
            in.subscription = source.subscribe(in.name, new PvListener() {
                @Override
                public void onUpdate(PvUpdate update) {
                    pending.incrementAndGet();
                    executor.execute(() -> {
                        pending.decrementAndGet();
                        process(in, update);
                    });
                }

                @Override
                public void onConnectionChanged(String pvName, boolean connected) {
                    executor.execute(() -> connection(in, connected));
                }
            });
        } catch (RuntimeException e) {
            LOG.error("sync profile {}: cannot monitor {}: {}", name, in.name, e.getMessage());
        }
    }

    private void retire(InputPv in) {
        in.closed = true;
        if (in.subscription != null) {
            in.subscription.close();
        }
        in.outputs.all().forEach(OutputPv::close);
    }

    private void process(InputPv in, PvUpdate u) {
        if (in.closed) {
            return;
        }
        // A record that never processed (UDF) has no meaningful time: it is not an update.
        OptionalLong t = u.status() == AlarmStatus.UDF ? OptionalLong.empty() : settings.mode().timeOf(u);
        if (t.isEmpty()) {
            in.rejectedTimes++;
            return;
        }
        long time = t.getAsLong();
        // Outputs carry the update's time; a VALUE-mode time outside EPICS's range cannot be served.
        long postTime = time >= EpicsTime.MIN_UNIX_NANOS && time <= EpicsTime.MAX_UNIX_NANOS ? time : u.receiveTimeNanos();
        boolean immediate = settings.publishRateHz() == 0;
        long rejectedBefore = in.frequency.rejected();
        boolean sample = in.frequency.update(time);
        if (in.frequency.rejected() != rejectedBefore) {
            return;   // repeated or reordered update: not a sample for anyone
        }
        in.updates++;
        if (sample) {
            in.outputs.set(in.frequency.instant(), in.frequency.stats(), postTime, immediate);
        }
        for (PairOutputs p : in.pairs) {
            boolean pairSample = p.a == in ? p.diff.updateA(time) : p.diff.updateB(time);
            if (p.diff.hasCurrent()) {
                p.outputs.current.set(p.diff.current(), postTime, immediate);
            }
            if (pairSample) {
                p.outputs.setStats(p.diff.stats(), postTime, immediate);
            }
        }
        latencyObserver.accept(nowNanos() - u.sourceTimeNanos());
    }

    private void connection(InputPv in, boolean connected) {
        if (in.closed || in.connected == connected) {
            return;
        }
        in.connected = connected;
        long now = nowNanos();
        in.outputs.all().forEach(o -> o.setValid(connected, now));
        for (PairOutputs p : in.pairs) {
            boolean valid = p.bothConnected();
            p.outputs.all().forEach(o -> o.setValid(valid, now));
        }
        if (!connected) {
            LOG.warn("sync profile {}: {} disconnected; its outputs are INVALID until it returns", name, in.name);
        }
    }

    private void restartFlusher() {
        stopFlusher();
        if (scheduler != null && settings.publishRateHz() > 0) {
            long period = Math.max(1, Math.round(1e9 / settings.publishRateHz()));
            flusher = scheduler.scheduleAtFixedRate(this::flushAll, period, period, TimeUnit.NANOSECONDS);
        }
    }

    private void stopFlusher() {
        if (flusher != null) {
            flusher.cancel(false);
            flusher = null;
        }
    }

    private <T> T onProfileThread(Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        executor.execute(task);
        try {
            return task.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("sync profile " + name + " did not answer within 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for sync profile " + name, e);
        }
    }

    static long nowNanos() {
        return EpicsTime.unixNanos(Instant.now());
    }
}
