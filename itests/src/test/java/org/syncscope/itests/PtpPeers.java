package org.syncscope.itests;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.syncscope.pmc.testing.PtpPair;

/**
 * Starts the real ptp4l pair once per test JVM, in the JVM that drives Pax Exam (never inside the
 * container: the fixture is not part of the probe bundle). The pair removes itself at JVM exit.
 */
final class PtpPeers {

    private static Map<String, String> started;

    private PtpPeers() {
    }

    static synchronized Map<String, String> start() throws Exception {
        if (started == null) {
            PtpPair.requireLinuxptp();
            PtpPair pair = PtpPair.start();
            Matcher id = Pattern.compile("clockIdentity\\s+(\\S+)")
                    .matcher(pair.pmc(pair.grandmasterSocket(), "GET DEFAULT_DATA_SET"));
            if (!id.find()) {
                throw new AssertionError("pmc printed no clockIdentity for the grandmaster");
            }
            started = Map.of("gm.socket", pair.grandmasterSocket().toString(),
                    "slave.socket", pair.slaveSocket().toString(), "gm.identity", id.group(1));
        }
        return started;
    }
}
