package org.syncscope.syncprofile.internal;

import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;

/**
 * The outputs of one input or pair that the publisher serves now (clients asked for them), by
 * slot (current/instant, avg, min, max, std); the others are null. Profile thread only.
 */
final class OpenOutputs {

    final PublishedPv[] pvs = new PublishedPv[OutputField.PER_GROUP];
    /** Where this group sits in its owner's list of open groups. */
    int listed = -1;

    boolean isEmpty() {
        for (PublishedPv pv : pvs) {
            if (pv != null) {
                return false;
            }
        }
        return true;
    }

    /** Posts one output; a PV the server closed meanwhile is left to its {@code closed} call. */
    static void post(PublishedPv pv, double value, long stamp, boolean valid) {
        try {
            pv.post(value, stamp, valid ? AlarmSeverity.NO_ALARM : AlarmSeverity.INVALID,
                    valid ? AlarmStatus.NO_ALARM : AlarmStatus.COMM);
        } catch (IllegalStateException closedMeanwhile) {
            // withdrawn by the server (idle) or by its going away; its closed() follows
        }
    }

    /** Closes every open output (their clients see them disconnect). */
    void closeAll() {
        for (int k = 0; k < pvs.length; k++) {
            if (pvs[k] != null) {
                try {
                    pvs[k].close();
                } catch (RuntimeException gone) {
                    // the publisher went away first and withdrew it itself
                }
                pvs[k] = null;
            }
        }
    }
}
