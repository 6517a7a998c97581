package org.syncscope.ca;

import java.time.Duration;
import org.syncscope.api.pv.PvSource;

/** The Channel Access client as the {@code pv:get} and {@code pv:monitor} commands use it. */
public interface CaSource extends PvSource {

    /** How long a get waits for a server when the command gives no timeout ({@code getTimeoutSeconds}). */
    Duration defaultGetTimeout();
}
