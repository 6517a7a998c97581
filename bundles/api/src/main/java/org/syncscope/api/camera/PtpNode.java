package org.syncscope.api.camera;

/** Which GenICam feature a camera's PTP switch is under, or that it has none. */
public enum PtpNode {
    /** SFNC {@code PtpEnable} / {@code PtpStatus}. */
    PTP_ENABLE("PtpEnable", "PtpStatus"),
    /** Older GigE Vision {@code GevIEEE1588} / {@code GevIEEE1588Status}. */
    GEV_IEEE1588("GevIEEE1588", "GevIEEE1588Status"),
    /** Neither node exists: PTP is not available on this camera. */
    NOT_AVAILABLE("", "");

    private final String enableFeature;
    private final String statusFeature;

    PtpNode(String enableFeature, String statusFeature) {
        this.enableFeature = enableFeature;
        this.statusFeature = statusFeature;
    }

    /** The boolean feature that switches PTP on; empty for {@link #NOT_AVAILABLE}. */
    public String enableFeature() {
        return enableFeature;
    }

    /** The enumeration feature that reports the PTP state; empty for {@link #NOT_AVAILABLE}. */
    public String statusFeature() {
        return statusFeature;
    }
}
