package org.syncscope.itests;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.syncscope.pmc.testing.PtpPair;
import org.syncscope.pmc.testing.PtpPair.Side;

/**
 * A ptp4l pair of its own for tests that stop, cut or restart a clock (not {@link PtpPeers}'s,
 * which other test classes expect healthy). Started once per test JVM in the JVM that drives Pax
 * Exam; the container gets the pids, namespaces and sockets as properties and acts on them with
 * kill and ip. The pair removes itself at JVM exit (resuming a stopped ptp4l first).
 */
final class FaultPeers {

    private static Map<String, String> started;

    private FaultPeers() {
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
                    "gm.pid", Long.toString(pair.pid(Side.GRANDMASTER)),
                    "gm.identity", id.group(1));
        }
        return started;
    }
}
