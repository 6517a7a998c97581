package org.syncscope.timestamp.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.syncscope.api.Registration;
import org.syncscope.api.time.TimeEventListener;
import org.syncscope.api.time.TimestampService;
import org.syncscope.api.time.TimestampStatus;
import org.syncscope.timestamp.MasterReading;
import org.syncscope.timestamp.NtpReading;
import org.syncscope.timestamp.TimestampConsole;

/** ts:time prints an event's user tag when it came with one. */
class TimeCommandTest {

    private static final long T = 1_764_000_000_123_456_789L;
    private static final Map<Integer, Long> TAGS = Map.of(0x28, 4711L);

    /** Event times T for every event; user tags from {@link #TAGS}. */
    private static final class Driver implements TimestampService, TimestampConsole {
        @Override
        public long currentTime() {
            return T;
        }

        @Override
        public long eventTime(int event) {
            return T;
        }

        @Override
        public Registration addEventListener(int event, TimeEventListener listener) {
            return () -> { };
        }

        @Override
        public TimestampStatus status() {
            return null;
        }

        @Override
        public long userTag(int event) {
            return TAGS.getOrDefault(event, 0L);
        }

        @Override
        public String report() {
            return "";
        }

        @Override
        public void setDebug(int level) {
        }

        @Override
        public void forceSync() {
        }

        @Override
        public MasterReading askMaster() throws IOException {
            throw new IOException("none");
        }

        @Override
        public NtpReading askNtp() throws IOException {
            throw new IOException("none");
        }
    }

    private static String run(String event) throws Exception {
        TimeCommand command = new TimeCommand();
        Driver driver = new Driver();
        for (String name : new String[] {"timestamp", "console", "event"}) {
            Field f = TimeCommand.class.getDeclaredField(name);
            f.setAccessible(true);
            f.set(command, name.equals("event") ? event : driver);
        }
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            command.execute();
        } finally {
            System.setOut(out);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anEventsUserTagIsPrintedWhenItHasOne() throws Exception {
        assertThat(run("0x28")).contains("Unix ns " + T + ")  user tag 4711");
        assertThat(run("0x29")).contains("Unix ns " + T + ")").doesNotContain("user tag");
        assertThat(run("0")).doesNotContain("user tag");
    }
}
