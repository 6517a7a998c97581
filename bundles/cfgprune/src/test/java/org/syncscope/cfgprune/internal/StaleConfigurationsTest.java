package org.syncscope.cfgprune.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

class StaleConfigurationsTest {

    @TempDir
    Path etc;

    /** A configuration as Config Admin hands it out: pid, properties, and whether it was deleted. */
    private static final class Stored {
        final String pid;
        final Hashtable<String, Object> properties = new Hashtable<>();
        boolean deleted;

        Stored(String pid, Object filename) {
            this.pid = pid;
            if (filename != null) {
                properties.put(StaleConfigurations.FILENAME, filename);
            }
        }

        Configuration configuration() {
            return (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Configuration.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "getPid" -> pid;
                        case "getProperties" -> properties;
                        case "delete" -> {
                            deleted = true;
                            yield null;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    private final List<Stored> store = new ArrayList<>();
    private final List<String> filters = new ArrayList<>();

    private ConfigurationAdmin admin() {
        return (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ConfigurationAdmin.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("listConfigurations")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    filters.add((String) args[0]);
                    // Config Admin answers null, not an empty array, when nothing matches.
                    Configuration[] found = store.stream()
                            .filter(s -> !s.deleted && s.properties.get(StaleConfigurations.FILENAME) != null)
                            .map(Stored::configuration).toArray(Configuration[]::new);
                    return found.length == 0 ? null : found;
                });
    }

    private Stored stored(String pid, Object filename) {
        Stored s = new Stored(pid, filename);
        store.add(s);
        return s;
    }

    @Test
    void deletesOnlyTheConfigurationsWhoseFileIsGone() throws Exception {
        Path kept = Files.writeString(etc.resolve("org.syncscope.syncprofile-kept.cfg"), "pvs = A, B\n");
        Stored present = stored("org.syncscope.syncprofile~kept", kept.toUri().toString());
        Stored gone = stored("org.syncscope.syncprofile~demo", etc.resolve("org.syncscope.syncprofile-demo.cfg").toUri().toString());
        Stored goneByPath = stored("org.syncscope.timeav~demo", etc.resolve("org.syncscope.timeav-demo.cfg").toString());
        Stored notFromAFile = stored("org.syncscope.demo", null);

        List<StaleConfigurations.Deleted> deleted = new StaleConfigurations(admin()).delete();

        assertThat(deleted).containsExactly(
                new StaleConfigurations.Deleted("org.syncscope.syncprofile~demo", etc.resolve("org.syncscope.syncprofile-demo.cfg")),
                new StaleConfigurations.Deleted("org.syncscope.timeav~demo", etc.resolve("org.syncscope.timeav-demo.cfg")));
        assertThat(gone.deleted).isTrue();
        assertThat(goneByPath.deleted).isTrue();
        assertThat(present.deleted).isFalse();
        assertThat(notFromAFile.deleted).isFalse();
        assertThat(filters).containsExactly("(felix.fileinstall.filename=*)");
    }

    @Test
    void keepsConfigurationsOfAFolderThatIsNotThere() throws Exception {
        Stored unmounted = stored("org.syncscope.camera.sim~lab", etc.resolve("not-mounted/org.syncscope.camera.sim-lab.cfg").toUri().toString());

        assertThat(new StaleConfigurations(admin()).delete()).isEmpty();
        assertThat(unmounted.deleted).isFalse();
    }

    @Test
    void keepsConfigurationsWhoseFilenameIsNotALocalFile() throws Exception {
        Stored remote = stored("a", "http://example.org/a.cfg");
        Stored relative = stored("b", "etc/b.cfg");
        Stored blank = stored("c", " ");
        Stored notAString = stored("d", 42);

        assertThat(new StaleConfigurations(admin()).delete()).isEmpty();
        assertThat(List.of(remote, relative, blank, notAString)).noneMatch(s -> s.deleted);
    }

    @Test
    void anEmptyStoreDeletesNothing() throws Exception {
        assertThat(new StaleConfigurations(admin()).delete()).isEmpty();
        assertThat(filters).hasSize(1);
    }
}
