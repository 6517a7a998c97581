package org.syncscope.camera.ic4.internal;

import com.sun.jna.Library;
import com.sun.jna.Native;

/** The double's test-only exports: objects alive, and the calls made. */
interface Ic4DoubleHooks extends Library {

    int ic4double_live_objects();

    String ic4double_call_log();

    void ic4double_reset_call_log();

    static Ic4DoubleHooks of(String library) {
        return Native.load(library, Ic4DoubleHooks.class);
    }
}
