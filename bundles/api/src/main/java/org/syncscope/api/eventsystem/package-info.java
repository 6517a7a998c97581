/**
 * Service provider interface for timing event systems (event receivers and generators), the drvTS {@code Er*} hooks as one Java interface.
 */
@Export
@Version("1.2.0")
package org.syncscope.api.eventsystem;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
