/**
 * The site's time base (drvTS rebuilt): {@link org.syncscope.api.time.TimestampService} and the exact EPICS-epoch conversions of {@link org.syncscope.api.time.EpicsTime}.
 */
@Export
@Version("1.1.0")
package org.syncscope.api.time;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
