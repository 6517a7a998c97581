package org.syncscope.timeav.command;

import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.syncscope.timeav.DeviceState;
import org.syncscope.timeav.TimeavDevices;

@Command(scope = "timeav", name = "list", description = "Lists every TIMEAV configuration: output PV, file, state, expression, status, output alarm")
@Service
public class ListCommand implements Action {

    @Reference
    private TimeavDevices control;

    @Override
    public Object execute() {
        print(control, System.out);
        return null;
    }

    /** Every configuration, running or refused, with its state and reason. */
    static void print(TimeavDevices control, PrintStream out) {
        if (control.refusal() != null) {
            out.printf("reset-all PV %s: %s%n", control.resetAllPv().isEmpty() ? "(none)" : control.resetAllPv(),
                    control.refusal());
        }
        for (DeviceState d : control.configurations()) {
            out.printf("%s  (%s)%n  state:      %s%n", d.running() ? d.name() : "-", d.origin(), d.state());
            if (d.running()) {
                out.printf("  expression: %s%n  status:     %s%n  output:     %s%n", d.expression(), d.status(),
                        d.output());
            }
        }
    }
}
