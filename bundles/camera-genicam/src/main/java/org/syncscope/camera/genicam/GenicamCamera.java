package org.syncscope.camera.genicam;

import java.math.BigInteger;
import org.syncscope.api.camera.Camera;
import org.syncscope.api.camera.CameraException;
import org.syncscope.api.camera.CameraPtpState;
import org.syncscope.api.camera.PtpNode;

/**
 * A {@link Camera} whose PTP and timestamp operations are the standard GenICam features, found by
 * name: {@code PtpEnable}/{@code PtpStatus} else {@code GevIEEE1588}/{@code GevIEEE1588Status};
 * {@code TimestampLatch}/{@code TimestampLatchValue} (ns) else {@code GevTimestampControlLatch}/
 * {@code GevTimestampValue} (ticks of {@code GevTimestampTickFrequency}, 1 GHz when absent).
 * Drivers implement feature access; calls on one camera are serialised here.
 */
public abstract class GenicamCamera implements Camera {

    public static final String TIMESTAMP_LATCH = "TimestampLatch";
    public static final String TIMESTAMP_LATCH_VALUE = "TimestampLatchValue";
    public static final String GEV_TIMESTAMP_LATCH = "GevTimestampControlLatch";
    public static final String GEV_TIMESTAMP_VALUE = "GevTimestampValue";
    public static final String GEV_TICK_FREQUENCY = "GevTimestampTickFrequency";
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** Whether the camera's description has a feature of this name (available or not). */
    protected abstract boolean hasFeature(String name) throws CameraException;

    @Override
    public synchronized PtpNode enablePtp() throws CameraException {
        for (PtpNode node : new PtpNode[] {PtpNode.PTP_ENABLE, PtpNode.GEV_IEEE1588}) {
            if (hasFeature(node.enableFeature())) {
                writeFeature(node.enableFeature(), "true");
                return node;
            }
        }
        return PtpNode.NOT_AVAILABLE;
    }

    @Override
    public synchronized CameraPtpState ptpState() throws CameraException {
        for (PtpNode node : new PtpNode[] {PtpNode.PTP_ENABLE, PtpNode.GEV_IEEE1588}) {
            if (hasFeature(node.statusFeature())) {
                return CameraPtpState.ofGenicamName(readFeature(node.statusFeature()));
            }
        }
        return CameraPtpState.UNKNOWN;
    }

    @Override
    public synchronized void latchTimestamp() throws CameraException {
        if (hasFeature(TIMESTAMP_LATCH)) {
            writeFeature(TIMESTAMP_LATCH, "");
        } else if (hasFeature(GEV_TIMESTAMP_LATCH)) {
            writeFeature(GEV_TIMESTAMP_LATCH, "");
        } else {
            throw new CameraException("camera " + info().serial() + " has neither " + TIMESTAMP_LATCH + " nor "
                    + GEV_TIMESTAMP_LATCH);
        }
    }

    @Override
    public synchronized long latchedTimestampNanos() throws CameraException {
        if (hasFeature(TIMESTAMP_LATCH_VALUE)) {
            return integer(TIMESTAMP_LATCH_VALUE);
        }
        if (!hasFeature(GEV_TIMESTAMP_VALUE)) {
            throw new CameraException("camera " + info().serial() + " has neither " + TIMESTAMP_LATCH_VALUE + " nor "
                    + GEV_TIMESTAMP_VALUE);
        }
        long ticks = integer(GEV_TIMESTAMP_VALUE);
        long frequency = hasFeature(GEV_TICK_FREQUENCY) ? integer(GEV_TICK_FREQUENCY) : NANOS_PER_SECOND;
        return ticksToNanos(info().serial(), ticks, frequency);
    }

    /** ticks × 1e9 / frequency, exact (no double rounding), floor. */
    public static long ticksToNanos(String serial, long ticks, long frequencyHz) throws CameraException {
        if (frequencyHz <= 0) {
            throw new CameraException("camera " + serial + " reports " + GEV_TICK_FREQUENCY + " " + frequencyHz);
        }
        if (frequencyHz == NANOS_PER_SECOND) {
            return ticks;
        }
        BigInteger ns = BigInteger.valueOf(ticks).multiply(BigInteger.valueOf(NANOS_PER_SECOND))
                .divide(BigInteger.valueOf(frequencyHz));
        if (ns.bitLength() > 63) {
            throw new CameraException("camera " + serial + " timestamp " + ticks + " ticks at " + frequencyHz
                    + " Hz does not fit in 64-bit ns");
        }
        return ns.longValue();
    }

    private long integer(String feature) throws CameraException {
        String text = readFeature(feature);
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new CameraException("camera " + info().serial() + " " + feature + " '" + text + "' is not an integer");
        }
    }
}
