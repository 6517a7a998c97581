/**
 * The host's IEEE 1588 (linuxptp) data sets, read through the management protocol.
 */
@Export
@Version("2.1.0")
package org.syncscope.api.ptp;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
