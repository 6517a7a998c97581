package org.syncscope.cfgprune.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Finds and deletes the configurations File Install made from a file that no longer exists.
 *
 * <p>File Install deletes a configuration when it sees its file go, but only while it runs: at
 * startup it rebuilds its list of installed artifacts from bundles alone, so a configuration whose
 * file was deleted while the server was stopped stays in Config Admin's store under {@code data/}
 * and its component comes back. Every configuration File Install (or {@code config:edit}, which
 * names the file it writes) made carries the file in {@value #FILENAME}; that is what is checked.
 */
final class StaleConfigurations {

    /** The property File Install stores the source file in (a {@code file:} URI, or a path in old versions). */
    static final String FILENAME = "felix.fileinstall.filename";

    /** One deleted configuration and the file it came from. */
    record Deleted(String pid, Path file) {
    }

    private final ConfigurationAdmin admin;

    StaleConfigurations(ConfigurationAdmin admin) {
        this.admin = admin;
    }

    /** Deletes every configuration whose file is gone from a folder that is still there. */
    List<Deleted> delete() throws IOException {
        List<Deleted> deleted = new ArrayList<>();
        for (Configuration config : fileBacked()) {
            Dictionary<String, Object> properties = config.getProperties();
            Optional<Path> file = properties == null ? Optional.empty() : fileOf(properties.get(FILENAME));
            if (file.isPresent() && isGone(file.get())) {
                String pid = config.getPid();
                config.delete();
                deleted.add(new Deleted(pid, file.get()));
            }
        }
        return deleted;
    }

    private Configuration[] fileBacked() throws IOException {
        try {
            Configuration[] configs = admin.listConfigurations("(" + FILENAME + "=*)");
            return configs == null ? new Configuration[0] : configs;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("the filter on " + FILENAME + " is malformed", e);
        }
    }

    /**
     * A missing file in a missing folder is left alone: the folder may be a mount that is not up
     * yet, and deleting a whole site's configuration for that would be worse than a stale entry.
     */
    private static boolean isGone(Path file) {
        Path folder = file.getParent();
        return !Files.exists(file) && folder != null && Files.isDirectory(folder);
    }

    static Optional<Path> fileOf(Object value) {
        if (!(value instanceof String name) || name.isBlank()) {
            return Optional.empty();
        }
        try {
            if (name.startsWith("file:")) {
                return Optional.of(Path.of(URI.create(name)));
            }
            Path path = Path.of(name);
            return path.isAbsolute() ? Optional.of(path) : Optional.empty();
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException notAFile) {
            return Optional.empty();
        }
    }
}
