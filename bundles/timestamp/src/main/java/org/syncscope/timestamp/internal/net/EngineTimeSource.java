package org.syncscope.timestamp.internal.net;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.eventsystem.EventSystemException;
import org.syncscope.timestamp.internal.TimestampEngine;

/** What a master's stamp server reads from its timestamp engine. */
public final class EngineTimeSource implements StampServer.TimeSource {

    private static final Logger LOG = LoggerFactory.getLogger(EngineTimeSource.class);

    private final TimestampEngine engine;

    public EngineTimeSource(TimestampEngine engine) {
        this.engine = engine;
    }

    @Override
    public long lastSyncNanos() {
        return engine.lastSyncNanos();
    }

    @Override
    public long currentTimeNanos() {
        return engine.currentTime();
    }

    @Override
    public int syncRateSeconds() {
        return engine.settings().syncRateSeconds();
    }

    @Override
    public int clockHz() {
        return engine.clockRateHz();
    }

    @Override
    public int mask() {
        return engine.replyMask();
    }

    @Override
    public void forceSync() {
        try {
            engine.forceSync();
        } catch (EventSystemException notPossible) {
            LOG.debug("sync request ignored: {}", notPossible.getMessage());
        }
    }
}
