package org.syncscope.publish.internal;

import java.util.LinkedHashSet;
import java.util.Set;

/** The {@code protocols} key, checked: names as the servers' {@code protocol} service property spells them. */
final class ProtocolSet {

    private ProtocolSet() {
    }

    /**
     * @throws IllegalArgumentException naming the key and the bad entry (empty, or not a lowercase
     *                                  name such as {@code ca}, or {@code all}, which is this publisher)
     */
    static Set<String> parse(String[] entries) {
        Set<String> out = new LinkedHashSet<>();
        for (String raw : entries) {
            for (String e : raw.split(",")) {
                String p = e.trim();
                if (p.isEmpty()) {
                    continue;
                }
                if (!p.matches("[a-z][a-z0-9]*") || p.equals(AllProtocolsPublisher.ALL)) {
                    throw new IllegalArgumentException("protocols: '" + p + "' is not a protocol name (e.g. ca, pva)");
                }
                out.add(p);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("protocols: empty; name at least one (ca, pva)");
        }
        return out;
    }
}
