/**
 * What the simulated event system's console ({@code eventsystem:list}) needs:
 * {@link org.syncscope.eventsystem.sim.SimEventSystems}, every configuration with its state.
 */
@Export
@Version("1.0.0")
package org.syncscope.eventsystem.sim;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
