/**
 * The GenICam side every camera driver shares: which standard features switch PTP on, report its
 * state and latch the clock, tried in SFNC-then-GigE-Vision order. A driver supplies feature
 * access by name; this package turns it into a {@link org.syncscope.api.camera.Camera}.
 */
@Export
@Version("1.1.0")
package org.syncscope.camera.genicam;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
