package org.syncscope.syncprofile;

import java.util.List;

/** Every sync profile configuration of this server with its state: running, or refused and why. */
public interface ProfileConfigurations {

    /** Every configuration, by name (then origin). */
    List<ProfileState> all();

    /** The configurations that give this profile name (more than one only when all but one are refused). */
    default List<ProfileState> named(String name) {
        return all().stream().filter(s -> s.name().equals(name)).toList();
    }
}
