package org.syncscope.ca.command;

import java.lang.reflect.Field;
import org.syncscope.ca.CaSource;

/** Runs pv:monitor outside a shell: the fields Karaf would inject, set by hand. */
public final class PvMonitorProbe {

    private PvMonitorProbe() {
    }

    public static void run(CaSource source, String name) throws Exception {
        PvMonitorCommand command = new PvMonitorCommand();
        set(command, "source", source);
        set(command, "name", name);
        command.execute();
    }

    private static void set(Object target, String field, Object value) throws Exception {
        Field f = target.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }
}
