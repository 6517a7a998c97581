package org.syncscope.timeav.internal;

/**
 * A TIMEAV expression that cannot run, reported as the original reported it: DAE_INVALID_SETTING,
 * with the field, its position (1-based column in the expression) and the reason.
 */
public final class InvalidSettingException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final int position;
    private final String reason;

    InvalidSettingException(String field, int position, String reason) {
        super("DAE_INVALID_SETTING: " + field + " at position " + position + ": " + reason);
        this.field = field;
        this.position = position;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public int position() {
        return position;
    }

    public String reason() {
        return reason;
    }
}
