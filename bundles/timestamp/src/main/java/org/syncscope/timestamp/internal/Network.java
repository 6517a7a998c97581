package org.syncscope.timestamp.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.Registration;
import org.syncscope.api.eventsystem.EventSystemDriver;
import org.syncscope.timestamp.internal.net.EngineTimeSource;
import org.syncscope.timestamp.internal.net.MasterClient;
import org.syncscope.timestamp.internal.net.NtpSync;
import org.syncscope.timestamp.internal.net.SlaveSync;
import org.syncscope.timestamp.internal.net.SntpClient;
import org.syncscope.timestamp.internal.net.StampServer;
import org.syncscope.timestamp.internal.net.SyncListener;
import org.syncscope.timestamp.internal.net.SyncSender;
import org.syncscope.timestamp.internal.net.TsPacket;

/**
 * The drvTS network tasks for one set of settings: stamp server (master), time client (slave),
 * NTP, and in synchronous mode the master's sync sender or the slave's sync listener. Runs on the
 * component's thread only (sockets are opened and closed there, never on SCR's). A UDP port that
 * is busy is named in the log once, shown by {@link #problems()} and tried again with backoff
 * (1 s doubling to 60 s) until it is free.
 */
final class Network {

    private static final Logger LOG = LoggerFactory.getLogger(Network.class);
    private static final long MAX_BACKOFF_SECONDS = 60;

    private final TimestampEngine engine;
    private final ScheduledExecutorService thread;
    /** Why a UDP service is not running, by service; read by any thread. */
    private final Map<String, String> problems = new ConcurrentHashMap<>();
    private TimestampSettings settings;
    /** Counted up when the tasks stop, so a pending retry of an older start gives up. */
    private int generation;
    private int syncGeneration;
    private volatile StampServer stampServer;
    private volatile SlaveSync slaveSync;
    private volatile NtpSync ntpSync;
    private SyncSender syncSender;
    private volatile SyncListener syncListener;
    private Registration syncHook;
    /** What the sync tasks were started for: driver and whether it was synchronous. */
    private EventSystemDriver syncTasksDriver;
    private boolean syncTasksSynchronous;

    Network(TimestampEngine engine, ScheduledExecutorService thread) {
        this.engine = engine;
        this.thread = thread;
    }

    /** Starts the tasks for {@code next}, stopping those of the previous settings. */
    void start(TimestampSettings next) {
        stop();
        settings = next;
        int gen = generation;
        if (next.master()) {
            open("stamp server", "masterPort", next.masterBindAddress(), next.masterPort(), () -> gen == generation, 1,
                    () -> stampServer = new StampServer(next.masterBind(), new EngineTimeSource(engine),
                            next.limits().kernelTimestamps()));
        } else {
            slaveSync = new SlaveSync(engine, next.masters(),
                    new MasterClient(engine::currentTime, System::nanoTime, Duration.ofMillis(next.timeoutMs()),
                            next.limits().kernelTimestamps()),
                    next.masterRetrySeconds() * 1_000_000_000L,
                    new InetSocketAddress(next.masterBroadcastAddress(), next.masterPort()), next.limits().samplesPerSync());
        }
        if (!next.ntp().isEmpty()) {
            ntpSync = new NtpSync(engine, next.ntp(), new SntpClient(NanoClock.withWall(engine::currentTime),
                    Duration.ofMillis(next.timeoutMs()), next.limits().kernelTimestamps()), next.limits().samplesPerSync());
        }
        syncTasksDriver = null;
        refreshSyncTasks();
    }

