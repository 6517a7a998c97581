package org.syncscope.ptpcheck;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The PTP check's settings in force ({@code etc/org.syncscope.ptpcheck.cfg}, checked). */
public record CheckSettings(String cameraTarget, List<String> serials, int convergenceTimeoutSeconds,
                           int pollIntervalMs, long thresholdNs, int timestatTimeoutSeconds,
                           int monitorPeriodSeconds, String pvPrefix) {

    /** The tools handle 2–8 cameras; more are not opened. */
    public static final int MAX_CAMERAS = 8;

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
