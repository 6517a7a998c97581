package org.syncscope.timestamp.command;

import java.io.IOException;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.syncscope.timestamp.NtpReading;
import org.syncscope.timestamp.TimestampConsole;

/** Asks the configured NTP servers for the time now and prints it with our offset to it. */
@Command(scope = "ts", name = "ntp-time", description = "Prints what the NTP server says now, and our offset to it")
@Service
public class NtpTimeCommand implements Action {

    @Reference
    private TimestampConsole timestamp;

    @Override
    public Object execute() {
        NtpReading r;
        try {
            r = timestamp.askNtp();
        } catch (IllegalStateException none) {
            System.err.println(none.getMessage());
            return null;
        } catch (IOException failed) {
            System.err.println("no answer from an NTP server: " + failed.getMessage());
            return null;
        }
        System.out.printf("NTP time %s (stratum %d): offset %+.6f ms (server − us), delay %.6f ms%n",
                TimeFormat.iso(r.serverTimeNanos()), r.stratum(), r.offsetNanos() / 1e6, r.delayNanos() / 1e6);
        return null;
    }
}
