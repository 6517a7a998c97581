package org.syncscope.timestamp.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.syncscope.timestamp.TimestampConsole;

/** TSreport: configuration, mode, state, last sync and the event table. */
@Command(scope = "ts", name = "report", description = "Reports the timestamp driver's configuration and state (TSreport)")
@Service
public class ReportCommand implements Action {

    @Reference
    private TimestampConsole timestamp;

    @Override
    public Object execute() {
        System.out.print(timestamp.report());
        return null;
    }
}
