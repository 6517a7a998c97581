/**
 * Camera drivers for PTP checks: enumerate, open, enable PTP, read its state and latch timestamps.
 */
@Export
@Version("1.1.0")
package org.syncscope.api.camera;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
