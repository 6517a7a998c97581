/**
 * Checking a component's configuration before it is used: {@link org.syncscope.api.config.ConfigCheck}
 * names the key, the value and the file of every value that does not convert to its declared type.
 */
@Export
@Version("1.0.0")
package org.syncscope.api.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
