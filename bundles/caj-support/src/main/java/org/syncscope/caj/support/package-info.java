/**
 * Fixes around CAJ (org.epics:jca) that the Channel Access client ({@code org.syncscope.ca}) and
 * server ({@code org.syncscope.cas}) both need: {@link org.syncscope.caj.support.ClosingTimer}.
 */
@Export
@Version("1.0.0")
package org.syncscope.caj.support;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
