package org.syncscope.pmc;

import org.syncscope.api.ptp.PtpManagement;

/** The pmc adapter as {@code ptp:host} uses it: ptp4l's data sets, and how (or why not) they are read. */
public interface PmcAdapter extends PtpManagement {

    /** False while a refused configuration leaves the adapter without a client. */
    boolean reading();

    /** "native /var/run/ptp4l" or the pmc command line, and a refused change; or why nothing is read. */
    String describe();
}
