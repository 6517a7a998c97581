package org.syncscope.timestamp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The services this bundle's components provide (the generated DS descriptors): public types only. */
class ServiceTypesTest {

    @Test
    void noComponentIsRegisteredUnderAnInternalType() throws IOException {
        List<String> provided = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("target/classes/OSGI-INF"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".xml")).toList()) {
                Matcher m = Pattern.compile("<provide interface=\"([^\"]+)\"").matcher(Files.readString(f));
                while (m.find()) {
                    provided.add(m.group(1));
                }
            }
        }
        assertThat(provided).noneMatch(type -> type.contains(".internal."));
        assertThat(provided).contains("org.syncscope.api.time.TimestampService",
                "org.syncscope.timestamp.TimestampConsole");
    }
}
