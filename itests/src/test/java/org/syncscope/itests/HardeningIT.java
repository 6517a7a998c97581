package org.syncscope.itests;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.apache.karaf.features.BootFinished;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The shipped security defaults hold inside a running server: SSH listens on loopback only, and
 * there is no default karaf/karaf login, while a user the operator adds can log in. (JMX is
 * checked by {@link ShippedServerIT}: under Pax Exam the RMI registry belongs to Pax Exam.)
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HardeningIT {

    static final int CA_PORT = 25075;

    private static final Duration PORT_WAIT = Duration.ofSeconds(60);

    @Inject
    private BootFinished bootFinished;

    @Configuration
    public Option[] config() {
        return SyncscopeServer.options(SyncscopeServer.channelAccessOn(CA_PORT));
    }

    @Test
    public void sshListensOnLoopbackOnly() throws Exception {
        assertListeningOnLoopbackOnly("SSH", SyncscopeServer.SSH_PORT);
    }

    @Test
    public void defaultKarafLoginIsRefusedByTheRealm() {
        assertFalse("karaf/karaf must not log in to the karaf realm", jaasLogin("karaf", "karaf"));
    }

    @Test
    public void sshRefusesTheDefaultLoginAndAcceptsAnOperatorUser() throws Exception {
        waitForListener(SyncscopeServer.SSH_PORT);
        assertFalse("SSH must refuse karaf/karaf", sshLogin("karaf", "karaf"));

        // The control: the realm and SSH do work, for a user added the documented way.
        Path users = Paths.get(System.getProperty("karaf.etc"), "users.properties");
        List<String> original = Files.readAllLines(users, StandardCharsets.ISO_8859_1);
        Files.writeString(users, "itest-operator = Itest-Secret-42,_g_:admingroup\n",
                StandardCharsets.ISO_8859_1, StandardOpenOption.APPEND);
        try {
            assertTrue("an added user logs in to the realm", jaasLogin("itest-operator", "Itest-Secret-42"));
            // the realm notices the edited file by its modification time: one SSH login may still
            // see the file as it was (a clean run failed so); wait for the state, bounded
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            boolean in = sshLogin("itest-operator", "Itest-Secret-42");
            while (!in && System.nanoTime() < deadline) {
                Thread.sleep(500);
                in = sshLogin("itest-operator", "Itest-Secret-42");
            }
            assertTrue("an added user logs in over SSH", in);
            assertFalse("a wrong password is refused", sshLogin("itest-operator", "wrong"));
        } finally {
            Files.write(users, original, StandardCharsets.ISO_8859_1);
        }
    }

    private static boolean jaasLogin(String user, String password) {
        try {
            LoginContext login = new LoginContext("karaf", callbacks -> {
                for (Callback c : callbacks) {
                    if (c instanceof NameCallback name) {
                        name.setName(user);
                    } else if (c instanceof PasswordCallback pw) {
                        pw.setPassword(password.toCharArray());
                    }
                }
            });
            login.login();
            login.logout();
            return true;
        } catch (LoginException refused) {
            return false;
        }
    }

    private static boolean sshLogin(String user, String password) throws IOException {
        try (SshClient client = SshClient.setUpDefaultClient()) {
            client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
            client.start();
            try (ClientSession session = client.connect(user, "127.0.0.1", SyncscopeServer.SSH_PORT)
                    .verify(10, TimeUnit.SECONDS).getSession()) {
                session.addPasswordIdentity(password);
                AuthFuture auth = session.auth();
                assertTrue("SSH authentication answered within 20 s", auth.await(20, TimeUnit.SECONDS));
                return auth.isSuccess();
            }
        }
    }

    /** Reads the kernel's socket table, so the check holds whatever the configuration files say. */
    private static void assertListeningOnLoopbackOnly(String what, int port) throws Exception {
        List<String> addresses = waitForListener(port);
        for (String address : addresses) {
            assertTrue(what + " on port " + port + " listens on " + address + ", not loopback",
                    new ListeningSockets.Listener(address, port, 0).loopback());
        }
    }

    private static List<String> waitForListener(int port) throws Exception {
        long deadline = System.nanoTime() + PORT_WAIT.toNanos();
        while (true) {
            List<String> addresses = ListeningSockets.addressesListeningOn(port);
            if (!addresses.isEmpty()) {
                return addresses;
            }
            if (System.nanoTime() > deadline) {
                fail("nothing listens on TCP port " + port + " after " + PORT_WAIT.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }
}
