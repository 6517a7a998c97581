package org.syncscope.timeav.internal;

import java.util.Locale;

/**
 * A DRF event, as TIMEAV's sample and compute events use them: periodic ({@code p}, or {@code q}
 * for "only when the value changed"), clock event ({@code e}), once ({@code i}), never
 * ({@code n}). State events ({@code s}) and the device default ({@code u}) have no meaning for an
 * EPICS PV here and are refused with that reason.
 */
public sealed interface EventSpec {

    /** The canonical DRF text, e.g. {@code P,2000,TRUE} or {@code E,81,S,10}. */
    String canonical();

    /** Every {@code periodNanos}; first at once when {@code immediate}; {@code onChange}: q (only if the value changed). */
    record Periodic(long periodNanos, boolean immediate, boolean onChange) implements EventSpec {
        @Override
        public String canonical() {
            return (onChange ? "Q," : "P,") + millis(periodNanos) + "," + (immediate ? "TRUE" : "FALSE");
        }
    }

    /** Event-system event {@code event} (1–255), {@code delayNanos} after it; source H, S or E as written. */
    record Clock(int event, char source, long delayNanos) implements EventSpec {
        @Override
        public String canonical() {
            return "E," + Integer.toHexString(event).toUpperCase(Locale.ROOT) + "," + source + "," + millis(delayNanos);
        }
    }

    /** {@code i}: once, at the start. */
    record Once() implements EventSpec {
        @Override
        public String canonical() {
            return "I";
        }
    }

    /** {@code n}: never. */
    record Never() implements EventSpec {
        @Override
        public String canonical() {
            return "N";
        }
    }

    private static String millis(long nanos) {
        return nanos % 1_000_000 == 0 ? Long.toString(nanos / 1_000_000) : (nanos / 1000) + "U";
    }

    /**
     * Parses one event field.
     *
     * @param field    "sampleEvent" or "computeEvent", for the message
     * @param position 1-based column of the field in the expression
     */
    static EventSpec parse(String text, String field, int position) throws InvalidSettingException {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new InvalidSettingException(field, position, "empty event");
        }
        String[] p = t.split(",", -1);
        String kind = p[0].trim().toLowerCase(Locale.ROOT);
        switch (kind) {
            case "p", "q" -> {
                arity(p, 2, 3, field, position, kind + ",<period>[,<immediate>]");
                long period = duration(p[1], field, position, "period");
                if (period <= 0) {
                    throw new InvalidSettingException(field, position, "period " + p[1].trim() + " must be above 0");
                }
                boolean immediate = true;
                if (p.length == 3) {
                    String im = p[2].trim().toLowerCase(Locale.ROOT);
                    if (!im.equals("true") && !im.equals("false")) {
                        throw new InvalidSettingException(field, position, "immediate '" + p[2].trim()
                                + "' is neither true nor false");
                    }
                    immediate = im.equals("true");
                }
                return new Periodic(period, immediate, kind.equals("q"));
            }
            case "e" -> {
                arity(p, 2, 4, field, position, "e,<event>[,<h|s|e>[,<delay>]]");
                int event;
                try {
                    event = Integer.parseInt(p[1].trim(), 16);
                } catch (NumberFormatException e) {
                    throw new InvalidSettingException(field, position, "clock event '" + p[1].trim() + "' is not hexadecimal");
                }
                if (event < 0 || event > 0xFFFF) {
                    throw new InvalidSettingException(field, position, "clock event " + p[1].trim() + " is above 0xFFFF");
                }
                if (event == 0) {
                    // the timestamp driver's event 0 is "now": it never occurs, so no listener can be called
                    throw new InvalidSettingException(field, position, "clock event 0 never occurs (event 0 is the "
                            + "current time); use 0x01-0xFF");
                }
                if (event > 0xFF) {
                    throw new InvalidSettingException(field, position, "clock event 0x" + p[1].trim().toUpperCase(Locale.ROOT)
                            + " cannot come from the event system (events 0x01-0xFF)");
                }
                char source = 'E';
                if (p.length >= 3) {
                    String s = p[2].trim().toUpperCase(Locale.ROOT);
                    if (!s.equals("H") && !s.equals("S") && !s.equals("E")) {
                        throw new InvalidSettingException(field, position, "clock event source '" + p[2].trim()
                                + "' is not h, s or e");
                    }
                    source = s.charAt(0);
                }
                long delay = p.length == 4 ? duration(p[3], field, position, "delay") : 0;
                return new Clock(event, source, delay);
            }
            case "i" -> {
                arity(p, 1, 1, field, position, "i");
                return new Once();
            }
            case "n" -> {
                arity(p, 1, 1, field, position, "n");
                return new Never();
            }
            case "s" -> throw new InvalidSettingException(field, position,
                    "state events (s,...) need ACNET state devices, which EPICS PVs are not; use p or e");
            case "u" -> throw new InvalidSettingException(field, position,
                    "the device default event (u) does not exist for EPICS PVs; use p or e");
            default -> throw new InvalidSettingException(field, position, "'" + p[0].trim()
                    + "' is not an event kind (p, q, e, i, n)");
        }
    }

    private static void arity(String[] p, int min, int max, String field, int position, String form)
            throws InvalidSettingException {
        if (p.length < min || p.length > max) {
            throw new InvalidSettingException(field, position, "expected " + form);
        }
    }

    /** An integer with an optional unit: S, M (default), U, H, K; at most 2147483647. In ns. */
    static long duration(String text, String field, int position, String what) throws InvalidSettingException {
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.isEmpty()) {
            throw new InvalidSettingException(field, position, what + " is empty");
        }
        char unit = Character.isLetter(t.charAt(t.length() - 1)) ? t.charAt(t.length() - 1) : 'M';
        String digits = Character.isLetter(t.charAt(t.length() - 1)) ? t.substring(0, t.length() - 1) : t;
        long n;
        try {
            n = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(field, position, what + " '" + text.trim() + "' is not an integer with "
                    + "an optional unit S, M, U, H or K");
        }
        if (n < 0 || n > Integer.MAX_VALUE) {
            throw new InvalidSettingException(field, position, what + " " + n + " is outside 0..2147483647");
        }
        return switch (unit) {
            case 'S' -> n * 1_000_000_000L;
            case 'M' -> n * 1_000_000L;
            case 'U' -> n * 1_000L;
            case 'H' -> requirePositive(n, field, position, what) ? 1_000_000_000L / n : 0;
            case 'K' -> requirePositive(n, field, position, what) ? 1_000_000L / n : 0;
            default -> throw new InvalidSettingException(field, position, what + " unit '" + unit
                    + "' is not S, M, U, H or K");
        };
    }

    private static boolean requirePositive(long n, String field, int position, String what) throws InvalidSettingException {
        if (n == 0) {
            throw new InvalidSettingException(field, position, what + " of 0 Hz is no period");
        }
        return true;
    }
}
