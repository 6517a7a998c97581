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
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvSource;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvType;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.PvValue;
import org.syncscope.api.pv.Subscription;

/**
 * One TIMEAV device: {@code {name}} (the output, stamped at the compute), {@code {name}:Status}
 * and a writable {@code {name}:Reset}. Samples the latest value of its input PV at each sample
 * event and hands it to an {@link Averager}. Every event runs on one serial executor, so the
 * averager needs no locks. A bad expression leaves the device up with Status
 * DAE_INVALID_SETTING and no output.
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
    private PublishedPv output;
    private volatile String expressionText;
    private volatile String statusText = "starting";
    private final List<Registration> running = new ArrayList<>();
    private Averager averager;
    private volatile PvUpdate latest;
    private long lastSampledSequence = -1;
    /** Updates received, for q events: sample only when it moved. */
    private final AtomicLong updates = new AtomicLong();

    public TimeavDevice(String name, String expression, PvSource source, PvPublisher publisher, EventSource events,
                        Executor serial) {
        this.name = name;
        this.source = source;
        this.publisher = publisher;
        this.events = events;
        this.serial = serial;
        this.expressionText = expression;
        this.status = publisher.publish(PvSpec.ofString(name + ":Status", "TIMEAV device status"));
        this.reset = publisher.publish(PvSpec.ofLong(name + ":Reset", "",
                "write anything: restart with the latest expression").withWriteHandler(value -> serial.execute(this::restart)));
        reset.post(new PvValue.LongValue(0), events.now(), AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        serial.execute(this::start);
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
        start();
        LOG.info("TIMEAV {} restarted: {}", name, statusText);
    }

    private void start() {
        TimeavExpression e;
        try {
            e = TimeavExpression.parse(expressionText);
        } catch (InvalidSettingException bad) {
            LOG.warn("TIMEAV {}: {} in '{}'", name, bad.getMessage(), expressionText);
            setStatus(bad.getMessage(), AlarmSeverity.INVALID);
            return;
        }
        averager = new Averager(e);
        setStatus(averager.status(), AlarmSeverity.NO_ALARM);
        try {
            running.add(subscribe(e.device()));
            running.add(wire(e.sample(), this::onSample));
            e.compute().ifPresent(c -> running.add(wire(c, this::onCompute)));
        } catch (IllegalArgumentException cannot) {
            stop();
            String message = cannot.getMessage().startsWith("DAE_INVALID_SETTING") ? cannot.getMessage()
                    : "DAE_INVALID_SETTING: " + cannot.getMessage();
            LOG.warn("TIMEAV {}: {}", name, message);
            setStatus(message, AlarmSeverity.INVALID);
        }
    }

    private Registration subscribe(String device) {
        Subscription s = source.subscribe(device, new org.syncscope.api.pv.PvListener() {
            @Override
            public void onUpdate(PvUpdate update) {
                latest = update;
                updates.incrementAndGet();
            }

            @Override
            public void onConnectionChanged(String pvName, boolean connected) {
                if (!connected) {
                    latest = null;
                }
            }
        });
        return s;
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
        PvUpdate u = latest;
        if (u == null) {
            setStatus("no value from the device yet", AlarmSeverity.MINOR);
            return;
        }
        double[] x = numbers(u.value());
        if (x == null) {
            setStatus("device value is not numeric", AlarmSeverity.INVALID);
            return;
        }
        try {
            Optional<Averager.Output> out = averager.sample(x, events.now());
            out.ifPresent(o -> post(o, events.now()));
        } catch (IllegalArgumentException changed) {
            setStatus(changed.getMessage(), AlarmSeverity.MINOR);
            return;
        }
        setStatus(averager.status(), AlarmSeverity.NO_ALARM);
    }

    private void onCompute() {
        if (averager == null) {
            return;
        }
        long now = events.now();
        averager.compute(now).ifPresent(o -> post(o, now));
        setStatus(averager.status(), AlarmSeverity.NO_ALARM);
    }

    private void post(Averager.Output o, long time) {
        if (output == null || (output.spec().type() == PvType.DOUBLE) != (o.values().length == 1 && isScalar())) {
            if (output != null) {
                output.close();
            }
            output = publisher.publish(isScalar()
                    ? PvSpec.ofDouble(name, "", 6, "TIMEAV " + expressionText)
                    : new PvSpec(name, PvType.DOUBLE_ARRAY, "", 6, "TIMEAV " + expressionText, Limits.NONE, Limits.NONE,
                            List.of(), Math.max(1, o.values().length), null));
        }
        PvValue v = output.spec().type() == PvType.DOUBLE ? new PvValue.DoubleValue(o.values()[0])
                : new PvValue.DoubleArrayValue(o.values());
        output.post(v, time, o.invalid() ? AlarmSeverity.INVALID : AlarmSeverity.NO_ALARM,
                o.invalid() ? AlarmStatus.CALC : AlarmStatus.NO_ALARM);
    }

    private boolean isScalar() {
        PvUpdate u = latest;
        return u == null || !(u.value() instanceof PvValue.DoubleArrayValue);
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

    private void setStatus(String text, AlarmSeverity severity) {
        statusText = text;
        String shown = text.length() <= STATUS_LENGTH ? text : text.substring(0, STATUS_LENGTH - 1) + "~";
        status.post(new PvValue.StringValue(shown), events.now(), severity,
                severity == AlarmSeverity.NO_ALARM ? AlarmStatus.NO_ALARM
                        : severity == AlarmSeverity.INVALID ? AlarmStatus.CALC : AlarmStatus.UDF);
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
