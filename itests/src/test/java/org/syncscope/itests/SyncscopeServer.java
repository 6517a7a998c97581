package org.syncscope.itests;

import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

/**
 * Pax Exam options that boot the Syncscope assembly built by this reactor, on ports of its own so
 * a demo server running on the same machine never answers a test.
 */
public final class SyncscopeServer {

    /** SSH console port inside tests (the shipped default is 8101). */
    public static final int SSH_PORT = 18101;

    private SyncscopeServer() {
    }

    /** The options for a test class; {@code extra} options are appended. */
    public static Option[] options(Option... extra) {
        String zip = System.getProperty("syncscope.assembly.zip");
        if (zip == null || !new File(zip).isFile()) {
            throw new IllegalStateException("syncscope.assembly.zip does not name a built assembly: " + zip
                    + " (build the assembly module first, e.g. mvn verify from the top folder)");
        }
        List<Option> options = new ArrayList<>(List.of(
                karafDistributionConfiguration()
                        .frameworkUrl(new File(zip).toURI().toString())
                        .name("Syncscope")
                        .karafVersion("4.4.10")
                        .unpackDirectory(new File("target/exam"))
                        .useDeployFolder(false),
                configureConsole().ignoreLocalConsole(),
                logLevel(LogLevel.WARN),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(SSH_PORT))));
        // The JMX/RMI ports need no setting: Pax Exam picks free ones itself.
        options.addAll(Arrays.asList(extra));
        return options.toArray(new Option[0]);
    }
}
