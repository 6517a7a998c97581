package org.syncscope.timestamp.command;

import java.time.Instant;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.syncscope.api.time.EpicsTime;
import org.syncscope.api.time.EpicsTimestamp;
import org.syncscope.api.time.TimestampService;
import org.syncscope.timestamp.TimestampConsole;

/** TSgetTimeStamp from the console: the current time, or an event's time. */
@Command(scope = "ts", name = "time", description = "Prints the current time, or the time event EVENT last occurred (and its user tag if it had one)")
@Service
public class TimeCommand implements Action {

    @Reference
    private TimestampService timestamp;

    @Reference
    private TimestampConsole console;

    @Argument(index = 0, name = "event", description = "Event number 0..255, decimal or 0x hex (default 0: now)")
    private String event = "0";

    @Override
    public Object execute() {
        String e = event.trim().toLowerCase();
        int n;
        try {
            n = e.startsWith("0x") ? Integer.parseInt(e.substring(2), 16) : Integer.parseInt(e);
        } catch (NumberFormatException bad) {
            System.err.println("event '" + event + "' is not a number (decimal, or hex with 0x)");
            return null;
        }
        if (n < 0 || n > 255) {
            System.err.println("event " + n + " is outside 0..255");
            return null;
        }
        long t = timestamp.eventTime(n);
        if (t == 0) {
            System.out.println("event " + n + " has not occurred");
            return null;
        }
        EpicsTimestamp epics = EpicsTime.fromUnixNanos(t);
        long tag = n == 0 ? 0 : console.userTag(n);   // event 0 is "now": no tag
        System.out.printf("%s  (EPICS %d.%09d, Unix ns %d)%s%n",
                Instant.ofEpochSecond(t / 1_000_000_000L, t % 1_000_000_000L), epics.secondsPastEpoch(),
                epics.nanoseconds(), t, tag == 0 ? "" : "  user tag " + tag);
        return null;
    }
}
