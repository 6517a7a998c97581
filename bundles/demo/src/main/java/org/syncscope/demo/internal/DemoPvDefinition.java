package org.syncscope.demo.internal;

import java.util.ArrayList;
import java.util.List;

/** One demo PV: its name and rate, parsed from a {@code NAME@RATE} entry. */
record DemoPvDefinition(String name, double rateHz) {

    static final double MIN_RATE = 0.001;
    static final double MAX_RATE = 1000;

    DemoPvDefinition {
        if (!(rateHz >= MIN_RATE && rateHz <= MAX_RATE)) {
            throw new IllegalArgumentException("rate of " + name + " must be " + MIN_RATE + ".." + MAX_RATE + " Hz, got " + rateHz);
        }
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
            throw new IllegalArgumentException("pvs: '" + entry + "' is not NAME@RATE (rate in Hz)");
        }
        String rate = entry.substring(at + 1).trim();
        try {
            return new DemoPvDefinition(entry.substring(0, at).trim(), Double.parseDouble(rate));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("pvs: '" + entry + "' has rate '" + rate + "', not a number of Hz");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pvs: '" + entry + "': " + e.getMessage());
        }
    }
}
