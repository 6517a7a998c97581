package org.syncscope.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a maintainer relies on without running the server: every service a bundle registers has an
 * exported type, {@code docs/architecture.md} names only bundles, types and threads that exist, and
 * no file of the project points outside the repository. Reads the sources and the bundle jars this
 * reactor built (the {@code bundles} module runs before this one).
 */
class ProjectLayoutTest {

    private static final Path TOP = Path.of("").toAbsolutePath().getParent();
    private static final Path DOC = TOP.resolve("docs/architecture.md");
    /** Types the document names that are not the project's own. */
    private static final Set<String> OUTSIDE_TYPES = Set.of("BundleActivator");
    private static final Pattern OUTSIDE_PATH = Pattern.compile("\\.\\./shared/|/work/(main|shared|wt-|\\.library)");

    @Test
    void everyRegisteredServiceTypeIsExported() throws IOException {
        List<String> wrong = new ArrayList<>();
        Set<String> exported = new TreeSet<>();
        List<Manifest> manifests = new ArrayList<>();
        for (Path jar : bundleJars()) {
            try (JarFile file = new JarFile(jar.toFile())) {
                Manifest manifest = file.getManifest();
                manifests.add(manifest);
                exported.addAll(packages(manifest.getMainAttributes().getValue("Export-Package")));
            }
        }
        for (Manifest manifest : manifests) {
            String bsn = manifest.getMainAttributes().getValue("Bundle-SymbolicName");
            for (String type : serviceTypes(manifest.getMainAttributes().getValue("Provide-Capability"))) {
                String pkg = type.substring(0, type.lastIndexOf('.'));
                if (pkg.startsWith("org.syncscope.") && !exported.contains(pkg)) {
                    wrong.add(bsn + " registers " + type + ", whose package is exported by no bundle");
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void consoleCommandsDependOnInterfacesNotOnInternalClasses() throws IOException {
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> files = sources()) {
            files.filter(f -> f.toString().contains("/src/main/") && f.toString().contains("/command/"))
                    .forEach(f -> read(f).lines().filter(l -> l.matches("import (static )?org\\.syncscope\\..*\\.internal\\..*"))
                            .forEach(l -> wrong.add(TOP.relativize(f) + ": " + l)));
        }
        assertEquals(List.of(), wrong);
    }

    /** A bundle's tests may use its own internals; another bundle's only through its {@code testing} fixtures. */
    @Test
    void testsReachNoOtherBundlesInternals() throws IOException {
        Pattern internal = Pattern.compile("import (?:static )?org\\.syncscope\\.([a-z.]+?)\\.internal\\..*");
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> files = sources()) {
            files.filter(f -> f.toString().contains("/src/test/")).forEach(f -> {
                Path rel = TOP.relativize(f);
                String own = rel.getName(0).toString().equals("bundles") ? rel.getName(1).toString().replace('-', '.') : "";
                read(f).lines().map(internal::matcher).filter(m -> m.matches() && !m.group(1).equals(own))
                        .forEach(m -> wrong.add(rel + ": " + m.group()));
            });
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void theArchitectureDocumentNamesEveryBundle() throws IOException {
        String doc = Files.readString(DOC);
        List<String> missing = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(TOP.resolve("bundles"))) {
            dirs.filter(d -> Files.exists(d.resolve("pom.xml"))).map(d -> d.getFileName().toString())
                    .filter(name -> !doc.contains("| `" + name + "` |")).sorted().forEach(missing::add);
        }
        assertEquals(List.of(), missing, "bundles without their row in docs/architecture.md's bundle table");
    }

    @Test
    void everyBundleHasItsReadme() throws IOException {
        List<String> missing = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(TOP.resolve("bundles"))) {
            dirs.filter(d -> Files.exists(d.resolve("pom.xml")) && !Files.exists(d.resolve("README.md")))
                    .map(d -> "bundles/" + d.getFileName()).sorted().forEach(missing::add);
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void everyTypeTheArchitectureDocumentNamesExists() throws IOException {
        Set<String> types = new TreeSet<>();
        try (Stream<Path> files = sources()) {
            files.forEach(f -> types.add(f.getFileName().toString().replace(".java", "")));
        }
        Matcher m = Pattern.compile("`([A-Z][A-Za-z0-9]+)[`.(#]").matcher(Files.readString(DOC));
        Set<String> missing = new TreeSet<>();
        while (m.find()) {
            String name = m.group(1);
            if (!types.contains(name) && !OUTSIDE_TYPES.contains(name) && !name.matches("[A-Z0-9_]+")) {
                missing.add(name);
            }
        }
        assertEquals(Set.of(), missing, "types named in docs/architecture.md that no source file declares");
    }

    @Test
    void everyThreadTheArchitectureDocumentNamesIsStartedSomewhere() throws IOException {
        StringBuilder code = new StringBuilder();
        try (Stream<Path> files = sources()) {
            files.filter(f -> f.toString().contains("/src/main/")).forEach(f -> code.append(read(f)));
        }
        Set<String> missing = new TreeSet<>();
        for (String line : Files.readAllLines(DOC)) {
            if (!line.toLowerCase().contains("thread")) {
                continue;
            }
            Matcher m = Pattern.compile("`([A-Za-z0-9]+(?:-[A-Za-z0-9<>]+)+)`").matcher(line);
            while (m.find()) {
                String name = m.group(1);
                if (name.startsWith("syncscope-") && isFeature(name)) {
                    continue;
                }
                // NAME, PORT, N: filled in at run time; the longest fixed part is what the code spells.
                String fixed = Stream.of(name.split("[A-Z]{1,}(?=-|$)|<[^>]*>"))
                        .max((a, b) -> a.length() - b.length()).orElse(name).replaceAll("^-|-$", "");
                if (!code.toString().contains(fixed)) {
                    missing.add(name + " (looked for \"" + fixed + "\")");
                }
            }
        }
        assertEquals(Set.of(), missing, "thread names in docs/architecture.md that no main source spells");
    }

    @Test
    void noFileOfTheProjectPointsOutsideTheRepository() throws IOException {
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> files = Files.walk(TOP)) {
            files.filter(Files::isRegularFile).filter(ProjectLayoutTest::isProjectFile).forEach(f -> {
                String text = read(f);
                Matcher m = OUTSIDE_PATH.matcher(text);
                if (m.find() && !f.endsWith("ProjectLayoutTest.java")) {
                    wrong.add(TOP.relativize(f) + ": " + m.group());
                }
            });
        }
        assertEquals(List.of(), wrong);
    }

    private static boolean isFeature(String name) {
        String features = read(TOP.resolve("features/src/main/feature/features.xml"));
        return features.contains("name=\"" + name + "\"");
    }

    private static boolean isProjectFile(Path f) {
        Path rel = TOP.relativize(f);
        String first = rel.getName(0).toString();
        if (first.startsWith(".") && !first.equals(".ci") || first.equals("site") || first.equals("target")) {
            return false;
        }
        for (Path part : rel) {
            if (part.toString().equals("target")) {
                return false;
            }
        }
        String name = f.getFileName().toString();
        return !name.endsWith(".jar") && !name.endsWith(".zip") && !name.endsWith(".json");
    }

    private static List<Path> bundleJars() throws IOException {
        List<Path> jars = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(TOP.resolve("bundles"))) {
            for (Path dir : (Iterable<Path>) dirs.filter(d -> Files.exists(d.resolve("bnd.bnd"))
                    || Files.exists(d.resolve("pom.xml")))::iterator) {
                Path target = dir.resolve("target");
                if (!Files.isDirectory(target)) {
                    continue;
                }
                try (Stream<Path> built = Files.list(target)) {
                    built.filter(j -> j.toString().endsWith(".jar") && !j.toString().endsWith("-tests.jar")
                            && !j.toString().endsWith("-sources.jar")).forEach(jars::add);
                }
            }
        }
        assertFalse(jars.isEmpty(), "no bundle jar under bundles/*/target: build the bundles first");
        return jars;
    }

    private static Stream<Path> sources() throws IOException {
        return Stream.of("bundles", "itests", "bench").map(TOP::resolve).flatMap(dir -> {
            try {
                return Files.walk(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).filter(f -> f.toString().endsWith(".java") && !f.toString().contains("/target/"));
    }

    /** Package names of an Export-Package header (attributes and directives dropped). */
    static Set<String> packages(String header) {
        Set<String> names = new TreeSet<>();
        if (header == null) {
            return names;
        }
        for (String clause : splitTopLevel(header)) {
            names.add(clause.split(";", 2)[0].trim());
        }
        return names;
    }

    /** The objectClass values of every osgi.service capability of a Provide-Capability header. */
    static List<String> serviceTypes(String header) {
        List<String> types = new ArrayList<>();
        if (header == null) {
            return types;
        }
        Matcher m = Pattern.compile("objectClass(?::List<String>)?=\"([^\"]*)\"").matcher(header);
        while (m.find()) {
            for (String type : m.group(1).split(",")) {
                types.add(type.trim());
            }
        }
        assertTrue(!header.contains("osgi.service") || !types.isEmpty(), "cannot read " + header);
        return types;
    }

    /** Splits a manifest header at the commas that are not inside quotes. */
    private static List<String> splitTopLevel(String header) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        return parts;
    }

    private static String read(Path f) {
        try {
            return new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
