/**
 * What the TIMEAV console reads and does: {@link org.syncscope.timeav.TimeavDevices} (every device
 * configuration with its state, the reset-all PV, resets) and the {@link org.syncscope.timeav.DeviceState}
 * values it returns. Registered by the bundle's one registry; the devices themselves are no services.
 */
@Export
@Version("1.0.0")
package org.syncscope.timeav;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
