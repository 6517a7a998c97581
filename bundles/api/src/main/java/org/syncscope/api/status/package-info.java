/**
 * What each capability shows those who look rather than read (the status page, the metrics): a
 * provider interface per capability, registered by the capability's bundle, and the values it
 * returns — the same values its PVs carry, read from memory, never over the network.
 */
@Export
@Version("1.0.0")
package org.syncscope.api.status;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
