/**
 * What the {@code pv:} console needs of the Channel Access client: {@link org.syncscope.ca.CaSource}.
 */
@Export
@Version("1.0.0")
package org.syncscope.ca;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
