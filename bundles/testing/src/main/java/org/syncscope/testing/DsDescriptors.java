package org.syncscope.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The service types a component provides, read from the DS descriptor bnd generated for it
 * ({@code OSGI-INF/NAME.xml} in the bundle's classes): what SCR will register, without a framework.
 */
public final class DsDescriptors {

    private static final Pattern PROVIDE = Pattern.compile("<provide interface=\"([^\"]+)\"");

    private DsDescriptors() {
    }

    /**
     * The {@code <provide interface>} types of the component named {@code component} (its class
     * name unless the annotation names it otherwise), in descriptor order.
     *
     * @throws AssertionError when the bundle's classes have no descriptor of that name
     */
    public static List<String> provided(String component) {
        String xml;
        try (InputStream in = DsDescriptors.class.getResourceAsStream("/OSGI-INF/" + component + ".xml")) {
            if (in == null) {
                throw new AssertionError("no DS descriptor OSGI-INF/" + component + ".xml on the class path");
            }
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return types(xml);
    }

    /**
     * The {@code <provide interface>} types of every component of the bundle being tested (the
     * descriptors in {@code target/classes/OSGI-INF} of the module the test runs in).
     */
    public static List<String> providedByEveryComponent() {
        List<String> types = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("target/classes/OSGI-INF"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".xml")).sorted().toList()) {
                types.addAll(types(Files.readString(f)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return types;
    }

    private static List<String> types(String xml) {
        List<String> types = new ArrayList<>();
        Matcher m = PROVIDE.matcher(xml);
        while (m.find()) {
            types.add(m.group(1));
        }
        return types;
    }
}
