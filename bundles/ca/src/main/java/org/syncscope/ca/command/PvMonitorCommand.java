package org.syncscope.ca.command;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.syncscope.api.pv.PvListener;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.Subscription;
import org.syncscope.ca.CaSource;

/**
 * Prints a PV's updates as they arrive, like camonitor, until --count updates or Ctrl-C. A PV no
 * server answers for within the get timeout is reported as not connected, as camonitor does, and
 * monitoring goes on: its updates are printed if it appears later.
 */
@Command(scope = "pv", name = "monitor", description = "Prints a PV's updates as they arrive (like camonitor; pva://NAME over pvAccess, ca://NAME or NAME over Channel Access); Ctrl-C stops")
@Service
public class PvMonitorCommand implements Action {

    @Reference
    private CaSource source;

    @Reference(optional = true, filter = "(protocol=pva)")
    private org.syncscope.api.pv.PvSource pva;

    @Argument(index = 0, name = "name", description = "PV name: NAME or ca://NAME (Channel Access), pva://NAME (pvAccess)", required = true)
    private String name;

    @Option(name = "--count", aliases = "-n", description = "Stop after this many updates (0 = until Ctrl-C)")
    private int count;

    @Override
    public Object execute() throws Exception {
        if (count < 0) {
            throw new CommandException("--count must be 0 or more, got " + count);
        }
        Scheme scheme;
        try {
            scheme = Scheme.of(name, source, pva);
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage());
        }
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        try (Subscription s = scheme.source().subscribe(scheme.name(), new PvListener() {
            @Override
            public void onUpdate(PvUpdate update) {
                lines.add(UpdateFormat.line(update));
            }

            @Override
            public void onConnectionChanged(String pv, boolean connected) {
                lines.add(pv + (connected ? " connected" : " *** disconnected"));
            }
        })) {
            int printed = 0;
            long wait = source.defaultGetTimeout().toNanos();
            String line = lines.poll(wait, TimeUnit.NANOSECONDS);
            if (line == null) {
                System.out.println(name + " *** Not connected (PV not found within " + wait / 1e9
                        + " s; still waiting, Ctrl-C stops)");
            }
            while (count == 0 || printed < count) {
                if (line == null) {
                    line = lines.take();   // Ctrl-C interrupts this thread and ends the command
                }
                System.out.println(line);
                if (!line.endsWith("connected")) {
                    printed++;
                }
                line = null;
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
        return null;
    }
}
