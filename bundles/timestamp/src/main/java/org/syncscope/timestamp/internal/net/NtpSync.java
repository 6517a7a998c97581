package org.syncscope.timestamp.internal.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.timestamp.internal.TimestampEngine;

/** Asks the configured NTP servers in order and hands the first good measurement to the engine. */
public final class NtpSync {

    private static final Logger LOG = LoggerFactory.getLogger(NtpSync.class);

    private final TimestampEngine engine;
    private final List<InetSocketAddress> servers;
    private final SntpClient client;

    public NtpSync(TimestampEngine engine, List<InetSocketAddress> servers, SntpClient client) {
        this.engine = engine;
        this.servers = List.copyOf(servers);
        this.client = client;
    }

    /** One round; returns whether a server answered. */
    public boolean syncOnce() {
        for (InetSocketAddress server : servers) {
            try {
                SntpClient.Sample s = client.query(server);
                engine.adjustToNtp(s.offsetNanos(), s.delayNanos(), server.getHostString() + ":" + server.getPort());
                return true;
            } catch (IOException | MalformedPacketException e) {
                LOG.debug("NTP server {} did not answer: {}", server, e.toString());
            }
        }
        return false;
    }

    /** What the first answering server says now, for ts:ntp-time. */
    public SntpClient.Sample ask() throws IOException, MalformedPacketException {
        IOException last = new IOException("no NTP server configured");
        for (InetSocketAddress server : servers) {
            try {
                return client.query(server);
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }
}
