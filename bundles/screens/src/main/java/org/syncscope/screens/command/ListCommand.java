package org.syncscope.screens.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.syncscope.screens.Screens;

/** The screens there are: fixed ones, generated files, and where they are served. */
@Command(scope = "screens", name = "list", description = "Lists the fixed and the generated Phoebus screens and their HTTP URL")
@Service
public class ListCommand implements Action {

    @Reference
    Screens screens;

    @Override
    public Object execute() throws IOException {
        Path fixed = ScreenFolders.fixed();
        System.out.println("Fixed screens (" + fixed.toAbsolutePath().normalize() + "):");
        for (String name : screens.fixedNames()) {
            System.out.println("  " + name + (Files.isRegularFile(fixed.resolve(name)) ? "" : " (served over HTTP only: not in the folder)"));
        }
        Path generated = ScreenFolders.generated();
        System.out.println("Generated screens (" + generated.toAbsolutePath().normalize() + ", screens:generate):");
        List<String> files = List.of();
        if (Files.isDirectory(generated)) {
            try (Stream<Path> s = Files.list(generated)) {
                files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".bob")).sorted().toList();
            }
        }
        if (files.isEmpty()) {
            System.out.println("  none");
        }
        files.forEach(f -> System.out.println("  " + f));
        System.out.println("Profiles running: " + String.join(", ", screens.runningProfiles()));
        System.out.println("HTTP: " + screens.indexUrl().orElse("(the HTTP port is not known) " + Screens.HTTP_PATH)
                + " (profile screens under profile/NAME.bob, made live)");
        return null;
    }
}
