package org.syncscope.timeav.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.console.CommandLine;
import org.junit.jupiter.api.Test;
import org.syncscope.timeav.internal.TimeavComponent;
import org.syncscope.timeav.internal.TimeavControl;
import org.syncscope.timeav.internal.TimeavTesting;

/** timeav:list shows every configuration with its state; device names complete. */
class CommandsTest {

    @Test
    void listShowsRefusedConfigurationsWithFileAndReason() {
        TimeavControl control = TimeavTesting.control();
        TimeavComponent a = TimeavTesting.component(control, "org.syncscope.timeav-a.cfg", "AV:A", "X | p,100 | null | 1");
        TimeavComponent x = TimeavTesting.component(control, "org.syncscope.timeav-x.cfg", null, "X | p,100 | null | 1");
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ListCommand.print(control, new PrintStream(bytes, true, StandardCharsets.UTF_8));
            String listed = bytes.toString(StandardCharsets.UTF_8);
            assertThat(listed).contains("AV:A  (etc/org.syncscope.timeav-a.cfg)\n  state:      running\n"
                    + "  expression: X | p,100 | null | 1\n");
            assertThat(listed).contains("-  (etc/org.syncscope.timeav-x.cfg)\n  state:      refused: "
                    + "etc/org.syncscope.timeav-x.cfg: no name: add name = <the output PV>\n");
        } finally {
            TimeavTesting.deactivate(a);
            TimeavTesting.deactivate(x);
        }
    }

    @Test
    void resetCompletesDeviceNames() throws Exception {
        Field name = ResetCommand.class.getDeclaredField("name");
        assertThat(name.getAnnotation(Completion.class).value()).isEqualTo(DeviceNameCompleter.class);
        TimeavControl control = TimeavTesting.control();
        TimeavComponent a = TimeavTesting.component(control, "org.syncscope.timeav-a.cfg", "AV:ALPHA", "X | p,100 | null | 1");
        TimeavComponent b = TimeavTesting.component(control, "org.syncscope.timeav-b.cfg", "AV:BETA", "X | p,100 | null | 1");
        try {
            List<String> candidates = new ArrayList<>();
            new DeviceNameCompleter(control).complete(null, line("AV:B"), candidates);
            assertThat(candidates).containsExactly("AV:BETA ");     // StringsCompleter ends a whole word with a blank
        } finally {
            TimeavTesting.deactivate(a);
            TimeavTesting.deactivate(b);
        }
    }

    /** timeav:reset and timeav:check answer from the registry's interface alone. */
    @Test
    void resetAndCheckGoThroughTheRegistry() throws Exception {
        TimeavControl control = TimeavTesting.control();
        TimeavComponent a = TimeavTesting.component(control, "org.syncscope.timeav-a.cfg", "AV:ALPHA", "X | p,100 | null | 1");
        TimeavComponent x = TimeavTesting.component(control, "org.syncscope.timeav-x.cfg", null, "X | p,100 | null | 1");
        try {
            assertThat(run(new ResetCommand(), "control", control, "all", true)).isEqualTo("restarted 1 devices\n");
            assertThat(run(new ResetCommand(), "control", control, "name", "AV:ALPHA")).isEqualTo("restarted AV:ALPHA\n");
            assertThat(run(new ResetCommand(), "control", control, "name", "AV:NONE"))
                    .isEqualTo("no TIMEAV device AV:NONE (have [AV:ALPHA])\n");
            assertThat(run(new CheckCommand(), "devices", control, "expression", "X | p,100 | null | 1 | median"))
                    .startsWith("DAE_INVALID_SETTING: calcDirection");
        } finally {
            TimeavTesting.deactivate(a);
            TimeavTesting.deactivate(x);
        }
    }

    /** Sets the fields as Karaf's injection does and returns what the command printed. */
    private static synchronized String run(Object command, Object... fields) throws Exception {
        for (int i = 0; i < fields.length; i += 2) {
            Field f = command.getClass().getDeclaredField((String) fields[i]);
            f.setAccessible(true);
            f.set(command, fields[i + 1]);
        }
        PrintStream before = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            ((org.apache.karaf.shell.api.action.Action) command).execute();
        } finally {
            System.setOut(before);
        }
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    /** A command line whose cursor is at the end of {@code word}, the argument being completed. */
    private static CommandLine line(String word) {
        return new CommandLine() {
            @Override
            public int getCursorArgumentIndex() {
                return 1;
            }

            @Override
            public String getCursorArgument() {
                return word;
            }

            @Override
            public int getArgumentPosition() {
                return word.length();
            }

            @Override
            public String[] getArguments() {
                return new String[] {"timeav:reset", word};
            }

            @Override
            public int getBufferPosition() {
                return ("timeav:reset " + word).length();
            }

            @Override
            public String getBuffer() {
                return "timeav:reset " + word;
            }
        };
    }
}
