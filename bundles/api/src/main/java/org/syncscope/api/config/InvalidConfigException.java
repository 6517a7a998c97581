package org.syncscope.api.config;

import java.util.List;

/**
 * A configuration with values that do not convert to their declared types. The message names
 * the file (or PID) and, per bad value, its key, the value and what was expected.
 */
public final class InvalidConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidConfigException(String origin, List<String> problems) {
        super(origin + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per bad value, e.g. {@code window = 'abc' is not an integer}. */
    public List<String> problems() {
        return problems;
    }
}
