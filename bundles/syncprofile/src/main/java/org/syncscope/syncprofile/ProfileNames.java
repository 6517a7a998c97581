package org.syncscope.syncprofile;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a sync profile may be called, and which name a configuration gives its profile. A name
 * becomes a file name ({@code etc/org.syncscope.syncprofile-NAME.cfg}), part of PV names
 * ({@code SYNCPROFILE:NAME:QueuedUpdates}) and a thread name, so it keeps to characters that are
 * safe in all three: '.' would start a PV field, ':' separates PV name parts, a space or '*' does
 * not survive a shell or an LDAP filter.
 */
public final class ProfileNames {

    /** The factory PID of sync profile configurations. */
    public static final String FACTORY_PID = "org.syncscope.syncprofile";

    public static final int MAX_LENGTH = 32;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_LENGTH + "}");

    private ProfileNames() {
    }

    /** Why {@code name} cannot name a profile, or null when it can. */
    public static String problem(String name) {
        if (name == null) {
            return "no name";
        }
        return NAME.matcher(name).matches() ? null : "'" + name + "' is not a profile name: use 1 to " + MAX_LENGTH + " letters, digits, '_' or '-'";
    }

    /**
     * The name a configuration gives its profile: the {@code name} key, else NAME of the file
     * {@code org.syncscope.syncprofile-NAME.cfg}, else NAME of the PID
     * {@code org.syncscope.syncprofile~NAME}, else the PID.
     */
    public static String of(Map<String, ?> properties) {
        Object key = properties.get("name");
        if (key != null && !key.toString().isBlank()) {
            return key.toString().trim();
        }
        Object file = properties.get("felix.fileinstall.filename");
        if (file != null) {
            String f = file.toString();
            String base = f.substring(f.lastIndexOf('/') + 1);
            String head = FACTORY_PID + "-";
            if (base.startsWith(head) && base.endsWith(".cfg")) {
                return base.substring(head.length(), base.length() - 4);
            }
        }
        String pid = String.valueOf(properties.get("service.pid"));
        int tilde = pid.indexOf('~');
        if (tilde >= 0) {
            return pid.substring(tilde + 1);
        }
        return pid.startsWith(FACTORY_PID + ".") ? pid.substring(FACTORY_PID.length() + 1) : pid;
    }
}
