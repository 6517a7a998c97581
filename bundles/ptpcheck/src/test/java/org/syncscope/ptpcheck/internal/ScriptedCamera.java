package org.syncscope.ptpcheck.internal;

import java.util.ArrayList;
import java.util.List;
import org.syncscope.api.camera.Camera;
import org.syncscope.api.camera.CameraException;
import org.syncscope.api.camera.CameraInfo;
import org.syncscope.api.camera.CameraPtpState;
import org.syncscope.api.camera.PtpNode;

/** A camera whose PTP states (one per poll) and latched values (one per latch) a test scripts. */
final class ScriptedCamera implements Camera {

    private final CameraInfo info;
    private final PtpNode node;
    private final List<CameraPtpState> states;
    private final List<Long> latches;
    private final List<String> log;
    private int polls;
    private int latchCount;
    boolean failLatch;
    boolean closed;

    ScriptedCamera(String serial, PtpNode node, List<CameraPtpState> states, List<Long> latches, List<String> log) {
        this.info = new CameraInfo(serial, "DFK 33GR0234", "enp3s0");
        this.node = node;
        this.states = states;
        this.latches = latches;
        this.log = log;
    }

    static ScriptedCamera slave(String serial, List<String> log, Long... latches) {
        return new ScriptedCamera(serial, PtpNode.PTP_ENABLE, List.of(CameraPtpState.LISTENING, CameraPtpState.UNCALIBRATED,
                CameraPtpState.SLAVE), List.of(latches), log);
    }

    @Override
    public CameraInfo info() {
        return info;
    }

    @Override
    public PtpNode enablePtp() {
        log.add("enable " + info.serial());
        return node;
    }

    @Override
    public CameraPtpState ptpState() {
        if (node == PtpNode.NOT_AVAILABLE) {
            return CameraPtpState.UNKNOWN;
        }
        return states.get(Math.min(polls++, states.size() - 1));
    }

    @Override
    public void latchTimestamp() throws CameraException {
        if (failLatch) {
            throw new CameraException("camera " + info.serial() + " TimestampLatch: device not responding");
        }
        log.add("latch " + info.serial());
    }

    @Override
    public long latchedTimestampNanos() {
        log.add("read " + info.serial());
        return latches.get(Math.min(latchCount++, latches.size() - 1));
    }

    @Override
    public String readFeature(String name) throws CameraException {
        throw new CameraException("not scripted");
    }

    @Override
    public void writeFeature(String name, String value) throws CameraException {
        throw new CameraException("not scripted");
    }

    @Override
    public void close() {
        closed = true;
    }

    static List<String> newLog() {
        return new ArrayList<>();
    }
}
