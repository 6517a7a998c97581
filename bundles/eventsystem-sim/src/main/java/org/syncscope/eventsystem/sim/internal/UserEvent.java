package org.syncscope.eventsystem.sim.internal;

import java.util.ArrayList;
import java.util.List;

/** A simulated user event: its number and rate, from an {@code EVENT@RATE} entry (event in hex). */
record UserEvent(int number, double rateHz) {

    UserEvent {
        if (number < 1 || number > 255) {
            throw new IllegalArgumentException("event number " + number + " is outside 1..255");
        }
        if (!(rateHz > 0 && rateHz <= 10_000)) {
            throw new IllegalArgumentException("rate of event " + number + " must be 0..10000 Hz, got " + rateHz);
        }
    }

    /** @throws IllegalArgumentException naming the bad entry */
    static List<UserEvent> parseAll(String[] elements) {
        List<UserEvent> out = new ArrayList<>();
        for (String element : elements) {
            for (String entry : element.split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                String e = entry.trim();
                int at = e.indexOf('@');
                if (at <= 0) {
                    throw new IllegalArgumentException("events: '" + e + "' is not EVENT@RATE (event in hex, rate in Hz)");
                }
                String num = e.substring(0, at).trim().toLowerCase();
                try {
                    int n = Integer.parseInt(num.startsWith("0x") ? num.substring(2) : num, 16);
                    out.add(new UserEvent(n, Double.parseDouble(e.substring(at + 1).trim())));
                } catch (NumberFormatException bad) {
                    throw new IllegalArgumentException("events: '" + e + "' has a bad number: " + bad.getMessage());
                } catch (IllegalArgumentException bad) {
                    throw new IllegalArgumentException("events: '" + e + "': " + bad.getMessage());
                }
            }
        }
        return out;
    }
}
