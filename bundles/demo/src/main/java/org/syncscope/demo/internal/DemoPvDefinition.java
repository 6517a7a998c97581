package org.syncscope.demo.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * One demo PV: its name, rate and phase, parsed from a {@code NAME@RATE} or
 * {@code NAME@RATE+PHASE} entry (rate in Hz, phase in ms after the common start).
 */
record DemoPvDefinition(String name, double rateHz, double phaseMs) {

    static final double MIN_RATE = 0.001;
    static final double MAX_RATE = 1000;

    DemoPvDefinition {
        if (!(rateHz >= MIN_RATE && rateHz <= MAX_RATE)) {
            throw new IllegalArgumentException("rate of " + name + " must be " + MIN_RATE + ".." + MAX_RATE + " Hz, got " + rateHz);
        }
        if (!(phaseMs >= 0 && phaseMs * 1e6 < 1e9 / rateHz)) {
            throw new IllegalArgumentException("phase of " + name + " must be 0 ms up to its period, got " + phaseMs);
        }
    }

    long phaseNanos() {
        return Math.round(phaseMs * 1e6);
    }

    long periodNanos() {
        return Math.round(1e9 / rateHz);
    }

    /**
     * Parses the {@code pvs} setting; each element may itself hold several comma-separated
     * entries (how a Karaf .cfg line arrives).
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    static List<DemoPvDefinition> parseAll(String[] entries) {
        List<DemoPvDefinition> out = new ArrayList<>();
        for (String element : entries) {
            for (String entry : element.split(",")) {
                if (!entry.isBlank()) {
                    out.add(parse(entry.trim()));
                }
            }
        }
        if (out.stream().map(DemoPvDefinition::name).distinct().count() != out.size()) {
            throw new IllegalArgumentException("pvs: a PV name appears twice in " + out);
        }
        return out;
    }

    static DemoPvDefinition parse(String entry) {
        int at = entry.lastIndexOf('@');
        if (at <= 0 || at == entry.length() - 1) {
            throw new IllegalArgumentException("pvs: '" + entry + "' is not NAME@RATE[+PHASE] (rate in Hz, phase in ms)");
        }
        String timing = entry.substring(at + 1).trim();
        int plus = timing.indexOf('+');
        String rate = plus < 0 ? timing : timing.substring(0, plus).trim();
        String phase = plus < 0 ? "0" : timing.substring(plus + 1).trim();
        double rateHz;
        double phaseMs;
        try {
            rateHz = Double.parseDouble(rate);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("pvs: '" + entry + "' has rate '" + rate + "', not a number of Hz");
        }
        try {
            phaseMs = Double.parseDouble(phase);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("pvs: '" + entry + "' has phase '" + phase + "', not a number of ms");
        }
        try {
            return new DemoPvDefinition(entry.substring(0, at).trim(), rateHz, phaseMs);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pvs: '" + entry + "': " + e.getMessage());
        }
    }
}
