/**
 * Helpers for components whose {@link org.syncscope.api.pv.PvPublisher} or
 * {@link org.syncscope.api.pv.PvSource} reference is dynamic: what they published or subscribed
 * outlives the service and is published or subscribed again when a new one is bound, so a
 * redeployed Channel Access server or client costs a dependant nothing but a short gap.
 */
@Export
@Version("1.1.0")
package org.syncscope.rebind;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
