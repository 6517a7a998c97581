package org.syncscope.ca.internal;

/** What the client accepts as a channel name: a record name, optionally .FIELD or a {filter}. */
final class CaNames {

    /** CAJ refuses longer names (CAConstants.UNREASONABLE_CHANNEL_NAME_LENGTH). */
    static final int MAX_LENGTH = 500;

    private CaNames() {
    }

    /** @throws IllegalArgumentException naming the bad character and its position, or the length */
    static String validate(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("PV name is empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("PV name of " + name.length() + " characters; Channel Access allows "
                    + MAX_LENGTH);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= 0x20 || c > 0x7E) {
                throw new IllegalArgumentException("PV name '" + name + "' has "
                        + (c == ' ' ? "a space" : "character 0x" + Integer.toHexString(c)) + " at position " + (i + 1));
            }
        }
        return name;
    }
}
