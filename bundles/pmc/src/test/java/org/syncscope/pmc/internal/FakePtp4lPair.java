package org.syncscope.pmc.internal;

import java.nio.file.Path;
import java.util.Map;
import org.syncscope.api.ptp.ClockIdentity;
import org.syncscope.testing.Configs;

/**
 * A slave and a grandmaster stand-in ptp4l (their management sockets in {@code dir}), and the
 * adapter's configuration over one of them: what the component's tests start from. The tests
 * close the two themselves (one may be replaced by a restarted stand-in).
 */
final class FakePtp4lPair {

    static final String FILE = "org.syncscope.pmc.cfg";
    static final ClockIdentity SELF = new ClockIdentity(0x001b19fffe000001L);
    static final ClockIdentity GM = new ClockIdentity(0x001b19fffe0000aaL);

    final FakePtp4l slave;
    final FakePtp4l grandmaster;
    private final Path dir;

    FakePtp4lPair(Path dir) throws Exception {
        this.dir = dir;
        slave = new FakePtp4l(dir.resolve("ptp4l-slave"), Ptp4lAnswers.slave(SELF, GM)::answer);
        grandmaster = new FakePtp4l(dir.resolve("ptp4l-gm"), Ptp4lAnswers.grandmaster(GM)::answer);
    }

    /** etc/org.syncscope.pmc.cfg as shipped, reading {@code socket} with a 2 s timeout; {@code more}: key, value, … */
    Map<String, Object> props(Path socket, Object... more) {
        Map<String, Object> p = Configs.fromFile(FILE, "socket", socket.toString(), "clientDirectory", dir.toString(),
                "timeoutMs", "2000");
        for (int i = 0; i < more.length; i += 2) {
            p.put((String) more[i], more[i + 1]);
        }
        return p;
    }
}
