package org.syncscope.pvas.internal;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.epics.pvaccess.client.Channel;
import org.epics.pvaccess.client.ChannelFind;
import org.epics.pvaccess.client.ChannelFindRequester;
import org.epics.pvaccess.client.ChannelListRequester;
import org.epics.pvaccess.client.ChannelProvider;
import org.epics.pvaccess.client.ChannelRequester;

/**
 * The channel provider pvAccessJava's server context serves: searches and channel creates are
 * answered from the {@link PvAccessServer}'s PVs, published first, then the catalogs in order.
 * Called on the library's UDP (search) and TCP (connection) threads.
 */
final class PvaProvider implements ChannelProvider {

    static final String NAME = "syncscope";

    private final PvAccessServer server;
    private final LongAdder dropped;
    private final ChannelFind find = new ChannelFind() {
        @Override
        public ChannelProvider getChannelProvider() {
            return PvaProvider.this;
        }

        @Override
        public void cancel() {
        }
    };

    PvaProvider(PvAccessServer server, LongAdder dropped) {
        this.server = server;
        this.dropped = dropped;
    }

    @Override
    public String getProviderName() {
        return NAME;
    }

    @Override
    public ChannelFind channelFind(String channelName, ChannelFindRequester requester) {
        requester.channelFindResult(Statuses.OK, find, server.has(channelName));
        return find;
    }

    @Override
    public ChannelFind channelList(ChannelListRequester requester) {
        Set<String> names = new LinkedHashSet<>(server.pvNames());
        requester.channelListResult(Statuses.OK, find, names, true);   // catalogs have more names than listed
        return find;
    }

    @Override
    public Channel createChannel(String channelName, ChannelRequester requester, short priority) {
        ServedPv pv;
        try {
            pv = server.attach(channelName);
        } catch (IllegalArgumentException | IllegalStateException refused) {
            requester.channelCreated(Statuses.error(refused.getMessage()), null);
            return null;
        }
        if (pv == null) {
            requester.channelCreated(Statuses.error("PV " + channelName + " is not served here"), null);
            return null;
        }
        ServedChannel channel = new ServedChannel(this, pv, requester, server.monitorQueueSize(), dropped);
        if (!pv.channelOpened(channel)) {
            requester.channelCreated(Statuses.error("PV " + channelName + " was withdrawn"), null);
            return null;
        }
        requester.channelCreated(Statuses.OK, channel);
        return channel;
    }

    @Override
    public Channel createChannel(String channelName, ChannelRequester requester, short priority, String address) {
        return createChannel(channelName, requester, priority);
    }

    @Override
    public void destroy() {
    }
}
