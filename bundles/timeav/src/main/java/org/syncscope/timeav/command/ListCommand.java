package org.syncscope.timeav.command;

import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.syncscope.timeav.internal.TimeavComponent;
import org.syncscope.timeav.internal.TimeavControl;
import org.syncscope.timeav.internal.TimeavDevice;

@Command(scope = "timeav", name = "list", description = "Lists every TIMEAV configuration: output PV, file, state, expression, status, output alarm")
@Service
public class ListCommand implements Action {

    @Reference
    private TimeavControl control;

    @Override
    public Object execute() {
        print(control, System.out);
        return null;
    }

    /** Every configuration, running or refused, with its state and reason. */
    static void print(TimeavControl control, PrintStream out) {
        if (control.refusal() != null) {
            out.printf("reset-all PV %s: %s%n", control.resetAllPv().isEmpty() ? "(none)" : control.resetAllPv(),
                    control.refusal());
        }
        for (TimeavComponent c : control.configurations()) {
            TimeavDevice d = c.device().orElse(null);
            out.printf("%s  (%s)%n  state:      %s%n", d == null ? "-" : d.name(), c.origin(), c.state());
            if (d != null) {
                out.printf("  expression: %s%n  status:     %s%n  output:     %s%n", d.expression(), d.statusText(),
                        d.outputText());
            }
        }
    }
}
