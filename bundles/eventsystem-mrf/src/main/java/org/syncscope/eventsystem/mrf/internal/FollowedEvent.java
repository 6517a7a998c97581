package org.syncscope.eventsystem.mrf.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An event the driver follows: its hardware code and the prefix {@code $(EN)} of its mrfioc2
 * event records, whose counter {@code $(EN)Cnt-I} is read. From a {@code CODE=EN} entry.
 */
record FollowedEvent(int code, String prefix) {

    /** The counter record mrfioc2's evrevent.db makes for the event: stamped with the event's hardware time. */
    String counterPv() {
        return prefix + "Cnt-I";
    }

    /**
     * The {@code events} key's entries, {@code CODE=EN} separated by commas (Karaf may also hand
     * them over as several elements). The code is decimal, or hex with {@code 0x}, 0..255; EN is a
     * PV name prefix (no blanks); a code appears once.
     *
     * @throws IllegalArgumentException naming the key and the bad entry
     */
    static List<FollowedEvent> parseAll(String[] elements) {
        List<FollowedEvent> out = new ArrayList<>();
        Map<Integer, String> seen = new HashMap<>();
        for (String element : elements == null ? new String[0] : elements) {
            for (String entry : element.split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                FollowedEvent e = parse(entry.trim());
                String earlier = seen.putIfAbsent(e.code(), e.prefix());
                if (earlier != null) {
                    throw new IllegalArgumentException("events: '" + entry.trim() + "': code " + e.code()
                            + " is already given (=" + earlier + ")");
                }
                if (out.stream().anyMatch(o -> o.prefix().equals(e.prefix()))) {
                    throw new IllegalArgumentException("events: '" + entry.trim() + "': " + e.prefix()
                            + " is already given to another code (one event's records count one code)");
                }
                out.add(e);
            }
        }
        return out;
    }

    private static FollowedEvent parse(String entry) {
        int eq = entry.indexOf('=');
        if (eq <= 0 || eq == entry.length() - 1) {
            throw new IllegalArgumentException("events: '" + entry + "' is not CODE=EN (e.g. 125=TST{EVR:1}Evt125)");
        }
        String code = entry.substring(0, eq).trim().toLowerCase();
        String prefix = entry.substring(eq + 1).trim();
        int n;
        try {
            n = code.startsWith("0x") ? Integer.parseInt(code.substring(2), 16) : Integer.parseInt(code);
        } catch (NumberFormatException bad) {
            throw new IllegalArgumentException("events: '" + entry + "': '" + code
                    + "' is not an event code (decimal, or hex with 0x)");
        }
        if (n < 0 || n > 255) {
            throw new IllegalArgumentException("events: '" + entry + "': code " + n + " is outside 0..255");
        }
        if (prefix.isEmpty() || prefix.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("events: '" + entry + "': '" + prefix + "' is not a PV name prefix");
        }
        return new FollowedEvent(n, prefix);
    }
}
