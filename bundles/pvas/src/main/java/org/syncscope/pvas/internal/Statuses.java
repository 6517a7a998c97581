package org.syncscope.pvas.internal;

import org.epics.pvdata.factory.StatusFactory;
import org.epics.pvdata.pv.Status;

/** pvData request statuses. */
final class Statuses {

    static final Status OK = StatusFactory.getStatusCreate().getStatusOK();

    private Statuses() {
    }

    static Status error(String message) {
        return StatusFactory.getStatusCreate().createStatus(Status.StatusType.ERROR, message, null);
    }
}
