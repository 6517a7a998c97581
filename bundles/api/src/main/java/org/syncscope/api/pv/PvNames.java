package org.syncscope.api.pv;

/**
 * The record-name rules of EPICS base (dbRecordNameValidate): what an IOC would accept as a PV
 * name, so that every PV we serve can be typed into any EPICS tool. Publishers apply it;
 * owners of on-demand names ({@link PvCatalog}) check theirs with it when they are configured.
 */
public final class PvNames {

    /** PVNAME_STRINGSZ is 61 in EPICS base: 60 characters and the terminating NUL. */
    public static final int MAX_LENGTH = 60;

    private PvNames() {
    }

    /**
     * @throws IllegalArgumentException naming the bad character and its position, or the length
     */
    public static String validate(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("PV name is empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("PV name '" + name + "' is too long: " + name.length()
                    + " characters; EPICS allows at most " + MAX_LENGTH);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            String why = null;
            if (c < 0x21 || c > 0x7E) {
                why = c == ' ' ? "a space" : "a non-printable or non-ASCII character (0x" + Integer.toHexString(c) + ")";
            } else if (c == '"' || c == '\'' || c == '$' || c == '.') {
                why = c == '.' ? "'.' (it separates the field name)" : "'" + c + "'";
            } else if (i == 0 && (c == '-' || c == '+' || c == '[' || c == '{')) {
                why = "'" + c + "' at the start";
            }
            if (why != null) {
                throw new IllegalArgumentException("PV name '" + name + "' has " + why + " at position " + (i + 1)
                        + "; EPICS record names may not");
            }
        }
        return name;
    }
}
