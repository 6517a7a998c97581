package org.syncscope.syncprofile.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvCatalog;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvReading;
import org.syncscope.api.pv.PvSource;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.PvValue;
import org.syncscope.api.pv.Subscription;
import org.syncscope.api.time.EpicsTime;
import org.syncscope.stats.Stats;
import org.syncscope.syncprofile.ProfileStatus;
import org.syncscope.syncprofile.ProfileSummary;

/**
 * One sync profile: monitors its PVs, keeps a {@code FrequencyTracker} per PV and its pairs'
 * statistics in a {@link PairSet}, and serves them as a {@link PvCatalog}: an output PV exists for
 * clients when they search for it, and is posted to only while some client has it open. Every
 * state change runs on the profile's {@link ProfileLane}, so the statistics are deterministic and
 * need no locks; monitor callbacks only hand updates over, and the CA server's threads read only
 * the immutable {@link OutputNames} (or wait for the lane). The source and the publisher may come
 * and go (a redeploy of the CA client or server): the statistics stay, outputs are served again
 * and inputs subscribed again when they return.
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
    /** The inputs by index (their position in {@code pvs}). */
    private InputPv[] byIndex = new InputPv[0];
    private PairPartitions pairs;
    /** Numbers every update that reaches the pairs and every restart of an input's pairing, in order. */
    private long seq;
    /** Read by the CA server's threads for searches; replaced whole on the lane. */
    private volatile OutputNames names;
    private final Catalog catalog = new Catalog();
    private PvCatalog.Served served;
    private PvSource source;
    private PvPublisher publisher;
    private ProfileSettings settings;
    private ProfileLane.Tick flusher;
    private StatusOutputs statusOutputs;
    private SummaryOutputs summaryOutputs;
    private TableOutput tableOutput;
    private final LatencyHistogram latency = new LatencyHistogram();
    private long processed;
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
                summaryOutputs = new SummaryOutputs(name, publisher);
                tableOutput = new TableOutput(name, publisher);
                serveOutputs();
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
        return status(Integer.MAX_VALUE);
    }

    /** A snapshot with the first {@code maxPairs} pairs only. */
    public ProfileStatus status(int maxPairs) {
        return onProfileThread(() -> {
            List<ProfileStatus.Input> in = new ArrayList<>();
            for (InputPv i : inputs.values()) {
                Stats s = i.frequency.stats();
                in.add(new ProfileStatus.Input(i.name, i.connected, i.updates, i.frequency.rejected() + i.rejectedTimes,
                        i.frequency.instant(), s.count(), s.mean(), s.min(), s.max(), s.std()));
            }
            List<ProfileStatus.Pair> pr = new ArrayList<>();
            for (int p = 0, n = Math.min(pairs.size(), maxPairs); p < n; p++) {
                boolean both = byIndex[pairs.layout.a(p)].connected && byIndex[pairs.layout.b(p)].connected;
                Stats s = pairs.stats(p);
                pr.add(new ProfileStatus.Pair(names.pairKey(p), both, pairs.latestSample(p), s.count(), s.mean(),
                        s.min(), s.max(), s.std()));
            }
            return new ProfileStatus(name, settings.window(), settings.mode().label(), in, pr, lane.queued(),
                    lane.capacity(), lane.dropped(), source != null, publisher != null);
        });
    }

    /** Settings and queue for the console's list; no statistics, so cheap for any number of PVs. */
    public ProfileSummary summary() {
        ProfileSettings s = settings();
        return new ProfileSummary(name, s.pvs().size(), s.pairCount(), s.pairing().label(), s.window(), s.mode().label(), s.prefix(),
                s.publishRateHz(), lane.queued(), lane.capacity(), lane.dropped());
    }

    /** Posts every output changed since its last post (the publish-rate tick). */
    void flushAll() {
        for (InputPv i : inputs.values()) {
            if (i.dirty) {
                i.dirty = false;
                postOpen(i);
            }
        }
        pairs.flush();
    }

    /** Updates processed (taken off the queue and handled) since the profile started. */
    public long processedUpdates() {
        return onProfileThread(() -> processed);
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
        withdrawOutputs();
        if (pairs != null) {
            pairs.stop();
        }
        inputs.clear();
        if (statusOutputs != null) {
            statusOutputs.close();
        }
        if (summaryOutputs != null) {
            summaryOutputs.close();
        }
        if (tableOutput != null) {
            tableOutput.close();
        }
    }

    private void applyNow(ProfileSettings next) {
        boolean restart = settings == null || next.window() != settings.window() || next.mode() != settings.mode();
        boolean rename = settings != null && !next.prefix().equals(settings.prefix());
        PairLayout layout;
        OutputNames nextNames;
        PairPartitions nextPairs;
        try {
            layout = next.pairing().layout(next.pvs());
            nextNames = new OutputNames(next.prefix(), next.pvs(), layout);
            nextNames.validate();
            nextPairs = new PairPartitions(name, layout, next.pvs().size(), next.window(), next.pairThreads());
        } catch (RuntimeException refused) {
            throw new IllegalArgumentException("profile " + name + ": " + refused.getMessage(), refused);
        }

        // Commit: nothing below can be refused.
        if (settings != null) {
            lane.discardQueued();   // updates queued under the old settings: an edit does not wait for them
        }
        Map<String, InputPv> nextInputs = new LinkedHashMap<>();
        List<InputPv> started = new ArrayList<>();
        for (String pv : next.pvs()) {
            InputPv old = inputs.get(pv);
            if (old != null && !restart) {
                nextInputs.put(pv, old);
                continue;
            }
            InputPv in = new InputPv(pv, next.window());
            if (old != null) {
                // A restart (new window or mode) keeps the output PVs, names and all: clients stay connected.
                in.freezeFrom(old);
                in.connected = old.connected;
                in.open = old.open;
                old.open = null;   // handed over: retiring the old input must not withdraw them
            }
            nextInputs.put(pv, in);
            started.add(in);
        }
        nextPairs.startPairingAfter(seq);
        if (pairs != null) {
            Map<String, Integer> oldIndex = new java.util.HashMap<>();
            for (int i = 0; i < byIndex.length; i++) {
                oldIndex.put(byIndex[i].name, i);
            }
            List<String> order = next.pvs();
            for (int p = 0, n = layout.size(); p < n; p++) {
                Integer a = oldIndex.get(order.get(layout.a(p)));
                Integer b = oldIndex.get(order.get(layout.b(p)));
                int from = a == null || b == null || a > b ? -1 : pairs.layout.indexOf(a, b);
                if (from >= 0) {
                    nextPairs.takeOver(pairs, from, p, restart);
                }
            }
            pairs.closeAll();   // what was not taken over: pairs gone
            pairs.stop();
        }
        for (InputPv old : inputs.values()) {
            if (nextInputs.get(old.name) != old) {
                retire(old);
            }
        }
        InputPv[] nextByIndex = new InputPv[next.pvs().size()];
        int k = 0;
        for (InputPv in : nextInputs.values()) {
            if (pairs != null && !restart && in.index < byIndex.length && byIndex[in.index] == in) {
                nextPairs.takeInputOver(pairs, in.index, k);   // a kept input keeps its unused update
            }
            in.index = k;
            nextByIndex[k++] = in;
        }
        inputs.clear();
        inputs.putAll(nextInputs);
        byIndex = nextByIndex;
        pairs = nextPairs;
        settings = next;
        names = nextNames;
        if (rename) {
            // new names: clients of the old ones see them go, and find the new ones with the values kept
            inputs.values().forEach(this::closeOpen);
            pairs.closeAll();
        }
        if (served != null) {
            try {
                served.namesChanged();
            } catch (RuntimeException e) {
                failures.failed("serving the outputs of the new settings", e.getMessage(), null, System.nanoTime());
            }
        }
        started.forEach(this::subscribe);
        restartFlusher();
        LOG.info("sync profile {}: {} PVs, {} pairs ({}{}), window {}, timestamp {}{}", name, inputs.size(), pairs.size(),
                next.pairing().label(), pairs.partitions() > 1 ? ", on " + pairs.partitions() + " threads" : "",
                next.window(), next.mode().name().toLowerCase(),
                next.prefix().isEmpty() ? "" : ", prefix " + next.prefix());
    }

    /** Serves the outputs through the publisher there is, if any. */
    private void serveOutputs() {
        if (publisher != null && !closed) {
            served = publisher.serve(catalog);
        }
    }

    /** Stops serving the outputs: every open one is closed (clients see them go). */
    private void withdrawOutputs() {
        if (served != null) {
            PvCatalog.Served s = served;
            served = null;
            try {
                s.close();
            } catch (RuntimeException gone) {
                // the publisher went away first and withdrew them itself
            }
        }
        inputs.values().forEach(this::closeOpen);
        if (pairs != null) {
            pairs.closeAll();
        }
    }

    private void closeOpen(InputPv in) {
        if (in.open != null) {
            in.open.closeAll();
            in.open = null;
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
        closeOpen(in);
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
        withdrawOutputs();
        publisher = next;
        if (next != null) {
            try {
                serveOutputs();
            } catch (RuntimeException e) {
                failures.failed("serving the outputs again", e.getMessage(), null, System.nanoTime());
            }
        }
        statusOutputs.attach(next);
        summaryOutputs.attach(next);
        tableOutput.attach(next);
        statusTick();
        if (next != null) {
            LOG.info("sync profile {}: outputs served again with their values", name);
        }
    }

    private void process(InputPv.Connection from, PvUpdate u) {
        processed++;
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
        if (sample) {
            in.stamp = Math.max(in.stamp, postTime);
            in.invalid = false;
            in.hasValue = true;
            in.frozen = null;
            if (in.open != null) {
                if (immediate) {
                    postOpen(in);
                } else {
                    in.dirty = true;
                }
            }
        }
        pairs.update(in.index, ++seq, time, postTime, immediate);
        long late = nowNanos() - u.sourceTimeNanos();
        latency.record(late);
        latencyObserver.accept(late);
    }

    /** Posts an input's open outputs with its values, stamp and validity. */
    private void postOpen(InputPv in) {
        if (in.open == null || !in.hasValue) {
            return;
        }
        for (int slot = 0; slot < OutputField.PER_GROUP; slot++) {
            PublishedPv pv = in.open.pvs[slot];
            if (pv != null) {
                OpenOutputs.post(pv, in.value(slot), in.stamp, !in.invalid);
            }
        }
    }

    private void connection(InputPv.Connection changed) {
        InputPv in = changed.listener.input;
        if (in.closed || in.listener != changed.listener) {
            return;
        }
        in.connection = changed;
        // Whether it connected or lost its server, nothing before this counts in a new sample.
        in.frequency.restart();
        pairs.restartPairsOf(in.index, ++seq);
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
        if (!in.invalid) {
            in.invalid = true;
            if (in.hasValue) {
                in.stamp++;   // 1 ns after the last: a distinct sample for archivers, no wall clock
                postOpen(in);
                in.dirty = false;
            }
        }
        pairs.restartPairsOf(in.index, ++seq);
        pairs.invalidatePairsOf(in.index);
        LOG.warn("sync profile {}: {} disconnected; its outputs are INVALID until it returns", name, in.name);
    }

    /** Once a second: the health PVs and the worst pairs; one log line per minute at most while updates are dropped. */
    private void statusTick() {
        long dropped = lane.dropped();
        if (dropped != droppedSeen) {
            failures.warn("queue full", "queue of " + lane.capacity() + " updates full, " + (dropped - droppedSeen)
                    + " updates dropped (" + dropped + " in all; syncprofile:status " + name + ")");
            droppedSeen = dropped;
        }
        long now = nowNanos();
        statusOutputs.post(lane.queued(), dropped, processed, latency, now);
        latency.reset();
        summaryOutputs.post(pairs, names, now);
        tableOutput.post(byIndex, pairs, names, now);
    }

    // --- the outputs as a catalog: the CA server's threads call in ---

    /** Runs {@code work} on the lane, directly when already there (an eager publisher opens from the lane). */
    private <T> T onLane(Callable<T> work) {
        if (lane.isLaneThread()) {
            try {
                return work.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return onProfileThread(work);
    }

    private final class Catalog implements PvCatalog {

        @Override
        public PvSpec find(String pvName) {
            OutputNames n = names;
            OutputNames.Resolved r = n == null || closed ? null : n.resolve(pvName);
            return r == null ? null : r.field().spec(pvName);
        }

        @Override
        public Iterable<String> names() {
            OutputNames n = names;
            return n == null ? List.of() : n.all();
        }

        @Override
        public void open(PublishedPv pv) {
            if (closed) {   // its lane may have ended: answer at once
                throw new IllegalArgumentException("sync profile " + name + " is closed: no output " + pv.spec().name());
            }
            onLane(() -> {
                OutputNames.Resolved r = closed ? null : names.resolve(pv.spec().name());
                if (r == null) {
                    throw new IllegalArgumentException("sync profile " + name + " has no output " + pv.spec().name());
                }
                int slot = r.field().slot();
                if (r.pair()) {
                    pairs.open(r.index(), slot, pv);
                } else {
                    InputPv in = byIndex[r.index()];
                    if (in.open == null) {
                        in.open = new OpenOutputs();
                    }
                    if (in.open.pvs[slot] != null && in.open.pvs[slot] != pv) {
                        in.open.pvs[slot].close();
                    }
                    in.open.pvs[slot] = pv;
                    if (in.hasValue) {
                        OpenOutputs.post(pv, in.value(slot), in.stamp, !in.invalid);
                    }
                }
                return null;
            });
        }

        @Override
        public void closed(PublishedPv pv) {
            Runnable forget = () -> {
                OutputNames n = names;
                OutputNames.Resolved r = n == null ? null : n.resolve(pv.spec().name());
                if (r == null) {
                    return;
                }
                int slot = r.field().slot();
                if (r.pair()) {
                    pairs.closed(r.index(), slot, pv);
                } else {
                    InputPv in = byIndex[r.index()];
                    if (in.open != null && in.open.pvs[slot] == pv) {
                        in.open.pvs[slot] = null;
                        if (in.open.isEmpty()) {
                            in.open = null;
                        }
                    }
                }
            };
            if (lane.isLaneThread()) {
                forget.run();
            } else {
                lane.execute(forget);
            }
        }

        @Override
        public List<PvReading> read(List<String> pvNames) {
            if (closed) {   // its lane may have ended: answer at once, as for names it no longer has
                return Collections.nCopies(pvNames.size(), null);
            }
            return onLane(() -> {
                List<PvReading> out = new ArrayList<>(pvNames.size());
                for (String n : pvNames) {
                    OutputNames.Resolved r = names.resolve(n);
                    if (r == null) {
                        out.add(null);
                        continue;
                    }
                    int slot = r.field().slot();
                    boolean has = r.pair() ? pairs.hasValue(r.index()) : byIndex[r.index()].hasValue;
                    boolean valid = r.pair() ? pairs.valid(r.index()) : !byIndex[r.index()].invalid;
                    if (!has) {
                        out.add(new PvReading(null, 0, AlarmSeverity.INVALID, AlarmStatus.UDF));
                        continue;
                    }
                    double v = r.pair() ? pairs.value(r.index(), slot) : byIndex[r.index()].value(slot);
                    long stamp = r.pair() ? pairs.stamp(r.index()) : byIndex[r.index()].stamp;
                    out.add(new PvReading(new PvValue.DoubleValue(v), stamp,
                            valid ? AlarmSeverity.NO_ALARM : AlarmSeverity.INVALID,
                            valid ? AlarmStatus.NO_ALARM : AlarmStatus.COMM));
                }
                return out;
            });
        }
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
