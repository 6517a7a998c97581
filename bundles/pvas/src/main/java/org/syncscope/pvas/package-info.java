/**
 * What other bundles (a console, tests) may ask of the pvAccess server: {@link org.syncscope.pvas.PvaServer}.
 */
@Export
@Version("1.0.0")
package org.syncscope.pvas;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
