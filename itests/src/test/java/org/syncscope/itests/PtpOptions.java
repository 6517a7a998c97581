package org.syncscope.itests;

import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFileExtend;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ops4j.pax.exam.Option;

/**
 * Pax Exam options the PTP ITs (pmc, stopped ptp4l, Aravis, IC4) share, beside
 * {@link SyncscopeServer#options}: the pmc adapter on a {@link PtpPeers} pair, and the PTP check
 * on a camera driver.
 */
final class PtpOptions {

    private static final String PMC_CFG = "etc/org.syncscope.pmc.cfg";
    private static final String PTPCHECK_CFG = "etc/org.syncscope.ptpcheck.cfg";

    private PtpOptions() {
    }

    /**
     * The pmc adapter reads the grandmaster of {@code ptp} (a {@link PtpPeers} pair), with the
     * further {@code org.syncscope.pmc.cfg} keys and values given; the test reads the grandmaster's
     * socket and identity as {@code test.ptp.gm.socket} and {@code test.ptp.gm.identity}.
     */
    static Option pmcOnGrandmaster(Map<String, String> ptp, String... pmcKeysAndValues) {
        List<Option> options = new ArrayList<>();
        options.add(editConfigurationFilePut(PMC_CFG, "socket", ptp.get("gm.socket")));
        for (int i = 0; i < pmcKeysAndValues.length; i += 2) {
            options.add(editConfigurationFilePut(PMC_CFG, pmcKeysAndValues[i], pmcKeysAndValues[i + 1]));
        }
        options.add(systemProperty("test.ptp.gm.socket").value(ptp.get("gm.socket")));
        options.add(systemProperty("test.ptp.gm.identity").value(ptp.get("gm.identity")));
        return composite(options.toArray(new Option[0]));
    }

    /**
     * The PTP check on {@code driver}'s cameras, that driver's feature booted (what a site does; a
     * feature:install at run time works as well in a shipped server, but under Pax Exam its refresh
     * disturbs the probe), and no monitor: it would hold the cameras' control channels while a test
     * scripts them.
     */
    static Option checkOnDriver(String driver) {
        return composite(
                editConfigurationFilePut(PTPCHECK_CFG, "camera.target", "(driver=" + driver + ")"),
                editConfigurationFilePut(PTPCHECK_CFG, "monitorPeriodSeconds", "0"),
                editConfigurationFileExtend("etc/org.apache.karaf.features.cfg", "featuresBoot",
                        ",syncscope-camera-" + driver));
    }
}
