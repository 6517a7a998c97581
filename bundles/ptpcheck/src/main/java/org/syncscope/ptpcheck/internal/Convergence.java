package org.syncscope.ptpcheck.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.syncscope.api.camera.CameraPtpState;

/**
 * The tools' rule: converged when there is exactly one Master and at least one Slave, counting the
 * host as a Master when it is the grandmaster and as a Slave when it follows one. Cameras without
 * PTP are left out.
 */
public record Convergence(int masters, int slaves, List<String> masterNames, List<String> unsettled) {

    public static Convergence of(HostView host, List<CameraStatus> cameras) {
        List<String> masterNames = new ArrayList<>();
        int slaves = 0;
        if (host.isGrandmaster()) {
            masterNames.add("host");
        } else if (host.isSlave()) {
            slaves++;
        }
        List<String> unsettled = new ArrayList<>();
        for (CameraStatus c : cameras) {
            if (!c.hasPtp()) {
                continue;
            }
            if (c.state() == CameraPtpState.MASTER) {
                masterNames.add(c.info().serial());
            } else if (c.state() == CameraPtpState.SLAVE) {
                slaves++;
            } else {
                unsettled.add(c.info().serial() + "=" + c.state().genicamName());
            }
        }
        return new Convergence(masterNames.size(), slaves, List.copyOf(masterNames), List.copyOf(unsettled));
    }

    public boolean converged() {
        return masters == 1 && slaves >= 1;
    }

    /** What to look at when not converged, most likely cause first. */
    public List<String> hints(HostView host, Labels labels) {
        List<String> hints = new ArrayList<>();
        if (host.status().isEmpty()) {
            hints.add(labels.hintHostUnavailable(host.error()));
        }
        if (masters > 1) {
            hints.add(labels.hintSeveralMasters(masters, String.join(", ", masterNames)));
        }
        if (masters == 0) {
            hints.add(labels.hintNoMaster());
        }
        if (!unsettled.isEmpty()) {
            hints.add(labels.hintUnsettled(unsettled.stream().collect(Collectors.joining(", "))));
        }
        if (slaves == 0) {
            hints.add(labels.hintNoSlave());
        }
        hints.add(labels.hintNetwork());
        return hints;
    }
}
