package org.syncscope.itests;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;

/** Password logins to a test server's Karaf console on 127.0.0.1 (its host key is the server's own, new each run). */
final class SshLogin {

    private SshLogin() {
    }

    static SshClient client() {
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
        return client;
    }

    /** An authenticated session; closed again when the password is refused. */
    static ClientSession login(SshClient client, int port, String user, String password) throws IOException {
        ClientSession session = client.connect(user, "127.0.0.1", port).verify(10, TimeUnit.SECONDS).getSession();
        session.addPasswordIdentity(password);
        try {
            session.auth().verify(20, TimeUnit.SECONDS);
        } catch (IOException e) {
            session.close();
            throw e;
        }
        return session;
    }
}
