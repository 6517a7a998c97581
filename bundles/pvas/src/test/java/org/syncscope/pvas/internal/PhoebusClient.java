package org.syncscope.pvas.internal;

import java.util.concurrent.TimeUnit;
import org.epics.pva.PVASettings;
import org.epics.pva.client.PVAChannel;
import org.epics.pva.client.PVAClient;
import org.epics.pva.data.PVAStructure;

/**
 * The independent peer: Phoebus' pvAccess client (its own protocol code, no epics-core), told to
 * search only our loopback UDP port. Its settings are static fields, read when a client is made.
 */
final class PhoebusClient implements AutoCloseable {

    private final PVAClient client;

    PhoebusClient(int udpPort) throws Exception {
        PVASettings.EPICS_PVA_ADDR_LIST = "127.0.0.1:" + udpPort;
        PVASettings.EPICS_PVA_AUTO_ADDR_LIST = false;
        PVASettings.EPICS_PVA_BROADCAST_PORT = udpPort;
        PVASettings.EPICS_PVA_NAME_SERVERS = "";
        client = new PVAClient();
    }

    /** A connected channel (at most 10 s). */
    PVAChannel connect(String name) throws Exception {
        PVAChannel channel = client.getChannel(name);
        channel.connect().get(10, TimeUnit.SECONDS);
        return channel;
    }

    PVAStructure read(String name) throws Exception {
        try (PVAChannel channel = connect(name)) {
            return channel.read("").get(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
