/**
 * Types shared by every Syncscope service contract. Sub-packages hold one area each: {@code pv} (Channel Access in and out), {@code time} (timestamp service and the EPICS epoch helper), {@code eventsystem} (the event-system driver SPI), {@code camera} (camera drivers) and {@code ptp} (linuxptp management).
 */
@Export
@Version("1.0.0")
package org.syncscope.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
