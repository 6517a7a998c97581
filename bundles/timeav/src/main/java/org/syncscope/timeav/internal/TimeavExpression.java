package org.syncscope.timeav.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code deviceName | sampleEvent | computeEvent | maxPoints | calcDirection}: blanks around
 * fields ignored, the last two optional, {@code null} allowed for computeEvent and calcDirection,
 * one trailing {@code |} accepted (the original refused it after three fields; refusing helps
 * nobody). maxPoints 0 or empty means none.
 */
public record TimeavExpression(String device, EventSpec sample, Optional<EventSpec> compute, int maxPoints,
                               CalcDirection direction) {

    private static final String[] FIELDS = {"deviceName", "sampleEvent", "computeEvent", "maxPoints", "calcDirection"};

    /** The characters {@link #isPvName} allows, in words. */
    public static final String PV_NAME_CHARACTERS = "letters, digits, _ - : . [ ] < > ; { } $";
    private static final Pattern PV_NAME = Pattern.compile("[A-Za-z0-9_:.\\-\\[\\]<>;{}$]+");

    /** Whether {@code name} is made of the characters EPICS record and PV names use. */
    public static boolean isPvName(String name) {
        return PV_NAME.matcher(name).matches();
    }

    public static TimeavExpression parse(String expression) throws InvalidSettingException {
        if (expression == null || expression.isBlank()) {
            throw new InvalidSettingException("deviceName", 1, "the expression is empty");
        }
        List<String> fields = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= expression.length(); i++) {
            if (i == expression.length() || expression.charAt(i) == '|') {
                String f = expression.substring(start, i);
                fields.add(f);
                int lead = 0;
                while (lead < f.length() && Character.isWhitespace(f.charAt(lead))) {
                    lead++;
                }
                positions.add(start + lead + 1);
                start = i + 1;
            }
        }
        if (fields.size() > 3 && fields.get(fields.size() - 1).isBlank()) {
            fields.remove(fields.size() - 1);      // one trailing '|'
            positions.remove(positions.size() - 1);
        }
        if (fields.size() < 3) {
            throw new InvalidSettingException(FIELDS[fields.size()], expression.length() + 1,
                    "missing: at least deviceName | sampleEvent | computeEvent");
        }
        if (fields.size() > 5) {
            throw new InvalidSettingException("expression", positions.get(5), "more than five fields");
        }
        String device = fields.get(0).trim();
        if (device.isEmpty()) {
            throw new InvalidSettingException("deviceName", positions.get(0), "empty");
        }
        if (!isPvName(device)) {
            throw new InvalidSettingException("deviceName", positions.get(0), "'" + device
                    + "' is not a PV name (" + PV_NAME_CHARACTERS + ")");
        }
        if (fields.get(1).trim().equalsIgnoreCase("null")) {
            throw new InvalidSettingException("sampleEvent", positions.get(1), "null: there must be a sample event");
        }
        EventSpec sample = EventSpec.parse(fields.get(1), "sampleEvent", positions.get(1));
        String computeText = fields.get(2).trim();
        Optional<EventSpec> compute = computeText.isEmpty() || computeText.equalsIgnoreCase("null") ? Optional.empty()
                : Optional.of(EventSpec.parse(computeText, "computeEvent", positions.get(2)));
        if (compute.isPresent() && compute.get() instanceof EventSpec.Periodic p && p.onChange()) {
            throw new InvalidSettingException("computeEvent", positions.get(2),
                    "q (only when the value changed) applies to sampling, not to computing");
        }
        int maxPoints = 0;
        if (fields.size() >= 4) {
            String m = fields.get(3).trim();
            if (!m.isEmpty() && !m.equalsIgnoreCase("null")) {
                try {
                    maxPoints = Integer.parseInt(m);
                } catch (NumberFormatException e) {
                    throw new InvalidSettingException("maxPoints", positions.get(3), "'" + m + "' is not an integer");
                }
                if (maxPoints < 0 || maxPoints > 1_000_000) {
                    throw new InvalidSettingException("maxPoints", positions.get(3), maxPoints + " is outside 0..1000000");
                }
            }
        }
        CalcDirection direction = fields.size() == 5 ? CalcDirection.parse(fields.get(4), positions.get(4))
                : CalcDirection.MEAN;
        if (compute.isEmpty() && maxPoints == 0) {
            throw new InvalidSettingException("maxPoints", fields.size() >= 4 ? positions.get(3) : expression.length() + 1,
                    "without a computeEvent a running average needs maxPoints > 0");
        }
        if (direction.isLifetime() && maxPoints == 0) {
            throw new InvalidSettingException("maxPoints", fields.size() >= 4 ? positions.get(3) : expression.length() + 1,
                    direction.name().toLowerCase() + " needs maxPoints > 0: the window T is maxPoints sample intervals");
        }
        return new TimeavExpression(device, sample, compute, maxPoints, direction);
    }

    /**
     * What a device on {@code expression} would do, in words, or exactly the DAE_INVALID_SETTING
     * message its Status would show: {@code timeav:check} and the device share this one verdict.
     */
    public static String check(String expression) {
        try {
            return parse(expression).explain();
        } catch (InvalidSettingException e) {
            return e.getMessage();
        }
    }

    /** What the device will do, in words (timeav:check). */
    public String explain() {
        StringBuilder s = new StringBuilder();
        s.append("device ").append(device).append(", sampled on ").append(sample.canonical());
        String what = switch (direction) {
            case MEAN -> "the mean";
            case DIFF -> "the mean minus the previous mean";
            case SUM -> "the sum";
            case SD -> "the standard deviation (n-1)";
            case LIFE -> "the lifetime tau = T / ln(Xi/Xf)";
            case NLIFE -> "the lifetime of -X (rising values)";
        };
        if (compute.isEmpty()) {
            s.append("; after each sample once ").append(maxPoints).append(" are in, outputs ").append(what)
                    .append(direction.isLifetime() ? " over the last " + maxPoints + " sample intervals (shorter after a reset)"
                            : " of the newest " + maxPoints + " (running boxcar)");
        } else {
            s.append("; at each ").append(compute.get().canonical()).append(" outputs ").append(what);
            if (direction.isLifetime()) {
                s.append(" over the last ").append(maxPoints).append(" sample intervals (a sliding window)");
            } else if (maxPoints > 0) {
                s.append(" of at most the newest ").append(maxPoints).append(" samples since the previous compute");
            } else {
                s.append(" of every sample since the previous compute");
            }
        }
        return s.toString();
    }
}
