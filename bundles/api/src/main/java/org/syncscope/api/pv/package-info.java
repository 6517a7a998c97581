/**
 * Reading and publishing process variables: {@link org.syncscope.api.pv.PvSource} delivers updates from a control-system protocol, {@link org.syncscope.api.pv.PvPublisher} serves values to clients.
 */
@Export
@Version("1.3.0")
package org.syncscope.api.pv;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
