/**
 * One picture of the whole server for those who look rather than read (the status page, the
 * metrics): {@link org.syncscope.overview.SiteOverview} and the snapshot values it gives. Values
 * only; which capability is installed decides which parts a snapshot has.
 */
@Export
@Version("1.0.0")
package org.syncscope.overview;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
