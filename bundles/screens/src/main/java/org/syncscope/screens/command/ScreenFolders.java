package org.syncscope.screens.command;

import java.nio.file.Path;
import java.nio.file.Paths;

/** Where the distribution keeps its screens: {@code screens/} of the server, generated ones below it. */
final class ScreenFolders {

    private ScreenFolders() {
    }

    static Path fixed() {
        return Paths.get(System.getProperty("karaf.home", "."), "screens");
    }

    static Path generated() {
        return fixed().resolve("generated");
    }
}
