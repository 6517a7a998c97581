package org.syncscope.cas.internal;

import java.util.regex.Pattern;

/** A PV name pattern as {@code pv:list} takes it: {@code *} any run of characters (also none), {@code ?} exactly one; all else literal. */
final class NameGlob {

    private static final NameGlob ALL = new NameGlob(null);

    private final Pattern regex;   // null: matches every name

    private NameGlob(Pattern regex) {
        this.regex = regex;
    }

    /** {@code glob} null, empty or {@code *}: every name. */
    static NameGlob of(String glob) {
        if (glob == null || glob.isEmpty() || glob.equals("*")) {
            return ALL;
        }
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    re.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                re.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            re.append(Pattern.quote(literal.toString()));
        }
        return new NameGlob(Pattern.compile(re.toString(), Pattern.DOTALL));
    }

    boolean matches(String name) {
        return regex == null || regex.matcher(name).matches();
    }
}
