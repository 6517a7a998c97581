package org.syncscope.timeav.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.Registration;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.Limits;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvListener;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvSource;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvType;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.PvValue;
import org.syncscope.api.status.PvValueView;
import org.syncscope.rebind.RebindingPublisher;

/**
 * One TIMEAV device: {@code {name}} (the output, stamped at the compute), {@code {name}:Status}
 * and a writable {@code {name}:Reset}. Samples the latest value of its input PV at each sample
 * event and hands it to an {@link Averager}. Every event runs on one serial executor, so the
 * averager needs no locks.
 *
 * <p>An output whose value is not current is INVALID: UDF after a restart until the first new
 * average, CALC while the expression is refused (Status DAE_INVALID_SETTING), COMM from the
 * moment the input disconnects until the first average after it is back. An outage ends a diff's
 * or lifetime's collection, so no result spans it ({@link Averager#outage}). Every PV of the
 * device is stamped from one clock that never goes back.
 */
public final class TimeavDevice implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TimeavDevice.class);
    /** DBR_STRING holds 39 characters. */
    private static final int STATUS_LENGTH = 39;

    private final String name;
    private final PvSource source;
    private final PvPublisher publisher;
    private final EventSource events;
    private final Executor serial;
    private final PublishedPv status;
    private final PublishedPv reset;
    private final Runnable noticeOutage = this::noticeOutage;
    private volatile String expressionText;
    private volatile String statusText = "starting";
    private volatile String outputText = "none yet (published at the first average)";

    // --- touched by the serial executor only
    private final List<Registration> running = new ArrayList<>();
    private Averager averager;
    /** Published at the first average, on the device's thread; volatile for the status page's reads. */
    private volatile PublishedPv output;
    private PvValue lastOutput;
    private boolean arrayInput;
    private long lastStamp;
    private AlarmSeverity statusSeverity;
    private long lastSampledSequence;
    /** The disconnect count the collection started from: a higher one ends it. */
    private long segment;
    private boolean inputDown;

    // --- written by the source's thread (one call at a time per subscription)
    private volatile PvUpdate latest;
    /** Updates that are changes, for q events: the first value after a (re)connect is not one. */
    private final AtomicLong updates = new AtomicLong();
    /** Disconnects seen; written after {@link #latest} is cleared, so a reader seeing a new count sees no older value. */
    private final AtomicLong disconnects = new AtomicLong();

    public TimeavDevice(String name, String expression, PvSource source, PvPublisher publisher, EventSource events,
                        Executor serial) {
        this.name = name;
        this.source = source;
        this.publisher = publisher;
        this.events = events;
        this.serial = serial;
        this.expressionText = expression;
        this.status = publisher.publish(PvSpec.ofString(name + ":Status", "TIMEAV device status"));
        PublishedPv r;
        try {
            r = publisher.publish(PvSpec.ofLong(name + ":Reset", "",
                    "write anything: restart with the latest expression").withWriteHandler(value -> serial.execute(this::restart)));
        } catch (RuntimeException e) {
            status.close();
            throw e;
        }
        this.reset = r;
        serial.execute(() -> {
            reset.post(new PvValue.LongValue(0), stamp(), AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
            start();
        });
    }

    /** The output PV as served now (none before the first average), for the status page and the metrics. */
    PvValueView outputView() {
        PublishedPv o = output;
        return o == null ? PvValueView.none(name()) : PvValueView.of(o.spec().name(), RebindingPublisher.reading(o));
    }

    /** The {@code :Status} PV as served now. */
    PvValueView statusView() {
        return PvValueView.of(status.spec().name(), RebindingPublisher.reading(status));
    }

    public String name() {
        return name;
    }

    public String expression() {
        return expressionText;
    }

    /** The full status (the Status PV carries its first 39 characters). */
    public String statusText() {
        return statusText;
    }

    /** The output PV's alarm and why, e.g. {@code INVALID/UDF: no average since the restart}. */
    public String outputText() {
        return outputText;
    }

    /** Applies a new expression: stop, forget everything, start on it. */
    public void update(String expression) {
        expressionText = expression;
        serial.execute(this::restart);
    }

    /** Stops the data collection and starts it again with the latest expression (the Reset command). */
    public void reset() {
        serial.execute(this::restart);
    }

    private void restart() {
        stop();
        invalidate(AlarmStatus.UDF, "no average since the restart");
        start();
        LOG.info("TIMEAV {} restarted: {}", name, statusText);
    }

    private void start() {
        TimeavExpression e;
        try {
            e = TimeavExpression.parse(expressionText);
        } catch (InvalidSettingException bad) {
            LOG.warn("TIMEAV {}: {} in '{}'", name, bad.getMessage(), expressionText);
            refuse(bad.getMessage());
            return;
        }
        averager = new Averager(e);
        segment = disconnects.get();
        inputDown = false;
        lastSampledSequence = updates.get();
        setStatus(averager.status(), AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        try {
            running.add(subscribe(e.device()));
            running.add(wire(e.sample(), this::onSample));
            e.compute().ifPresent(c -> running.add(wire(c, this::onCompute)));
        } catch (IllegalArgumentException cannot) {
            stop();
            String message = cannot.getMessage().startsWith("DAE_INVALID_SETTING") ? cannot.getMessage()
                    : "DAE_INVALID_SETTING: " + cannot.getMessage();
            LOG.warn("TIMEAV {}: {}", name, message);
            refuse(message);
        }
    }

    private void refuse(String message) {
        setStatus(message, AlarmSeverity.INVALID, AlarmStatus.CALC);
        invalidate(AlarmStatus.CALC, "the expression is refused (see status)");
    }

    private Registration subscribe(String device) {
        return source.subscribe(device, new PvListener() {
            /** The next update is the channel's current value, not a change. */
            private volatile boolean baseline = true;

            @Override
            public void onUpdate(PvUpdate update) {
                latest = update;
                if (baseline) {
                    baseline = false;
                } else {
                    updates.incrementAndGet();
                }
            }

            @Override
            public void onConnectionChanged(String pvName, boolean connected) {
                if (!connected) {
                    latest = null;
                    baseline = true;
                    disconnects.incrementAndGet();
                    serial.execute(noticeOutage);
                }
            }
        });
    }

    /** Runs {@code action} on the device's executor at each event; a clock event the system cannot deliver is refused. */
    private Registration wire(EventSpec spec, Runnable action) {
        Runnable onSerial = () -> serial.execute(action);
        if (spec instanceof EventSpec.Periodic p) {
            Runnable gated = p.onChange() ? () -> serial.execute(this::onSampleIfChanged) : onSerial;
            return events.every(p.periodNanos(), p.immediate(), gated);
        }
        if (spec instanceof EventSpec.Clock c) {
            try {
                return events.onClockEvent(c.event(), c.delayNanos(), onSerial);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("DAE_INVALID_SETTING: clock event " + c.canonical() + ": "
                        + e.getMessage(), e);
            }
        }
        if (spec instanceof EventSpec.Once) {
            return events.once(onSerial);
        }
        return () -> { };
    }

    /**
     * A disconnect since the collection started: the output goes INVALID/COMM, and what would
     * span the gap is forgotten ({@link Averager#outage}). Idempotent.
     */
    private void noticeOutage() {
        long seen = disconnects.get();
        if (averager == null || seen == segment) {
            return;
        }
        segment = seen;
        averager.outage();
        inputDown = true;
        setStatus("input disconnected", AlarmSeverity.INVALID, AlarmStatus.COMM);
        invalidate(AlarmStatus.COMM, "input disconnected; no average since");
    }

    private void onSampleIfChanged() {
        long seen = updates.get();
        if (seen != lastSampledSequence) {
            lastSampledSequence = seen;
            onSample();
        }
    }

    private void onSample() {
        if (averager == null) {
            return;
        }
        PvUpdate u;
        do {
            noticeOutage();
            u = latest;
        } while (disconnects.get() != segment);    // a disconnect between the two reads: u may be from before it
        if (u == null) {
            if (!inputDown) {
                setStatus("no value from the device yet", AlarmSeverity.MINOR, AlarmStatus.UDF);
            }
            return;
        }
        inputDown = false;
        if (u.severity() == AlarmSeverity.INVALID) {
            // e.g. a restarted IOC's record before it first processes (UDF): its value means nothing
            setStatus("input INVALID/" + u.status() + ": not sampled", AlarmSeverity.MINOR, AlarmStatus.UDF);
            return;
        }
        double[] x = numbers(u.value());
        if (x == null) {
            setStatus("device value is not numeric", AlarmSeverity.INVALID, AlarmStatus.CALC);
            return;
        }
        arrayInput = u.value() instanceof PvValue.DoubleArrayValue;
        long now = stamp();
        try {
            Optional<Averager.Output> out = averager.sample(x, now);
            out.ifPresent(o -> post(o, now));
        } catch (IllegalArgumentException changed) {
            setStatus(changed.getMessage(), AlarmSeverity.MINOR, AlarmStatus.UDF);
            return;
        }
        setStatus(averager.status(), AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
    }

    private void onCompute() {
        if (averager == null) {
            return;
        }
        noticeOutage();
        if (inputDown) {
            return;                 // Status keeps saying why
        }
        long now = stamp();
        averager.compute(now).ifPresent(o -> post(o, now));
        setStatus(averager.status(), AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
    }

    private void post(Averager.Output o, long time) {
        boolean scalar = !arrayInput;
        if (output == null || (output.spec().type() == PvType.DOUBLE) != (o.values().length == 1 && scalar)) {
            if (output != null) {
                output.close();
            }
            output = publisher.publish(scalar
                    ? PvSpec.ofDouble(name, "", 6, "TIMEAV " + expressionText)
                    : new PvSpec(name, PvType.DOUBLE_ARRAY, "", 6, "TIMEAV " + expressionText, Limits.NONE, Limits.NONE,
                            List.of(), Math.max(1, o.values().length), null));
        }
        PvValue v = output.spec().type() == PvType.DOUBLE ? new PvValue.DoubleValue(o.values()[0])
                : new PvValue.DoubleArrayValue(o.values());
        output.post(v, time, o.invalid() ? AlarmSeverity.INVALID : AlarmSeverity.NO_ALARM,
                o.invalid() ? AlarmStatus.CALC : AlarmStatus.NO_ALARM);
        lastOutput = v;
        outputText = o.invalid() ? "INVALID/CALC: no lifetime fits (ratio not positive)" : "NO_ALARM: current";
    }

    /** The output keeps its last value, INVALID with {@code why}: it is no longer current. */
    private void invalidate(AlarmStatus alarm, String why) {
        if (output == null || lastOutput == null) {
            return;
        }
        output.post(lastOutput, stamp(), AlarmSeverity.INVALID, alarm);
        outputText = "INVALID/" + alarm + ": " + why;
    }

    /** Now, by the event source's clock, never before a stamp this device gave out (the clock may change). */
    private long stamp() {
        long now = events.now();
        if (now > lastStamp) {
            lastStamp = now;
        }
        return lastStamp;
    }

    private static double[] numbers(PvValue v) {
        if (v instanceof PvValue.DoubleValue d) {
            return new double[] {d.value()};
        }
        if (v instanceof PvValue.LongValue l) {
            return new double[] {l.value()};
        }
        if (v instanceof PvValue.EnumValue e) {
            return new double[] {e.index()};
        }
        if (v instanceof PvValue.DoubleArrayValue a) {
            return a.values().clone();
        }
        return null;
    }

    /** Posts the Status PV when its text or severity changes. */
    private void setStatus(String text, AlarmSeverity severity, AlarmStatus alarm) {
        if (text.equals(statusText) && severity == statusSeverity) {
            return;
        }
        statusText = text;
        statusSeverity = severity;
        String shown = text.length() <= STATUS_LENGTH ? text : text.substring(0, STATUS_LENGTH - 1) + "~";
        status.post(new PvValue.StringValue(shown), stamp(), severity, alarm);
    }

    private void stop() {
        running.forEach(Registration::close);
        running.clear();
        averager = null;
        latest = null;
    }

    @Override
    public void close() {
        serial.execute(() -> {
            stop();
            if (output != null) {
                output.close();
            }
            status.close();
            reset.close();
        });
    }
}
