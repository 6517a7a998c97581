package org.syncscope.ptpcheck.internal;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The PTP check's configuration, checked: each bad value named with what is allowed. */
public record CheckSettings(String cameraTarget, List<String> serials, int convergenceTimeoutSeconds,
                           int pollIntervalMs, long thresholdNs, int timestatTimeoutSeconds,
                           int monitorPeriodSeconds, String pvPrefix) {

    /** The tools handle 2–8 cameras; more are not opened. */
    public static final int MAX_CAMERAS = 8;

    static CheckSettings of(PtpCheckConfig c) {
        List<String> serials = parseSerials(c.serials());
        if (c.convergenceTimeoutSeconds() < 1 || c.convergenceTimeoutSeconds() > 3600) {
            throw new IllegalArgumentException("convergenceTimeoutSeconds " + c.convergenceTimeoutSeconds()
                    + " is outside 1..3600");
        }
        if (c.pollIntervalMs() < 10 || c.pollIntervalMs() > 60_000) {
            throw new IllegalArgumentException("pollIntervalMs " + c.pollIntervalMs() + " is outside 10..60000");
        }
        if (c.thresholdNs() < 0) {
            throw new IllegalArgumentException("thresholdNs " + c.thresholdNs() + " is negative");
        }
        if (c.timestatTimeoutSeconds() < 1) {
            throw new IllegalArgumentException("timestatTimeoutSeconds " + c.timestatTimeoutSeconds() + " is below 1");
        }
        if (c.monitorPeriodSeconds() < 0 || c.monitorPeriodSeconds() > 86_400) {
            throw new IllegalArgumentException("monitorPeriodSeconds " + c.monitorPeriodSeconds() + " is outside 0..86400");
        }
        return new CheckSettings(c.camera_target(), serials, c.convergenceTimeoutSeconds(), c.pollIntervalMs(),
                c.thresholdNs(), c.timestatTimeoutSeconds(), c.monitorPeriodSeconds(), c.pvPrefix().trim());
    }

    /** "a, b,c" → [a, b, c]; at most {@link #MAX_CAMERAS}, no repeats, each named when wrong. */
    public static List<String> parseSerials(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<String> serials = Arrays.stream(text.split(",")).map(String::trim).collect(Collectors.toList());
        for (String s : serials) {
            if (s.isEmpty()) {
                throw new IllegalArgumentException("serials '" + text + "' has an empty entry");
            }
        }
        if (serials.stream().distinct().count() != serials.size()) {
            throw new IllegalArgumentException("serials '" + text + "' lists a camera twice");
        }
        if (serials.size() > MAX_CAMERAS) {
            throw new IllegalArgumentException("serials '" + text + "' lists " + serials.size() + " cameras; at most "
                    + MAX_CAMERAS);
        }
        return serials;
    }
}
