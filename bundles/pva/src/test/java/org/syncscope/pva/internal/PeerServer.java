package org.syncscope.pva.internal;

import java.time.Instant;
import org.epics.pva.PVASettings;
import org.epics.pva.data.PVAData;
import org.epics.pva.data.PVAInt;
import org.epics.pva.data.PVALong;
import org.epics.pva.data.PVAString;
import org.epics.pva.data.PVAStructure;
import org.epics.pva.server.PVAServer;
import org.epics.pva.server.ServerPV;

/**
 * The independent peer of these tests: Phoebus' pvAccess server (core-pva), on loopback and on
 * ports of this module's range. Its settings are static, so they are set before each server.
 */
final class PeerServer implements AutoCloseable {

    final PVAServer server;

    PeerServer(int udpPort, int tcpPort) throws Exception {
        PVASettings.EPICS_PVAS_BROADCAST_PORT = udpPort;
        PVASettings.EPICS_PVA_SERVER_PORT = tcpPort;
        PVASettings.EPICS_PVAS_TLS_PORT = tcpPort + 1;
        PVASettings.EPICS_PVA_BROADCAST_PORT = udpPort;
        PVASettings.EPICS_PVA_ADDR_LIST = "127.0.0.1:" + udpPort;
        PVASettings.EPICS_PVA_AUTO_ADDR_LIST = false;
        PVASettings.EPICS_PVAS_INTF_ADDR_LIST = "127.0.0.1";
        server = new PVAServer();
    }

    ServerPV serve(String name, PVAStructure data) {
        return server.createPV(name, data);
    }

    @Override
    public void close() {
        server.close();
    }

    /** alarm_t */
    static PVAStructure alarm(int severity, int status, String message) {
        return new PVAStructure("alarm", "alarm_t", new PVAInt("severity", severity), new PVAInt("status", status),
                new PVAString("message", message));
    }

    /** time_t with a user tag */
    static PVAStructure time(long seconds, int nanoseconds, int userTag) {
        return new PVAStructure("timeStamp", "time_t", new PVALong("secondsPastEpoch", false, seconds),
                new PVAInt("nanoseconds", nanoseconds), new PVAInt("userTag", userTag));
    }

    /** An NT structure: id, then value, alarm, timeStamp. */
    static PVAStructure nt(String id, PVAData value, PVAStructure alarm, PVAStructure time) {
        return new PVAStructure("", id, value, alarm, time);
    }

    /** Sets the alarm and time of {@code data} (a structure of {@link #nt}) in place. */
    static void stamp(PVAStructure data, int severity, String message, long seconds, int ns, int userTag) throws Exception {
        PVAStructure a = data.get("alarm");
        ((PVAInt) a.get("severity")).set(severity);
        ((PVAString) a.get("message")).set(message);
        PVAStructure t = data.get("timeStamp");
        ((PVALong) t.get("secondsPastEpoch")).set(seconds);
        ((PVAInt) t.get("nanoseconds")).set(ns);
        ((PVAInt) t.get("userTag")).set(userTag);
    }

    static long nowSeconds() {
        return Instant.now().getEpochSecond();
    }
}
