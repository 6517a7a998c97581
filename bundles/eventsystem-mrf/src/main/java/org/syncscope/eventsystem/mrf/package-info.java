/**
 * What the MRF receivers' console ({@code eventsystem:mrf}) needs:
 * {@link org.syncscope.eventsystem.mrf.MrfReceivers}, every receiver configuration with its state.
 */
@Export
@Version("1.0.0")
package org.syncscope.eventsystem.mrf;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
