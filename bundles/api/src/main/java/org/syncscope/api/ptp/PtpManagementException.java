package org.syncscope.api.ptp;

import java.util.OptionalInt;

/**
 * A management request failed. The message names the socket (or pmc command) and the cause: no
 * ptp4l listening, permission denied, timeout, a malformed reply, or a MANAGEMENT_ERROR_STATUS
 * from ptp4l (then {@link #managementErrorId()} holds its error id).
 */
public class PtpManagementException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int managementErrorId;

    public PtpManagementException(String message) {
        this(message, null);
    }

    public PtpManagementException(String message, Throwable cause) {
        super(message, cause);
        this.managementErrorId = -1;
    }

    /** An error status TLV from ptp4l: {@code errorId} as sent (e.g. 0x0002 NO_SUCH_ID). */
    public PtpManagementException(String message, int errorId) {
        super(message);
        this.managementErrorId = errorId;
    }

    /** The MANAGEMENT_ERROR_STATUS error id, when ptp4l answered with one. */
    public OptionalInt managementErrorId() {
        return managementErrorId < 0 ? OptionalInt.empty() : OptionalInt.of(managementErrorId);
    }
}
