package org.syncscope.timeav.internal;

import java.util.Locale;

/** What a compute outputs: the mean (no calcDirection), or diff, sum, sd, life, nlife. */
public enum CalcDirection {
    MEAN, DIFF, SUM, SD, LIFE, NLIFE;

    static CalcDirection parse(String text, int position) throws InvalidSettingException {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "", "null" -> MEAN;
            case "diff" -> DIFF;
            case "sum" -> SUM;
            case "sd" -> SD;
            case "life" -> LIFE;
            case "nlife" -> NLIFE;
            default -> throw new InvalidSettingException("calcDirection", position, "'" + text.trim()
                    + "' is not null, diff, sum, sd, life or nlife");
        };
    }

    boolean isLifetime() {
        return this == LIFE || this == NLIFE;
    }
}