    /** After a change of driver or of forceSoft: the sync sender / listener follow. */
    void refreshSyncTasks() {
        TimestampSettings s = settings;
        if (s == null) {
            return;
        }
        EventSystemDriver d = engine.driver();
        // the event system in use, failed or not: a hardware failure does not close the sync tasks
        boolean synchronous = d != null && engine.usesEventSystem();
        if (d == syncTasksDriver && synchronous == syncTasksSynchronous) {
            return;
        }
        stopSyncTasks();
        syncTasksDriver = d;
        syncTasksSynchronous = synchronous;
        if (!synchronous) {
            return;
        }
        if (s.master()) {
            try {
                SyncSender sender = new SyncSender(s.slaves().isEmpty()
                        ? List.of(new InetSocketAddress(s.slaveBroadcastAddress(), s.slavePort())) : s.slaves());
                syncSender = sender;
                syncHook = engine.addEventListener(d.syncEventNumber(), (n, t) -> sender.send(new TsPacket(
                        TsPacket.SYNC_MESSAGE, t, engine.currentTime(), s.syncRateSeconds(), engine.clockRateHz(),
                        engine.replyMask(), 0, 0)));
                problems.remove("sync sender");
            } catch (SocketException e) {
                problems.put("sync sender", "sync sender: no UDP socket (" + e.getMessage() + ")");
                LOG.error("timestamp driver: sync sender has no UDP socket ({}); sync messages not sent", e.getMessage());
            }
        } else {
            int syncGen = syncGeneration;
            open("sync listener", "slavePort", s.slaveBindAddress(), s.slavePort(), () -> syncGen == syncGeneration, 1,
                    () -> syncListener = new SyncListener(s.slaveBind(), engine::onMasterSync,
                            s.limits().kernelTimestamps()));
        }
    }

    private interface Opener {
        void open() throws IOException;
    }

    /** Opens one UDP service now, or names why not and tries again after {@code backoff} s. */
    private void open(String service, String key, String address, int port, BooleanSupplier wanted, long backoff,
                      Opener opener) {
        if (!wanted.getAsBoolean()) {
            return;   // settings changed meanwhile
        }
        try {
            opener.open();
            if (problems.remove(service) != null) {
                LOG.info("timestamp driver: {} now listening on UDP {}:{}", service, address, port);
            }
        } catch (IOException | RuntimeException e) {
            boolean first = !problems.containsKey(service);
            String why = String.format("%s: UDP port %d on %s (%s) unavailable: %s; trying again every %d s or less",
                    service, port, address, key, e.getMessage(), Math.min(2 * backoff, MAX_BACKOFF_SECONDS));
            problems.put(service, why);
            if (first) {
                LOG.error("timestamp driver: {}", why);
            }
            long next = Math.min(2 * backoff, MAX_BACKOFF_SECONDS);
            try {
                thread.schedule(() -> open(service, key, address, port, wanted, next, opener), backoff, TimeUnit.SECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                // deactivated: nothing to retry for
            }
        }
    }

    /** Closes every socket (bounded: each receive loop is joined for at most 2 s). */
    void stop() {
        generation++;
        if (stampServer != null) {
            stampServer.close();
            stampServer = null;
        }
        if (slaveSync != null) {
            slaveSync.close();
            slaveSync = null;
        }
        if (ntpSync != null) {
            ntpSync.close();
            ntpSync = null;
        }
        stopSyncTasks();
        problems.clear();
    }

    private void stopSyncTasks() {
        syncGeneration++;
        if (syncHook != null) {
            syncHook.close();
            syncHook = null;
        }
        if (syncSender != null) {
            syncSender.close();
            syncSender = null;
        }
        if (syncListener != null) {
            syncListener.close();
            syncListener = null;
        }
        problems.remove("sync listener");
        problems.remove("sync sender");
    }

    /** Why some UDP service is not running, one line each; empty when all are. */
    List<String> problems() {
        return problems.values().stream().sorted().toList();
    }

    SlaveSync slave() {
        return slaveSync;
    }

    NtpSync ntp() {
        return ntpSync;
    }

    StampServer stampServer() {
        return stampServer;
    }

    /** Which timestamps the sync sockets take, one line per socket in use; empty before any. */
    List<String> stamping() {
        List<String> out = new java.util.ArrayList<>();
        StampServer server = stampServer;
        if (server != null) {
            out.add("stamp server: " + server.stamping());
        }
        SlaveSync slave = slaveSync;
        if (slave != null && !slave.stamping().isEmpty()) {
            out.add("master client: " + slave.stamping());
        }
        NtpSync ntp = ntpSync;
        if (ntp != null && !ntp.stamping().isEmpty()) {
            out.add("NTP client: " + ntp.stamping());
        }
        SyncListener listener = syncListener;
        if (listener != null) {
            out.add("sync listener: " + listener.stamping());
        }
        return out;
    }

    SyncListener syncListener() {
        return syncListener;
    }
}
