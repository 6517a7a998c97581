package org.syncscope.eventsystem.mrf.internal;

import java.util.List;
import java.util.Map;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;

/**
 * A receiver configuration checked: every value in range, the events parsed, the sync event
 * among them (its counter's time stamps are the base of every event's ticks).
 *
 * @param name      the {@code name} service property
 * @param prefix    the receiver's {@code $(P)}
 * @param events    the followed events, as written
 * @param syncEvent the sync event's code
 * @param protocol  what {@code source.target} asks for ({@code ca}, {@code pva}), for messages; the filter itself if it names none
 */
record MrfSettings(String name, String prefix, List<FollowedEvent> events, int syncEvent, String protocol,
                   int connectTimeoutSeconds) {

    /**
     * @param fileName the NAME of {@code org.syncscope.eventsystem.mrf-NAME.cfg}, the name when the file gives none
     * @throws IllegalArgumentException naming the key of a bad value
     */
    static MrfSettings of(MrfConfig config, String fileName) {
        String name = config.name() == null || config.name().isBlank() ? fileName : config.name().trim();
        if (!name.matches("[A-Za-z0-9._:-]+")) {
            throw new IllegalArgumentException("name: '" + name + "' must be letters, digits, '.', '_', ':' or '-'");
        }
        String prefix = config.prefix() == null ? "" : config.prefix().trim();
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("prefix: missing; give the receiver's $(P), e.g. prefix = TST{EVR:1}");
        }
        if (prefix.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("prefix: '" + prefix + "' holds a blank; a PV name has none");
        }
        if (config.syncEvent() < 0 || config.syncEvent() > 255) {
            throw new IllegalArgumentException("syncEvent: " + config.syncEvent() + " is outside 0..255");
        }
        List<FollowedEvent> events = FollowedEvent.parseAll(config.events());
        if (events.stream().noneMatch(e -> e.code() == config.syncEvent())) {
            throw new IllegalArgumentException("events: no entry for syncEvent " + config.syncEvent()
                    + " (add " + config.syncEvent() + "=EN: its counter's time stamps are the base of every event's ticks)");
        }
        if (config.connectTimeoutSeconds() < 1 || config.connectTimeoutSeconds() > 3600) {
            throw new IllegalArgumentException("connectTimeoutSeconds: " + config.connectTimeoutSeconds() + " is outside 1..3600");
        }
        String target = config.source_target() == null ? "" : config.source_target().trim();
        try {
            FrameworkUtil.createFilter(target);
        } catch (InvalidSyntaxException bad) {
            throw new IllegalArgumentException("source.target: '" + target + "' is not an OSGi filter: " + bad.getMessage());
        }
        return new MrfSettings(name, prefix, events, config.syncEvent(), protocolOf(target), config.connectTimeoutSeconds());
    }

    /** {@code ca} of {@code (protocol=ca)}; the filter itself when it has no single protocol. */
    static String protocolOf(String filter) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\(protocol=([A-Za-z0-9_-]+)\\)$").matcher(filter);
        return m.matches() ? m.group(1) : filter;
    }

    /** NAME of {@code .../org.syncscope.eventsystem.mrf-NAME.cfg}, or of the PID {@code org.syncscope.eventsystem.mrf~NAME}; else {@code mrf}. */
    static String fileName(Map<String, ?> properties) {
        Object file = properties.get("felix.fileinstall.filename");
        if (file != null) {
            String f = file.toString();
            String base = f.substring(f.lastIndexOf('/') + 1);
            String head = MrfConfig.PID + "-";
            if (base.startsWith(head) && base.endsWith(".cfg") && base.length() > head.length() + 4) {
                return base.substring(head.length(), base.length() - 4);
            }
        }
        Object pid = properties.get("service.pid");
        if (pid != null && pid.toString().startsWith(MrfConfig.PID + "~")) {
            return pid.toString().substring(MrfConfig.PID.length() + 1);
        }
        return "mrf";
    }
}
