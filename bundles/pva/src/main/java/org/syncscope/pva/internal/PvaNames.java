package org.syncscope.pva.internal;

/** What the client accepts as a channel name, and the {@code pva://} prefix it strips. */
final class PvaNames {

    static final String PREFIX = "pva://";
    /** The library refuses longer names (PVAConstants.MAX_CHANNEL_NAME_LENGTH). */
    static final int MAX_LENGTH = 500;

    private PvaNames() {
    }

    /**
     * The channel name to search for: {@code name} without a {@code pva://} prefix.
     *
     * @throws IllegalArgumentException naming the problem: empty, blank, a space or control
     *                                  character (with its position), too long, or another protocol's prefix
     */
    static String channelName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("PV name is empty");
        }
        String n = name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : name;
        int scheme = n.indexOf("://");
        if (scheme > 0) {
            throw new IllegalArgumentException("PV name '" + name + "' is for protocol '" + n.substring(0, scheme)
                    + "', not pva (this source reads pvAccess; strip the prefix or use the " + n.substring(0, scheme)
                    + " source)");
        }
        if (n.isBlank()) {
            throw new IllegalArgumentException("PV name '" + name + "' has no channel name");
        }
        if (n.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("PV name of " + n.length() + " characters; pvAccess allows " + MAX_LENGTH);
        }
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c <= 0x20 || c == 0x7F) {
                throw new IllegalArgumentException("PV name '" + name + "' has "
                        + (c == ' ' ? "a space" : "character 0x" + Integer.toHexString(c)) + " at position "
                        + (i + 1 + (n == name ? 0 : PREFIX.length())));
            }
        }
        return n;
    }
}
