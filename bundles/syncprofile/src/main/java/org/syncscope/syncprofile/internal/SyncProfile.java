package org.syncscope.syncprofile.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvSource;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.Subscription;
import org.syncscope.api.time.EpicsTime;
import org.syncscope.stats.Stats;
import org.syncscope.syncprofile.ProfileStatus;
import org.syncscope.syncprofile.ProfileSummary;

/**
 * One sync profile: monitors its PVs, keeps a {@code FrequencyTracker} per PV and a
 * {@code PairDiffTracker} per pair, and publishes their statistics. Every state change runs on
 * the profile's {@link ProfileLane}, so the statistics are deterministic and need no locks;
 * monitor callbacks only hand updates over. The source and the publisher may come and go (a
 * redeploy of the CA client or server): the statistics stay, outputs are published again and
 * inputs subscribed again when they return.
 */
public final class SyncProfile implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyncProfile.class);
    /** Console calls and edits wait this long for the profile's thread; it answers between two updates. */
    static final long ANSWER_MILLIS = 5_000;
    static final long STATUS_PERIOD_NANOS = 1_000_000_000L;

    private final String name;
    private final ProfileLane lane;
    private final FailureLog failures;
    private final Map<String, InputPv> inputs = new LinkedHashMap<>();
    private final Map<String, PairOutputs> pairs = new LinkedHashMap<>();
    private PvSource source;
    private PvPublisher publisher;
    private ProfileSettings settings;
    private ProfileLane.Tick flusher;
    private StatusOutputs statusOutputs;
    private long droppedSeen;
    private volatile boolean closed;
    private volatile LongConsumer latencyObserver = t -> { };

    /**
     * @param source    where inputs are read; null until one is bound
     * @param publisher where outputs are served; null until one is bound
     * @param lane      runs all profile work, one task at a time
     */
    public SyncProfile(String name, ProfileSettings settings, PvSource source, PvPublisher publisher, ProfileLane lane) {
        this.name = name;
        this.lane = lane;
        this.source = source;
        this.publisher = publisher;
        this.failures = new FailureLog(LOG, "sync profile " + name);
        lane.start((from, update) -> process(from, update));
        try {
            onProfileThread(() -> {
                applyNow(settings);
                statusOutputs = new StatusOutputs(name, publisher);
                statusTick();   // served with a value from the start, never UDF
                return null;
            });
        } catch (RuntimeException e) {
            // Nothing of a profile that did not start may stay: its subscriptions and outputs go too.
            closed = true;
            try {
                onProfileThread(() -> {
                    tearDownNow();
                    return null;
                });
            } catch (RuntimeException late) {
                e.addSuppressed(late);
            } finally {
                lane.shutdown();
            }
            throw e;
        }
        lane.every(STATUS_PERIOD_NANOS, this::statusTick);
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
     * Updates queued under the old settings are dropped, so an edit never waits for a backlog.
     *
     * @throws IllegalArgumentException naming what was refused; the profile is unchanged
     */
    public void apply(ProfileSettings next) {
        onProfileThread(() -> {
            applyNow(next);
            return null;
        });
    }

    /** A (new) source to read from, or null when it went away; inputs are subscribed to it again. Does not block. */
    public void setSource(PvSource next) {
        lane.execute(() -> swapSource(next));
    }

    /** Forgets {@code gone} if it is the current source. Does not block. */
    public void sourceGone(PvSource gone) {
        lane.execute(() -> {
            if (source == gone) {
                swapSource(null);
            }
        });
    }

    /** A (new) publisher to serve outputs through, or null; outputs are published again with their values. Does not block. */
    public void setPublisher(PvPublisher next) {
        lane.execute(() -> swapPublisher(next));
    }

    /** Forgets {@code gone} if it is the current publisher. Does not block. */
    public void publisherGone(PvPublisher gone) {
        lane.execute(() -> {
            if (publisher == gone) {
                swapPublisher(null);
            }
        });
    }

    /** Updates handed over but not processed yet (the profile's queue). */
    public long pendingUpdates() {
        return lane.queued();
    }

    /** Updates dropped because the profile's queue was full. */
    public long droppedUpdates() {
        return lane.dropped();
    }

    /** The queue's bound. */
    public int queueCapacity() {
        return lane.capacity();
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
                Stats s = i.frequency.stats();
                in.add(new ProfileStatus.Input(i.name, i.connected, i.updates, i.frequency.rejected() + i.rejectedTimes,
                        i.frequency.instant(), s.count(), s.mean(), s.min(), s.max(), s.std()));
            }
            List<ProfileStatus.Pair> pr = new ArrayList<>();
            for (PairOutputs p : pairs.values()) {
                Stats s = p.diff.stats();
                pr.add(new ProfileStatus.Pair(p.key(), p.bothConnected(), p.diff.latestSample(), s.count(), s.mean(),
                        s.min(), s.max(), s.std()));
            }
            return new ProfileStatus(name, settings.window(), settings.mode().label(), in, pr, lane.queued(),
                    lane.capacity(), lane.dropped(), source != null, publisher != null);
        });
    }

    /** Settings and queue for the console's list; no statistics, so cheap for any number of PVs. */
    public ProfileSummary summary() {
        ProfileSettings s = settings();
        return new ProfileSummary(name, s.pvs().size(), s.pairCount(), s.window(), s.mode().label(), s.prefix(),
                s.publishRateHz(), lane.queued(), lane.capacity(), lane.dropped());
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

    /**
     * Stops the profile: queued updates are dropped, monitors closed and outputs withdrawn (their
     * clients see the disconnect), whatever the backlog; returns within {@link #ANSWER_MILLIS}.
     */
    @Override
    public void close() {
        closed = true;
        int discarded = lane.discardQueued();
        try {
            onProfileThread(() -> {
                tearDownNow();
                return null;
            });
        } finally {
            lane.shutdown();
        }
        if (discarded > 0) {
            LOG.info("sync profile {}: closed, {} queued updates dropped", name, discarded);
        }
    }

    // --- on the profile thread ---

    /** Unsubscribes every input and withdraws every output. */
    private void tearDownNow() {
        stopFlusher();
        for (InputPv i : inputs.values()) {
            retire(i);
        }
        pairs.values().forEach(p -> p.outputs.all().forEach(OutputPv::close));
        inputs.clear();
        pairs.clear();
        if (statusOutputs != null) {
            statusOutputs.close();
        }
    }

    private void applyNow(ProfileSettings next) {
        boolean restart = settings == null || next.window() != settings.window() || next.mode() != settings.mode();
        boolean rename = settings != null && !next.prefix().equals(settings.prefix());
        OutputFactory outputs = new OutputFactory(publisher);
        Map<String, InputPv> nextInputs = new LinkedHashMap<>();
        Map<String, PairOutputs> nextPairs = new LinkedHashMap<>();
        Map<Object, Object> renamed = new LinkedHashMap<>();   // kept object -> its new Outputs
        // A restart (new window or mode) keeps the output PVs, names and all: new trackers take the
        // old outputs over at commit, so no name is published twice and clients stay connected.
        Map<InputPv, InputPv> restartedInputs = new LinkedHashMap<>();   // new -> old
        Map<PairOutputs, PairOutputs> restartedPairs = new LinkedHashMap<>();
        List<InputPv> started = new ArrayList<>();
        try {
            for (String pv : next.pvs()) {
                InputPv old = inputs.get(pv);
                InputPv kept = restart ? null : old;
                if (kept != null) {
                    nextInputs.put(pv, kept);
                    if (rename) {
                        renamed.put(kept, new InputPv.Outputs(outputs, next.prefix() + pv));
                    }
                } else {
                    InputPv in = new InputPv(pv, next.window());
                    if (old != null && !rename) {
                        restartedInputs.put(in, old);
                    } else {
                        in.outputs = new InputPv.Outputs(outputs, next.prefix() + pv);
                    }
                    nextInputs.put(pv, in);
                    started.add(in);
                }
            }
            List<String> order = next.pvs();
            for (int i = 0; i < order.size(); i++) {
                for (int j = i + 1; j < order.size(); j++) {
                    String key = PairOutputs.key(order.get(i), order.get(j));
                    PairOutputs old = pairs.get(key);
                    PairOutputs kept = restart ? null : old;
                    if (kept != null) {
                        nextPairs.put(key, kept);
                        if (rename) {
                            renamed.put(kept, new PairOutputs.Outputs(outputs, next.prefix() + key));
                        }
                    } else {
                        PairOutputs p = new PairOutputs(nextInputs.get(order.get(i)), nextInputs.get(order.get(j)),
                                next.window());
                        if (old != null && !rename) {
                            restartedPairs.put(p, old);
                        } else {
                            p.outputs = new PairOutputs.Outputs(outputs, next.prefix() + key);
                        }
                        nextPairs.put(key, p);
                    }
                }
            }
        } catch (RuntimeException refused) {
            outputs.rollback();
            throw new IllegalArgumentException("profile " + name + ": " + refused.getMessage(), refused);
        }

        // Commit: nothing below can be refused.
        if (settings != null) {
            lane.discardQueued();   // updates queued under the old settings: an edit does not wait for them
        }
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
        for (Map.Entry<InputPv, InputPv> r : restartedInputs.entrySet()) {
            r.getKey().outputs = r.getValue().outputs;
            r.getKey().connected = r.getValue().connected;
            r.getValue().outputs = null;   // handed over: retiring the old input must not withdraw them
        }
        for (Map.Entry<PairOutputs, PairOutputs> r : restartedPairs.entrySet()) {
            r.getKey().outputs = r.getValue().outputs;
            r.getValue().outputs = null;
        }
        for (PairOutputs old : pairs.values()) {
            if (nextPairs.get(old.key()) != old && old.outputs != null) {
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
        if (source == null || closed) {
            return;
        }
        InputPv.Listener listener = new InputPv.Listener(in, lane, this::connection);
        in.listener = listener;
        in.connection = listener.initial;
        try {
            in.subscription = source.subscribe(in.name, listener);
        } catch (RuntimeException e) {
            LOG.error("sync profile {}: cannot monitor {}: {}", name, in.name, e.getMessage());
        }
    }

    private void unsubscribe(InputPv in) {
        in.listener = null;
        in.connection = null;
        if (in.subscription != null) {
            Subscription s = in.subscription;
            in.subscription = null;
            try {
                s.close();
            } catch (RuntimeException gone) {
                // the source went away first and closed it itself
            }
        }
    }

    private void retire(InputPv in) {
        in.closed = true;
        unsubscribe(in);
        if (in.outputs != null) {
            in.outputs.all().forEach(OutputPv::close);
        }
    }

    private void swapSource(PvSource next) {
        if (next == source || closed) {
            return;
        }
        for (InputPv in : inputs.values()) {
            unsubscribe(in);
            connectionOf(in, false);
        }
        source = next;
        if (next != null) {
            inputs.values().forEach(this::subscribe);
            LOG.info("sync profile {}: reading its {} PVs from a new source, statistics kept", name, inputs.size());
        } else {
            LOG.warn("sync profile {}: its PV source went away; outputs are INVALID until one returns", name);
        }
    }

    private void swapPublisher(PvPublisher next) {
        if (next == publisher || closed) {
            return;
        }
        publisher = next;
        int refused = 0;
        List<OutputPv> all = new ArrayList<>();
        inputs.values().forEach(i -> all.addAll(i.outputs.all()));
        pairs.values().forEach(p -> all.addAll(p.outputs.all()));
        for (OutputPv o : all) {
            if (next == null) {
                o.detach();
                continue;
            }
            try {
                o.attach(next);
            } catch (RuntimeException e) {
                refused++;
                failures.failed("publishing " + o.name() + " again", e.getMessage(), null, System.nanoTime());
            }
        }
        statusOutputs.attach(next);
        statusTick();
        if (next != null) {
            LOG.info("sync profile {}: {} outputs published again with their values{}", name, all.size() - refused,
                    refused == 0 ? "" : ", " + refused + " refused");
        }
    }

    private void process(InputPv.Connection from, PvUpdate u) {
        InputPv in = from.listener.input;
        if (in.closed || in.listener != from.listener || in.connection != from) {
            return;   // an update of a subscription closed since, or one that arrived before a later (dis)connect
        }
        if (!from.currentValueSeen) {
            // The first update of a connection is the channel's current value, stamped before it
            // connected (possibly long before): not a fresh update for frequency or pair samples.
            from.currentValueSeen = true;
            in.updates++;
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
        in.postTime = postTime;
        if (sample) {
            in.outputs.set(in.frequency.instant(), in.frequency.stats(), postTime, immediate);
        }
        for (PairOutputs p : in.pairs) {
            boolean pairSample = p.a == in ? p.diff.updateA(time) : p.diff.updateB(time);
            if (pairSample) {
                // stamped with the later of its two updates: the pair's samples are stamped in order
                p.outputs.set(p.diff.latestSample(), p.diff.stats(), Math.max(p.a.postTime, p.b.postTime), immediate);
            }
        }
        latencyObserver.accept(nowNanos() - u.sourceTimeNanos());
    }

    private void connection(InputPv.Connection changed) {
        InputPv in = changed.listener.input;
        if (in.closed || in.listener != changed.listener) {
            return;
        }
        in.connection = changed;
        // Whether it connected or lost its server, nothing before this counts in a new sample.
        in.frequency.restart();
        for (PairOutputs p : in.pairs) {
            p.diff.restart();
        }
        connectionOf(in, changed.connected);
    }

    /**
     * Outputs go INVALID at once when an input disconnects; they become valid again with their
     * next sample after it reconnects (posted with that sample's own time), not at the reconnect.
     */
    private void connectionOf(InputPv in, boolean connected) {
        if (in.closed || in.connected == connected) {
            return;
        }
        in.connected = connected;
        if (connected) {
            return;
        }
        in.frequency.restart();
        in.outputs.all().forEach(OutputPv::invalidate);
        for (PairOutputs p : in.pairs) {
            p.diff.restart();
            p.outputs.all().forEach(OutputPv::invalidate);
        }
        LOG.warn("sync profile {}: {} disconnected; its outputs are INVALID until it returns", name, in.name);
    }

    /** Once a second: the queue's PVs, and one log line per minute at most while updates are dropped. */
    private void statusTick() {
        long dropped = lane.dropped();
        if (dropped != droppedSeen) {
            failures.warn("queue full", "queue of " + lane.capacity() + " updates full, " + (dropped - droppedSeen)
                    + " updates dropped (" + dropped + " in all; syncprofile:status " + name + ")");
            droppedSeen = dropped;
        }
        statusOutputs.post(lane.queued(), dropped, nowNanos());
    }

    private void restartFlusher() {
        stopFlusher();
        if (settings.publishRateHz() > 0) {
            long period = Math.max(1, Math.round(1e9 / settings.publishRateHz()));
            flusher = lane.every(period, this::flushAll);
        }
    }

    private void stopFlusher() {
        if (flusher != null) {
            flusher.cancel();
            flusher = null;
        }
    }

    private <T> T onProfileThread(Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        lane.execute(task);
        try {
            return task.get(ANSWER_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("sync profile " + name + " did not answer within " + ANSWER_MILLIS + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for sync profile " + name, e);
        }
    }

    static long nowNanos() {
        return EpicsTime.unixNanos(Instant.now());
    }
}
