package org.syncscope.camera.sim.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.syncscope.api.camera.CameraException;
import org.syncscope.api.camera.CameraPtpState;
import org.syncscope.camera.sim.internal.SimCameraSpec.Kind;

/**
 * One simulated camera's device state, shared by every open handle (as a real device is): the PTP
 * switch, the state machine, the clock and the latch register. Thread safe.
 *
 * <p>Clock: before PTP locks it counts ns since power-on (as an unsynchronised GigE camera does);
 * once Slave or Master it reads true time + offset + drift × time since lock.
 */
final class SimDevice {

    private final SimCameraSpec spec;
    private final SimClock clock;
    private final long convergenceNanos;
    private final long latchJitterNs;
    private final long powerOnMono;
    private final Random jitter;
    private boolean ptpEnabled;
    private long enabledAtMono;
    private long latched;

    SimDevice(SimCameraSpec spec, SimClock clock, double convergenceSeconds, long latchJitterNs) {
        this.spec = spec;
        this.clock = clock;
        this.convergenceNanos = Math.round(convergenceSeconds * 1e9);
        this.latchJitterNs = latchJitterNs;
        // cameras were powered on at different moments: up to ~17 minutes apart
        this.powerOnMono = clock.monotonicNanos() - Math.floorMod(spec.info().serial().hashCode(), 1_000_000) * 1_000_000L;
        this.jitter = new Random(spec.info().serial().hashCode());
    }

    SimCameraSpec spec() {
        return spec;
    }

    synchronized CameraPtpState state() {
        if (spec.kind() == Kind.NO_PTP_NODE) {
            return CameraPtpState.UNKNOWN;
        }
        if (!ptpEnabled) {
            return CameraPtpState.DISABLED;
        }
        long since = clock.monotonicNanos() - enabledAtMono;
        if (spec.kind() == Kind.STUCK_LISTENING || since < convergenceNanos / 2) {
            return CameraPtpState.LISTENING;
        }
        if (since < convergenceNanos) {
            return CameraPtpState.UNCALIBRATED;
        }
        return spec.kind() == Kind.MASTER ? CameraPtpState.MASTER : CameraPtpState.SLAVE;
    }

    synchronized void setPtpEnabled(boolean on) {
        if (on && !ptpEnabled) {
            enabledAtMono = clock.monotonicNanos();
        }
        ptpEnabled = on;
    }

    synchronized boolean ptpEnabled() {
        return ptpEnabled;
    }

    /** Captures the clock into the latch register, with the configured jitter. */
    synchronized void latch() {
        long noise = latchJitterNs == 0 ? 0 : Math.round(jitter.nextGaussian() * latchJitterNs);
        latched = now() + noise;
    }

    synchronized long latched() {
        return latched;
    }

    private long now() {
        CameraPtpState s = state();
        long mono = clock.monotonicNanos();
        if (s == CameraPtpState.SLAVE || s == CameraPtpState.MASTER) {
            long lockedFor = mono - (enabledAtMono + convergenceNanos);
            return clock.trueTimeNanos() + spec.offsetNs() + Math.round(lockedFor * (spec.driftPpb() / 1e9));
        }
        return mono - powerOnMono;
    }

    /** The features this camera's description has, by name, with their current values as text. */
    synchronized Map<String, String> features() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("DeviceVendorName", "Syncscope simulation");
        f.put("DeviceModelName", spec.info().model());
        f.put("DeviceSerialNumber", spec.info().serial());
        boolean gev = spec.kind() == Kind.GEV_SLAVE;
        if (spec.kind() != Kind.NO_PTP_NODE) {
            f.put(gev ? "GevIEEE1588" : "PtpEnable", Boolean.toString(ptpEnabled));
            f.put(gev ? "GevIEEE1588Status" : "PtpStatus", state().genicamName());
        }
        if (gev) {
            f.put("GevTimestampControlLatch", "");
            f.put("GevTimestampValue", Long.toString(latched));
            f.put("GevTimestampTickFrequency", "1000000000");
        } else {
            f.put("TimestampLatch", "");
            f.put("TimestampLatchValue", Long.toString(latched));
        }
        return f;
    }

    /** Writes a feature as a GenICam device would: booleans parse, commands execute, the rest is read-only. */
    synchronized void write(String name, String value) throws CameraException {
        Map<String, String> f = features();
        if (!f.containsKey(name)) {
            throw new CameraException("camera " + spec.info().serial() + " has no feature " + name);
        }
        switch (name) {
            case "PtpEnable", "GevIEEE1588" -> setPtpEnabled(parseBoolean(name, value));
            case "TimestampLatch", "GevTimestampControlLatch" -> latch();
            default -> throw new CameraException("camera " + spec.info().serial() + " feature " + name + " is read-only");
        }
    }

    private boolean parseBoolean(String name, String value) throws CameraException {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new CameraException("camera " + spec.info().serial() + " " + name + ": '" + value
                    + "' is not a boolean");
        };
    }
}
