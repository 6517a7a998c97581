package org.syncscope.api.camera;

/**
 * An open camera. Calls on one camera are serialised by the driver, so a camera may be shared
 * between threads; calls block for the device's round trip (tens of ms on GigE Vision).
 * {@link #close()} releases the device; further calls throw {@link CameraException}.
 */
public interface Camera extends AutoCloseable {

    /** Serial, model and interface. */
    CameraInfo info();

    /**
     * Switches PTP on, trying {@code PtpEnable} then {@code GevIEEE1588}.
     *
     * @return the node used, or {@link PtpNode#NOT_AVAILABLE} when the camera has neither
     *         (not an error: such cameras are reported as {@code PTP=N/A})
     * @throws CameraException if a node exists but writing it failed
     */
    PtpNode enablePtp() throws CameraException;

    /**
     * The PTP state from {@code PtpStatus} or {@code GevIEEE1588Status}; {@link CameraPtpState#UNKNOWN}
     * when the camera has neither.
     */
    CameraPtpState ptpState() throws CameraException;

    /**
     * Latches the camera's clock ({@code TimestampLatch}, else {@code GevTimestampControlLatch}).
     * For multi-camera alignment, latch every camera first, then read each value.
     */
    void latchTimestamp() throws CameraException;

    /**
     * The value captured by the last {@link #latchTimestamp()}, in ns (ticks converted with the
     * camera's tick frequency where it counts ticks).
     */
    long latchedTimestampNanos() throws CameraException;

    /**
     * Reads any feature by name as text: booleans as {@code true}/{@code false}, integers and
     * floats in decimal, enumerations as their entry name.
     *
     * @throws CameraException if the feature does not exist or cannot be read
     */
    String readFeature(String name) throws CameraException;

    /**
     * Writes a feature by name from text (parsed per the feature's type); a command feature is
     * executed and {@code value} ignored.
     *
     * @throws CameraException if the feature does not exist, is read-only, or the value does not parse
     */
    void writeFeature(String name, String value) throws CameraException;

    /** Releases the device. Idempotent; never throws. */
    @Override
    void close();
}
