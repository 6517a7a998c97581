package org.syncscope.pva;

import java.time.Duration;
import org.syncscope.api.pv.PvSource;

/** The pvAccess client ({@code protocol=pva}) as a console uses it. */
public interface PvaSource extends PvSource {

    /** How long a get waits for a server when the caller gives no timeout ({@code getTimeoutSeconds}). */
    Duration defaultGetTimeout();
}
