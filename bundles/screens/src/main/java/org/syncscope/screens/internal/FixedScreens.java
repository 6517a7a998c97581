package org.syncscope.screens.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The fixed screens, resources {@code screens/NAME.bob} of this bundle (the same files the
 * distribution has in its {@code screens/} folder): hand-made, with macros for their prefixes.
 */
final class FixedScreens {

    static final List<String> NAMES = List.of("syncscope.bob", "timestamp.bob", "ptpcheck.bob", "timeav.bob");

    private FixedScreens() {
    }

    static Optional<String> read(String name) {
        if (!NAMES.contains(name)) {
            return Optional.empty();
        }
        try (InputStream in = FixedScreens.class.getResourceAsStream("/screens/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the bundle lacks its resource screens/" + name);
            }
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the resource screens/" + name, e);
        }
    }
}
