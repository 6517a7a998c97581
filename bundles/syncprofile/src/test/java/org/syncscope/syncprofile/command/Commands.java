package org.syncscope.syncprofile.command;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import org.apache.karaf.shell.api.action.Action;

/** Runs a console command as Karaf would after injecting its fields, and returns what it printed. */
final class Commands {

    private Commands() {
    }

    /** Sets a field as Karaf's injection does (by name, whatever its access). */
    static <T extends Action> T with(T command, String field, Object value) throws Exception {
        Field f = command.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(command, value);
        return command;
    }

    static synchronized String run(Action command) throws Exception {
        PrintStream before = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            command.execute();
        } finally {
            System.setOut(before);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
