package org.syncscope.itests;

import org.syncscope.camera.aravis.testing.FakeGigECameras;

/** Starts the fake GigE Vision cameras once per test JVM, in the JVM that drives Pax Exam; they stop at JVM exit. */
final class FakeCameraPeers {

    private static FakeGigECameras started;

    private FakeCameraPeers() {
    }

    static synchronized void start() throws Exception {
        if (started == null) {
            started = FakeGigECameras.start();
        }
    }
}
