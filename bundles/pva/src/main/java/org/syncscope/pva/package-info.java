/**
 * What a console needs of the pvAccess client: {@link org.syncscope.pva.PvaSource}.
 */
@Export
@Version("1.0.0")
package org.syncscope.pva;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
