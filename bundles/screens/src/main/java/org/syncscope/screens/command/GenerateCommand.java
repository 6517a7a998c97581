package org.syncscope.screens.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.syncscope.screens.Screens;
import org.syncscope.screens.UnknownProfileException;

/** Writes the Phoebus screen of sync profiles, generated from their configuration now. */
@Command(scope = "screens", name = "generate", description = "Writes PROFILE.bob, the Phoebus screen of each sync profile "
        + "(default: every running one), to a folder (default: screens/generated of the server)")
@Service
public class GenerateCommand implements Action {

    @Reference
    Screens screens;

    @Option(name = "-d", aliases = "--dir", description = "the folder to write to (made if missing)")
    String dir;

    @Argument(name = "profile", description = "sync profile names", multiValued = true)
    List<String> names;

    @Override
    public Object execute() throws UnknownProfileException, IOException {
        List<String> wanted = names == null || names.isEmpty() ? screens.runningProfiles() : names;
        if (wanted.isEmpty()) {
            System.out.println("no sync profile is running: nothing written");
            return null;
        }
        // every screen first, so an unknown name writes nothing
        Map<String, String> made = new LinkedHashMap<>();
        for (String name : wanted) {
            made.put(name, screens.profileScreen(name));
        }
        Path folder = dir == null ? ScreenFolders.generated() : Paths.get(dir);
        Files.createDirectories(folder);
        for (Map.Entry<String, String> e : made.entrySet()) {
            Path file = folder.resolve(e.getKey() + ".bob");
            Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
            System.out.println(file.toAbsolutePath().normalize());
        }
        return null;
    }
}
