package org.syncscope.api.pv;

import java.util.List;

/**
 * An EPICS address list (as in EPICS_CA_ADDR_LIST): hosts or IPv4 addresses, each with an
 * optional {@code :port}. Written space separated; commas are accepted too, since Karaf .cfg lists
 * are comma separated.
 *
 * @param entries the entries, each {@code host} or {@code host:port}
 */
public record AddressList(List<String> entries) {

    /** The empty list. */
    public static final AddressList EMPTY = new AddressList(List.of());

    public AddressList {
        entries = List.copyOf(entries);
    }

    /**
     * Parses a list as written in a configuration file.
     *
     * @param key  the configuration key, for the error message
     * @param text the list; null or blank means empty
     * @throws IllegalArgumentException naming the key and the bad entry
     */
    public static AddressList parse(String key, String text) {
        if (text == null || text.isBlank()) {
            return EMPTY;
        }
        List<String> entries = List.of(text.trim().split("[\\s,]+"));
        for (String e : entries) {
            int colon = e.lastIndexOf(':');
            String host = colon < 0 ? e : e.substring(0, colon);
            if (!host.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw new IllegalArgumentException(key + ": '" + e + "' is not a host or host:port");
            }
            if (colon >= 0) {
                String port = e.substring(colon + 1);
                if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                    throw new IllegalArgumentException(key + ": '" + e + "' has a port outside 1..65535");
                }
            }
        }
        return new AddressList(entries);
    }

    /** The list as EPICS tools write it: entries separated by single spaces. */
    @Override
    public String toString() {
        return String.join(" ", entries);
    }
}
