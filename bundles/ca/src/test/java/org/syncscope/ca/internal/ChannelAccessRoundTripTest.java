package org.syncscope.ca.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import gov.aps.jca.CAStatus;
import gov.aps.jca.Channel;
import gov.aps.jca.Context;
import gov.aps.jca.JCALibrary;
import gov.aps.jca.configuration.DefaultConfiguration;
import gov.aps.jca.dbr.DBRType;
import gov.aps.jca.dbr.DBR_CTRL_Double;
import gov.aps.jca.event.PutEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.syncscope.api.pv.AddressList;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.Limits;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvException;
import org.syncscope.api.pv.PvListener;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvType;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.PvValue;
import org.syncscope.api.pv.Subscription;
import org.syncscope.cas.testing.CaServers;

/** Our CA client against our CA server in one JVM, on a port of their own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChannelAccessRoundTripTest {

    private static final int PORT = 15064;
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int POSTS = 50;
    private static final long T = nanos("2025-10-07T01:38:34.897358848Z");

    private CaServers.Running server;
    private ChannelAccessClient client;

    @BeforeAll
    void start() throws Exception {
        server = CaServers.loopback(PORT);
        client = new ChannelAccessClient(clientSettings());
    }

    @AfterAll
    void stop() {
        client.close();
        server.close();
    }

    static ClientSettings clientSettings() {
        return new ClientSettings(AddressList.parse("addrList", "127.0.0.1:" + PORT), false, PORT,
                Duration.ofSeconds(30), Duration.ofSeconds(5), 16384);
    }

    @Test
    void doubleValueAndTimestampArriveExactly() throws Exception {
        PublishedPv pv = server.publisher().publish(PvSpec.ofDouble("RT:DOUBLE", "Hz", 3, "a double"));
        pv.post(new PvValue.DoubleValue(9.875), T, AlarmSeverity.MINOR, AlarmStatus.HIGH);
        PvUpdate u = client.get("RT:DOUBLE", WAIT);
        assertThat(u.value()).isEqualTo(new PvValue.DoubleValue(9.875));
        assertThat(u.sourceTimeNanos()).isEqualTo(T);
        assertThat(u.severity()).isEqualTo(AlarmSeverity.MINOR);
        assertThat(u.status()).isEqualTo(AlarmStatus.HIGH);
        assertThat(u.receiveTimeNanos()).isGreaterThan(T);
    }

    @Test
    void everyTypeRoundTrips() throws Exception {
        PvSpec longSpec = new PvSpec("RT:LONG", PvType.LONG, "counts", 0, "", Limits.NONE, Limits.NONE, List.of(), 1, null);
        PvSpec stringSpec = new PvSpec("RT:STRING", PvType.STRING, "", 0, "", Limits.NONE, Limits.NONE, List.of(), 1, null);
        PvSpec enumSpec = new PvSpec("RT:ENUM", PvType.ENUM, "", 0, "", Limits.NONE, Limits.NONE,
                List.of("Off", "On", "Fault"), 1, null);
        PvSpec arraySpec = new PvSpec("RT:ARRAY", PvType.DOUBLE_ARRAY, "V", 2, "", Limits.NONE, Limits.NONE, List.of(), 4, null);
        server.publisher().publish(longSpec).post(new PvValue.LongValue(-2_000_000_000L), T, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        server.publisher().publish(stringSpec).post(new PvValue.StringValue("Grandmaster"), T + 1, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        server.publisher().publish(enumSpec).post(new PvValue.EnumValue(2, "Fault"), T + 2, AlarmSeverity.MAJOR, AlarmStatus.STATE);
        server.publisher().publish(arraySpec).post(new PvValue.DoubleArrayValue(new double[] {1.5, -2, 3e9, 0}), T + 3,
                AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);

        assertThat(client.get("RT:LONG", WAIT).value()).isEqualTo(new PvValue.LongValue(-2_000_000_000L));
        assertThat(client.get("RT:STRING", WAIT).value()).isEqualTo(new PvValue.StringValue("Grandmaster"));
        PvUpdate e = client.get("RT:ENUM", WAIT);
        assertThat(((PvValue.EnumValue) e.value()).index()).isEqualTo(2);
        assertThat(e.severity()).isEqualTo(AlarmSeverity.MAJOR);
        PvUpdate a = client.get("RT:ARRAY", WAIT);
        assertThat(a.value()).isEqualTo(new PvValue.DoubleArrayValue(new double[] {1.5, -2, 3e9, 0}));
        assertThat(a.sourceTimeNanos()).isEqualTo(T + 3);
    }

    @Test
    void metadataIsServedWithCtrlRequests() throws Exception {
        PvSpec spec = new PvSpec("RT:META", PvType.DOUBLE, "ms", 4, "", new Limits(-10, 10), new Limits(-5, 5),
                List.of(), 1, null);
        server.publisher().publish(spec).post(new PvValue.DoubleValue(1.25), T, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        try (RawClient raw = new RawClient()) {
            DBR_CTRL_Double ctrl = (DBR_CTRL_Double) raw.get("RT:META", DBRType.CTRL_DOUBLE);
            assertThat(ctrl.getDoubleValue()[0]).isEqualTo(1.25);
            assertThat(ctrl.getUnits()).isEqualTo("ms");
            assertThat(ctrl.getPrecision()).isEqualTo((short) 4);
            assertThat(ctrl.getLowerDispLimit().doubleValue()).isEqualTo(-10);
            assertThat(ctrl.getUpperDispLimit().doubleValue()).isEqualTo(10);
            assertThat(ctrl.getLowerCtrlLimit().doubleValue()).isEqualTo(-5);
            assertThat(ctrl.getUpperCtrlLimit().doubleValue()).isEqualTo(5);
        }
    }

    @Test
    void neverPostedReadsAsUndefined() throws Exception {
        server.publisher().publish(PvSpec.ofDouble("RT:UDF", "", 0, ""));
        PvUpdate u = client.get("RT:UDF", WAIT);
        assertThat(u.severity()).isEqualTo(AlarmSeverity.INVALID);
        assertThat(u.status()).isEqualTo(AlarmStatus.UDF);
    }

    @Test
    void putsReachOnlyPvsWithAWriteHandler() throws Exception {
        List<PvValue> written = new CopyOnWriteArrayList<>();
        server.publisher().publish(PvSpec.ofDouble("RT:RESET", "", 0, "").withWriteHandler(v -> {
            if (((PvValue.DoubleValue) v).value() < 0) {
                throw new IllegalArgumentException("negative");
            }
            written.add(v);
        }));
        server.publisher().publish(PvSpec.ofDouble("RT:READONLY", "", 0, ""));
        try (RawClient raw = new RawClient()) {
            assertThat(raw.put("RT:RESET", 1.0)).isEqualTo(CAStatus.NORMAL);
            assertThat(written).containsExactly(new PvValue.DoubleValue(1.0));
            assertThat(client.get("RT:RESET", WAIT).value()).isEqualTo(new PvValue.DoubleValue(1.0));
            assertThat(raw.put("RT:RESET", -1.0)).as("handler refuses").isNotEqualTo(CAStatus.NORMAL);
            assertThat(raw.writeAccess("RT:READONLY")).isFalse();
            assertThat(raw.writeAccess("RT:RESET")).isTrue();
            // the server grants no write access, so the CA client library refuses the put itself
            assertThatThrownBy(() -> raw.put("RT:READONLY", 2.0)).hasMessageContaining("write access");
        }
        assertThat(written).hasSize(1);
    }

    @Test
    void namesEpicsWouldNotAcceptAreRefused() {
        assertThatThrownBy(() -> server.publisher().publish(PvSpec.ofDouble("BAD NAME", "", 0, "")))
                .hasMessageContaining("a space at position 4");
        assertThatThrownBy(() -> server.publisher().publish(PvSpec.ofDouble("REC.VAL", "", 0, "")))
                .hasMessageContaining("'.'");
        assertThatThrownBy(() -> server.publisher().publish(PvSpec.ofDouble("X".repeat(61), "", 0, "")))
                .hasMessageContaining("at most 60");
        server.publisher().publish(PvSpec.ofDouble("RT:TAKEN", "", 0, ""));
        assertThatThrownBy(() -> server.publisher().publish(PvSpec.ofDouble("RT:TAKEN", "", 0, "")))
                .hasMessageContaining("already published");
        assertThatThrownBy(() -> client.subscribe("HAS SPACE", u -> { })).hasMessageContaining("a space");
    }

    @Test
    void postsOfTheWrongShapeAreRefused() {
        PublishedPv pv = server.publisher().publish(PvSpec.ofDouble("RT:SHAPE", "", 0, ""));
        assertThatThrownBy(() -> pv.post(new PvValue.LongValue(1), T, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM))
                .hasMessageContaining("RT:SHAPE is DOUBLE, not LONG");
        assertThatThrownBy(() -> pv.post(new PvValue.DoubleValue(1), 0, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM))
                .hasMessageContaining("EPICS range");
        pv.close();
        assertThatThrownBy(() -> pv.post(new PvValue.DoubleValue(1), T, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void getOfAMissingPvTimesOutNamingIt() {
        assertThatThrownBy(() -> client.get("RT:NOBODY", Duration.ofMillis(500)))
                .isInstanceOf(PvException.class)
                .hasMessageContaining("RT:NOBODY").hasMessageContaining("127.0.0.1:" + PORT);
    }

    /**
     * Posts back to back: CA may coalesce monitor updates (the server sends the latest when a client
     * falls behind), so what it guarantees is asserted: values in posting order, each one a value
     * that was posted (with its own time stamp), no more updates than posts, and the last post.
     */
    @Test
    void monitorDeliversPostsInOrderEndingWithTheLast() throws Exception {
        PublishedPv pv = server.publisher().publish(PvSpec.ofDouble("RT:MON", "", 0, ""));
        pv.post(new PvValue.DoubleValue(0), T, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        BlockingQueue<PvUpdate> updates = new LinkedBlockingQueue<>();
        try (Subscription s = client.subscribe("RT:MON", updates::add)) {
            assertThat(updates.poll(10, TimeUnit.SECONDS)).isNotNull();
            await().atMost(WAIT).until(s::isConnected);
            for (int i = 1; i <= POSTS; i++) {
                pv.post(new PvValue.DoubleValue(i), T + i, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
            }
            List<PvUpdate> got = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (got.isEmpty() || ((PvValue.DoubleValue) got.get(got.size() - 1).value()).value() < POSTS) {
                PvUpdate u = updates.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                assertThat(u).as("the last post arrives; got %d updates", got.size()).isNotNull();
                got.add(u);
            }
            double previous = 0;
            for (PvUpdate u : got) {
                double v = ((PvValue.DoubleValue) u.value()).value();
                assertThat(v).as("in posting order").isGreaterThan(previous);
                assertThat(v).as("a value that was posted").isEqualTo(Math.rint(v)).isBetween(1.0, (double) POSTS);
                assertThat(u.sourceTimeNanos()).as("the time stamp posted with " + v).isEqualTo(T + (long) v);
                previous = v;
            }
            assertThat(got).hasSizeLessThanOrEqualTo(POSTS);
        }
    }

    /** Each post waited for before the next: nothing to coalesce, so every post arrives, exactly. */
    @Test
    void monitorDeliversEveryPostThatIsAwaited() throws Exception {
        PublishedPv pv = server.publisher().publish(PvSpec.ofDouble("RT:MON:EACH", "", 0, ""));
        pv.post(new PvValue.DoubleValue(0), T, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        BlockingQueue<PvUpdate> updates = new LinkedBlockingQueue<>();
        try (Subscription s = client.subscribe("RT:MON:EACH", updates::add)) {
            assertThat(updates.poll(10, TimeUnit.SECONDS)).isNotNull();
            await().atMost(WAIT).until(s::isConnected);
            for (int i = 1; i <= POSTS; i++) {
                pv.post(new PvValue.DoubleValue(i), T + i, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
                PvUpdate u = updates.poll(10, TimeUnit.SECONDS);
                assertThat(u).as("update %d", i).isNotNull();
                assertThat(u.value()).isEqualTo(new PvValue.DoubleValue(i));
                assertThat(u.sourceTimeNanos()).isEqualTo(T + i);
            }
            assertThat(updates).as("one update per post").isEmpty();
        }
    }

    /** Callbacks run on the context's own event thread, which the client's close ends. */
    @Test
    void callbacksRunOnTheClientsEventThreadWhichCloseEnds() throws Exception {
        PublishedPv pv = server.publisher().publish(PvSpec.ofDouble("RT:THREAD", "", 0, ""));
        pv.post(new PvValue.DoubleValue(1), T, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        ChannelAccessClient own = new ChannelAccessClient(clientSettings());
        OrderedEventDispatcher dispatcher = (OrderedEventDispatcher) own.context().getEventDispatcher();
        BlockingQueue<Thread> callers = new LinkedBlockingQueue<>();
        try {
            own.subscribe("RT:THREAD", u -> callers.add(Thread.currentThread()));
            Thread caller = callers.poll(10, TimeUnit.SECONDS);
            assertThat(caller).isSameAs(dispatcher.thread());
            assertThat(caller.getName()).isEqualTo("ca-client-events");
            // CAJ hands each update over twice (to its monitor, then on to our listener): one slot, counted once
            await().atMost(WAIT).until(() -> dispatcher.delivered() >= 2);   // the connection and the first value
        } finally {
            own.close();
        }
        await().atMost(WAIT).until(() -> !dispatcher.thread().isAlive());
        assertThat(dispatcher.droppedUpdates()).isZero();
    }

    @Test
    void severalSubscriptionsToOnePvEachGetUpdates() throws Exception {
        PublishedPv pv = server.publisher().publish(PvSpec.ofDouble("RT:SHARED", "", 0, ""));
        pv.post(new PvValue.DoubleValue(1), T, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        BlockingQueue<PvUpdate> first = new LinkedBlockingQueue<>();
        BlockingQueue<PvUpdate> second = new LinkedBlockingQueue<>();
        try (Subscription a = client.subscribe("RT:SHARED", first::add)) {
            assertThat(first.poll(10, TimeUnit.SECONDS)).isNotNull();
            // the channel is connected in this context already: the second connects at once
            try (Subscription b = client.subscribe("RT:SHARED", second::add)) {
                assertThat(second.poll(10, TimeUnit.SECONDS)).isNotNull();
                pv.post(new PvValue.DoubleValue(2), T + 1, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
                assertThat(first.poll(10, TimeUnit.SECONDS).sourceTimeNanos()).isEqualTo(T + 1);
                assertThat(second.poll(10, TimeUnit.SECONDS).sourceTimeNanos()).isEqualTo(T + 1);
            }
        }
    }

    @Test
    void aWithdrawnPvDisconnectsItsClientsAndReturnsWhenPublishedAgain() throws Exception {
        PublishedPv pv = server.publisher().publish(PvSpec.ofDouble("RT:GONE", "", 0, ""));
        pv.post(new PvValue.DoubleValue(1), T, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        BlockingQueue<PvUpdate> updates = new LinkedBlockingQueue<>();
        List<Boolean> connections = new CopyOnWriteArrayList<>();
        try (Subscription s = client.subscribe("RT:GONE", new PvListener() {
            @Override
            public void onUpdate(PvUpdate update) {
                updates.add(update);
            }

            @Override
            public void onConnectionChanged(String name, boolean connected) {
                connections.add(connected);
            }
        })) {
            assertThat(updates.poll(10, TimeUnit.SECONDS)).isNotNull();
            pv.close();
            await("the client is told the channel is gone").atMost(WAIT).until(() -> connections.contains(false));
            PublishedPv again = server.publisher().publish(PvSpec.ofDouble("RT:GONE", "", 0, ""));
            again.post(new PvValue.DoubleValue(2), T + 9, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
            await("reconnected").atMost(WAIT).until(s::isConnected);
            PvUpdate u = updates.poll(10, TimeUnit.SECONDS);
            while (u != null && u.sourceTimeNanos() != T + 9) {
                u = updates.poll(10, TimeUnit.SECONDS);
            }
            assertThat(u).isNotNull();
            again.close();
        }
    }

    @Test
    void aWithdrawnPvDisconnectsAChannelThatHasNoMonitor() throws Exception {
        // CAJ sends a monitor's first value before it registers the monitor, so the server must
        // find a channel's client without looking at monitors; a plain channel has none at all.
        PublishedPv pv = server.publisher().publish(PvSpec.ofDouble("RT:BARE", "", 0, ""));
        try (RawClient raw = new RawClient()) {
            Channel ch = raw.connect("RT:BARE");
            assertThat(ch.getConnectionState()).isEqualTo(Channel.ConnectionState.CONNECTED);
            pv.close();
            await("the bare channel is told the PV is gone").atMost(WAIT)
                    .until(() -> ch.getConnectionState() == Channel.ConnectionState.DISCONNECTED);
            PublishedPv again = server.publisher().publish(PvSpec.ofDouble("RT:BARE", "", 0, ""));
            await("found again").atMost(WAIT)
                    .until(() -> ch.getConnectionState() == Channel.ConnectionState.CONNECTED);
            again.close();
        }
    }

    @Test
    void updatesResumeAfterTheServerRestarts() throws Exception {
        int port = PORT + 1;
        CaServers.Running ioc = CaServers.loopback(port);
        PublishedPv pv = ioc.publisher().publish(PvSpec.ofDouble("RT:RESTART", "", 0, ""));
        pv.post(new PvValue.DoubleValue(1), T, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        BlockingQueue<PvUpdate> updates = new LinkedBlockingQueue<>();
        List<Boolean> connections = new CopyOnWriteArrayList<>();
        ClientSettings cs = new ClientSettings(AddressList.parse("a", "127.0.0.1:" + port), false, port,
                Duration.ofSeconds(30), Duration.ofSeconds(5), 16384);
        try (ChannelAccessClient own = new ChannelAccessClient(cs);
             Subscription s = own.subscribe("RT:RESTART", new PvListener() {
                 @Override
                 public void onUpdate(PvUpdate update) {
                     updates.add(update);
                 }

                 @Override
                 public void onConnectionChanged(String name, boolean connected) {
                     connections.add(connected);
                 }
             })) {
            assertThat(updates.poll(10, TimeUnit.SECONDS)).isNotNull();
            ioc.stopServing();
            await("disconnect seen").atMost(WAIT).until(() -> connections.contains(false));
            assertThat(s.isConnected()).isFalse();
            ioc.serveAgain();
            // found again by the client's next search (no repeater here, so no beacon speeds it up)
            await("reconnected").atMost(Duration.ofSeconds(30)).until(s::isConnected);
            updates.clear();
            pv.post(new PvValue.DoubleValue(2), T + 7, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
            PvUpdate after = updates.poll(10, TimeUnit.SECONDS);
            while (after != null && after.sourceTimeNanos() != T + 7) {
                after = updates.poll(10, TimeUnit.SECONDS);   // the value read on reconnection comes first
            }
            assertThat(after).isNotNull();
            assertThat(after.value()).isEqualTo(new PvValue.DoubleValue(2));
        } finally {
            ioc.close();
        }
    }

    @Test
    void eachConnectionIsToldBeforeItsFirstValueAcrossAServerRestart() throws Exception {
        int port = 25205;
        CaServers.Running ioc = CaServers.loopback(port);
        PublishedPv pv = ioc.publisher().publish(PvSpec.ofDouble("RT:ORDER", "", 0, ""));
        pv.post(new PvValue.DoubleValue(1), T, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        List<String> events = new CopyOnWriteArrayList<>();
        ClientSettings cs = new ClientSettings(AddressList.parse("a", "127.0.0.1:" + port), false, port,
                Duration.ofSeconds(30), Duration.ofSeconds(5), 16384);
        try (ChannelAccessClient own = new ChannelAccessClient(cs);
             Subscription s = own.subscribe("RT:ORDER", new PvListener() {
                 @Override
                 public void onUpdate(PvUpdate update) {
                     events.add("value " + ((PvValue.DoubleValue) update.value()).value());
                 }

                 @Override
                 public void onConnectionChanged(String name, boolean connected) {
                     events.add(connected ? "connected" : "disconnected");
                 }
             })) {
            await().atMost(WAIT).until(() -> events.contains("value 1.0"));
            ioc.stopServing();
            await().atMost(WAIT).until(() -> events.contains("disconnected"));
            pv.post(new PvValue.DoubleValue(2), T + 5, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
            ioc.serveAgain();   // serves the PV it kept, with its latest value
            // the shortened search interval (1 s by default) finds the returned server quickly
            await().atMost(Duration.ofSeconds(5)).until(() -> events.contains("value 2.0"));
            assertThat(events).containsExactly("connected", "value 1.0", "disconnected", "connected", "value 2.0");
        } finally {
            ioc.close();
        }
    }

    private static long nanos(String instant) {
        Instant i = Instant.parse(instant);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    /** Plain CAJ, to check what our PvSource does not expose: metadata, access rights, puts. */
    private static final class RawClient implements AutoCloseable {
        private final Context context;

        RawClient() throws Exception {
            DefaultConfiguration c = new DefaultConfiguration("raw");
            c.setAttribute("class", JCALibrary.CHANNEL_ACCESS_JAVA);
            c.setAttribute("addr_list", "127.0.0.1:" + PORT);
            c.setAttribute("auto_addr_list", "false");
            context = JCALibrary.getInstance().createContext(c);
        }

        private Channel connect(String name) throws Exception {
            Channel ch = context.createChannel(name);
            context.pendIO(10);
            return ch;
        }

        gov.aps.jca.dbr.DBR get(String name, DBRType type) throws Exception {
            Channel ch = connect(name);
            gov.aps.jca.dbr.DBR dbr = ch.get(type, 1);
            context.pendIO(10);
            ch.destroy();
            return dbr;
        }

        boolean writeAccess(String name) throws Exception {
            Channel ch = connect(name);
            boolean w = ch.getWriteAccess();
            ch.destroy();
            return w;
        }

        CAStatus put(String name, double value) throws Exception {
            Channel ch = connect(name);
            CompletableFuture<CAStatus> done = new CompletableFuture<>();
            ch.put(value, (PutEvent ev) -> done.complete(ev.getStatus()));
            context.flushIO();
            CAStatus status = done.get(10, TimeUnit.SECONDS);
            ch.destroy();
            return status;
        }

        @Override
        public void close() throws Exception {
            context.destroy();
        }
    }
}
