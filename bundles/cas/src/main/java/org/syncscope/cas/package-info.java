/**
 * What the {@code pv:list} console needs of the Channel Access server: {@link org.syncscope.cas.CaServer}.
 */
@Export
@Version("1.1.0")
package org.syncscope.cas;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
