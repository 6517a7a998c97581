package org.syncscope.ptpcheck;

import org.syncscope.api.camera.CameraInfo;
import org.syncscope.api.camera.CameraPtpState;
import org.syncscope.api.camera.PtpNode;

/**
 * One camera's PTP as the check saw it last.
 *
 * @param error what failed on this camera (empty when nothing did)
 */
public record CameraStatus(int index, CameraInfo info, PtpNode node, CameraPtpState state, String error) {

    /** Cameras without a PTP node (PTP=N/A) never block the verdict. */
    public boolean hasPtp() {
        return node != PtpNode.NOT_AVAILABLE;
    }

    /** The same camera in state {@code next}, with {@code problem} (empty when none). */
    public CameraStatus withState(CameraPtpState next, String problem) {
        return new CameraStatus(index, info, node, next, problem);
    }
}
