package org.syncscope.itests;

import java.nio.file.Path;
import java.util.List;
import org.syncscope.camera.ic4.testing.Ic4Double;

/** Builds the IC4 double once per test JVM, in the JVM that drives Pax Exam. */
final class Ic4DoublePeer {

    private static Ic4Double built;

    private Ic4DoublePeer() {
    }

    static synchronized Ic4Double build(List<String> cameras) throws Exception {
        if (built == null) {
            built = Ic4Double.build(Path.of("target", "ic4-double-it").toAbsolutePath());
        }
        built.script(cameras);
        return built;
    }
}
