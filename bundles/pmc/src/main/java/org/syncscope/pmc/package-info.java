/**
 * What the {@code ptp:host} console needs of the pmc adapter: {@link org.syncscope.pmc.PmcAdapter}.
 */
@Export
@Version("1.0.0")
package org.syncscope.pmc;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
