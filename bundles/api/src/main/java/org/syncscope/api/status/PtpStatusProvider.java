package org.syncscope.api.status;

/** The PTP check's monitor PVs as served now; registered by the PTP check bundle. Thread safe. */
public interface PtpStatusProvider {

    PtpView ptp();
}
