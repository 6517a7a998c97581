package org.syncscope.ptpcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.syncscope.api.camera.CameraPtpState;
import org.syncscope.api.ptp.HostPtpRole;

/**
 * The tools' rule: converged when there is exactly one Master and at least one Slave, counting the
 * host as a Master when it is the grandmaster and as a Slave when it follows one. A host that is
 * read and is neither (listening, faulty, passive, …) is part of the network and out of step with
 * it: never converged then. A host that cannot be read, and cameras without PTP, are left out.
 *
 * @param unsettledHost the host's role when it was read and is neither grandmaster nor slave
 */
public record Convergence(int masters, int slaves, List<String> masterNames, List<String> unsettled,
                          Optional<HostPtpRole> unsettledHost) {

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
        Optional<HostPtpRole> unsettledHost = host.isUnsettled() ? host.role() : Optional.empty();
        return new Convergence(masterNames.size(), slaves, List.copyOf(masterNames), List.copyOf(unsettled),
                unsettledHost);
    }

    public boolean converged() {
        return masters == 1 && slaves >= 1 && unsettledHost.isEmpty();
    }
}
