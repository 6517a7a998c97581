/**
 * What the {@code ptp:check} and {@code ptp:timestat} console needs of the PTP check:
 * {@link org.syncscope.ptpcheck.PtpCheck} and its {@link org.syncscope.ptpcheck.CheckSettings}.
 */
@Export
@Version("1.0.0")
package org.syncscope.ptpcheck;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
