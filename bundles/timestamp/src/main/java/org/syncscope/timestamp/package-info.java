/**
 * What the timestamp driver's console ({@code ts:*}) needs beyond
 * {@link org.syncscope.api.time.TimestampService}: {@link org.syncscope.timestamp.TimestampConsole}
 * and the readings it returns.
 */
@Export
@Version("1.1.0")
package org.syncscope.timestamp;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
