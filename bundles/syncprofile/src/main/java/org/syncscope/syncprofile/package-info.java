/**
 * What the sync profile console reads: {@link org.syncscope.syncprofile.ProfileConfigurations}
 * (every configuration with its state, a running profile's summary and statistics), the value
 * records it returns, and {@link org.syncscope.syncprofile.ProfileNames}. Registered by the bundle's
 * one registry; the profiles themselves are no services.
 */
@Export
@Version("1.2.0")
package org.syncscope.syncprofile;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
