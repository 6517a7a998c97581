package org.syncscope.timestamp.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.syncscope.timestamp.internal.TimestampComponent;
import org.syncscope.timestamp.internal.net.NtpSync;
import org.syncscope.timestamp.internal.net.SntpClient;

/** Asks the configured NTP servers for the time now and prints it with our offset to it. */
@Command(scope = "ts", name = "ntp-time", description = "Prints what the NTP server says now, and our offset to it")
@Service
public class NtpTimeCommand implements Action {

    @Reference
    private TimestampComponent timestamp;

    @Override
    public Object execute() throws Exception {
        NtpSync ntp = timestamp.ntp();
        if (ntp == null) {
            System.err.println("no ntpServers configured in etc/org.syncscope.timestamp.cfg");
            return null;
        }
        SntpClient.Sample s;
        try {
            s = ntp.ask();
        } catch (java.io.IOException | org.syncscope.timestamp.internal.net.MalformedPacketException failed) {
            System.err.println("no answer from an NTP server: " + failed.getMessage());
            return null;
        }
        System.out.printf("NTP time %s (stratum %d): offset %+.6f ms (server − us), delay %.6f ms%n",
                TimeFormat.iso(s.serverTimeNanos()), s.stratum(), s.offsetNanos() / 1e6, s.delayNanos() / 1e6);
        return null;
    }
}
