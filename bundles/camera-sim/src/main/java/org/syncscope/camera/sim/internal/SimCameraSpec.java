package org.syncscope.camera.sim.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.syncscope.api.camera.CameraInfo;

/** One simulated camera as configured: who it is, its clock, and its faults. */
record SimCameraSpec(CameraInfo info, long offsetNs, long driftPpb, Kind kind) {

    /** What the camera becomes once PTP is on, and which features it has. */
    enum Kind { SLAVE, MASTER, STUCK_LISTENING, NO_PTP_NODE, GEV_SLAVE }

    /** The instance's cameras from its configuration; each bad entry is named. */
    static List<SimCameraSpec> of(SimCameraConfig c) {
        List<String> serials = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String raw : nonBlank(c.cameras())) {
            String serial = raw.trim();
            if (!serial.matches("[A-Za-z0-9_-]{1,32}")) {
                throw new IllegalArgumentException("cameras: serial '" + raw + "' must be 1..32 letters, digits, _ or -");
            }
            if (!seen.add(serial)) {
                throw new IllegalArgumentException("cameras: serial " + serial + " is listed twice");
            }
            serials.add(serial);
        }
        long[] offsets = numbers("offsetsNs", c.offsetsNs(), serials.size());
        long[] drifts = numbers("driftPpb", c.driftPpb(), serials.size());
        if (c.latchJitterNs() < 0) {
            throw new IllegalArgumentException("latchJitterNs " + c.latchJitterNs() + " is negative");
        }
        if (!(c.convergenceSeconds() >= 0) || c.convergenceSeconds() > 3600) {
            throw new IllegalArgumentException("convergenceSeconds " + c.convergenceSeconds() + " is outside 0..3600");
        }
        Set<String> masters = members("masters", c.masters(), serials);
        Set<String> stuck = members("stuckListening", c.stuckListening(), serials);
        Set<String> noNode = members("noPtpNode", c.noPtpNode(), serials);
        Set<String> gev = members("gevNames", c.gevNames(), serials);
        List<SimCameraSpec> specs = new ArrayList<>();
        for (int i = 0; i < serials.size(); i++) {
            String s = serials.get(i);
            Kind kind = noNode.contains(s) ? Kind.NO_PTP_NODE : stuck.contains(s) ? Kind.STUCK_LISTENING
                    : masters.contains(s) ? Kind.MASTER : gev.contains(s) ? Kind.GEV_SLAVE : Kind.SLAVE;
            specs.add(new SimCameraSpec(new CameraInfo(s, c.model(), c.interfaceName() == null ? "" : c.interfaceName()),
                    offsets[i], drifts[i], kind));
        }
        return specs;
    }

    private static List<String> nonBlank(String[] values) {
        List<String> out = new ArrayList<>();
        for (String v : values == null ? new String[0] : values) {
            // Config Admin hands "a, b" over as one string when the .cfg has no array syntax
            out.addAll(Arrays.stream(v.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList());
        }
        return out;
    }

    private static long[] numbers(String key, String[] values, int count) {
        List<String> entries = nonBlank(values);
        if (entries.size() > count) {
            throw new IllegalArgumentException(key + " has " + entries.size() + " entries for " + count + " cameras");
        }
        long[] out = new long[count];
        for (int i = 0; i < entries.size(); i++) {
            try {
                out[i] = Long.parseLong(entries.get(i));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " entry " + (i + 1) + " '" + entries.get(i) + "' is not an integer");
            }
        }
        return out;
    }

    private static Set<String> members(String key, String[] values, List<String> serials) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : nonBlank(values)) {
            if (!serials.contains(s)) {
                throw new IllegalArgumentException(key + ": " + s + " is not one of the cameras " + serials);
            }
            out.add(s);
        }
        return out;
    }
}
