/**
 * Phoebus Display Builder screens of this server: {@link org.syncscope.screens.Screens}, the fixed
 * screens shipped in the bundle and the screen of a sync profile generated from its configuration.
 */
@Export
@Version("1.0.0")
package org.syncscope.screens;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
