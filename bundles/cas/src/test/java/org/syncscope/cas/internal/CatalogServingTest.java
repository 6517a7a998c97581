package org.syncscope.cas.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import gov.aps.jca.CAException;
import gov.aps.jca.Channel;
import gov.aps.jca.Context;
import gov.aps.jca.JCALibrary;
import gov.aps.jca.Monitor;
import gov.aps.jca.TimeoutException;
import gov.aps.jca.configuration.DefaultConfiguration;
import gov.aps.jca.dbr.DBRType;
import gov.aps.jca.dbr.DBR_TIME_Double;
import gov.aps.jca.event.ConnectionEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvCatalog;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.time.EpicsTime;
import org.syncscope.api.pv.PvType;
import org.syncscope.api.pv.PvValue;
import org.syncscope.cas.PvListing;
import org.syncscope.cas.ServedPvInfo;
import org.syncscope.cas.command.PvListCommandAccess;
import org.syncscope.cas.testing.CaServers;

/**
 * PVs made on demand from a catalog, served to a CAJ client over loopback (port 25440; idle
 * withdraw after 0.2 s). Every test also checks that the server opened only what a client asked
 * for: a publisher that published the whole catalog in advance would open every name at serve.
 */
class CatalogServingTest {

    private static final int PORT = 25440;
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static CaServers.Running server;
    private static Context client;
    private final List<PvCatalog.Served> served = new ArrayList<>();
    private final List<Channel> channels = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        server = CaServers.loopback(PORT, "catalogIdleSeconds", "0.2");
        DefaultConfiguration c = new DefaultConfiguration("catalog-client");
        c.setAttribute("class", JCALibrary.CHANNEL_ACCESS_JAVA);
        c.setAttribute("addr_list", "127.0.0.1:" + PORT);
        c.setAttribute("auto_addr_list", "false");
        client = JCALibrary.getInstance().createContext(c);
    }

    @AfterAll
    static void stop() throws CAException {
        if (client != null) {
            client.destroy();
        }
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void withdraw() {
        for (Channel ch : channels) {
            try {
                ch.destroy();
            } catch (CAException | IllegalStateException e) {
                // destroyed by the test
            }
        }
        served.forEach(PvCatalog.Served::close);
    }

    private ComputedCatalog serve(String prefix, int inputs) {
        ComputedCatalog catalog = new ComputedCatalog(prefix, inputs);
        served.add(server.publisher().serve(catalog));
        assertThat(catalog.opened).as("nothing is opened before a client asks").isEmpty();
        return catalog;
    }

    private Channel connect(String name) throws CAException, TimeoutException {
        Channel ch = client.createChannel(name);
        channels.add(ch);
        client.pendIO(10);
        return ch;
    }

    private static DBR_TIME_Double read(Channel ch) throws CAException, TimeoutException {
        DBR_TIME_Double dbr = (DBR_TIME_Double) ch.get(DBRType.TIME_DOUBLE, 1);
        ch.getContext().pendIO(10);
        return dbr;
    }

    @Test
    void aSearchFindsAComputedNameAndTheFirstReadIsTheValueOpenPosted() throws Exception {
        ComputedCatalog catalog = serve("CATREAD", 1000);
        String name = catalog.name(17, 912);

        DBR_TIME_Double first = read(connect(name));

        assertThat(first.getDoubleValue()[0]).isEqualTo(ComputedCatalog.initial(17, 912));
        assertThat(first.getSeverity().getValue()).as("not UDF/INVALID").isEqualTo(AlarmSeverity.NO_ALARM.ordinal());
        assertThat(first.getTimeStamp().secPastEpoch())
                .isEqualTo(ComputedCatalog.T / 1_000_000_000L - EpicsTime.EPICS_EPOCH_UNIX_SECONDS);
        assertThat(first.getTimeStamp().nsec()).isEqualTo(ComputedCatalog.T % 1_000_000_000L);
        assertThat(catalog.opened).containsExactly(name);
        assertThat(server.server().served()).extracting(ServedPvInfo::name).containsExactly(name);
    }

    @Test
    void aMonitorGetsEveryLaterPost() throws Exception {
        ComputedCatalog catalog = serve("CATMON", 50);
        String name = catalog.name(3, 7);
        Channel ch = connect(name);
        List<Double> values = new CopyOnWriteArrayList<>();
        List<Long> nanos = new CopyOnWriteArrayList<>();
        ch.addMonitor(DBRType.TIME_DOUBLE, 1, Monitor.VALUE, ev -> {
            DBR_TIME_Double dbr = (DBR_TIME_Double) ev.getDBR();
            values.add(dbr.getDoubleValue()[0]);
            nanos.add(EpicsTime.toUnixNanos(dbr.getTimeStamp().secPastEpoch(), (int) dbr.getTimeStamp().nsec()));
        });
        client.flushIO();
        await().atMost(WAIT).until(() -> values.size() == 1);
        assertThat(values).containsExactly(ComputedCatalog.initial(3, 7));

        List<Double> posted = new ArrayList<>();
        for (int k = 1; k <= 50; k++) {   // fewer than CAJ's 100 queued events per monitor: none may be dropped
            catalog.post(name, k, ComputedCatalog.T + k);
            posted.add((double) k);
        }
        await().atMost(WAIT).until(() -> values.size() == 51);
        assertThat(values.subList(1, 51)).containsExactlyElementsOf(posted);
        assertThat(nanos.get(50)).isEqualTo(ComputedCatalog.T + 50);
        assertThat(server.server().served()).singleElement()
                .satisfies(pv -> assertThat(pv.monitors()).isEqualTo(1))
                .satisfies(pv -> assertThat(pv.kind()).isEqualTo(ServedPvInfo.Kind.ON_DEMAND_OPEN));
        assertThat(catalog.opened).containsExactly(name);
    }

    @Test
    void aNameTheCatalogDoesNotHaveIsNotFound() throws Exception {
        ComputedCatalog catalog = serve("CATMISS", 10);
        Channel missing = client.createChannel(catalog.name(7, 3));   // i > j: no such pair
        channels.add(missing);
        Channel present = client.createChannel(catalog.name(3, 7));   // searched with it, and found
        channels.add(present);
        client.flushIO();

        await().atMost(WAIT).until(() -> present.getConnectionState() == Channel.ConnectionState.CONNECTED);
        assertThatThrownBy(() -> client.pendIO(1.0)).as("the other is still searched for").isInstanceOf(TimeoutException.class);
        assertThat(missing.getConnectionState()).isEqualTo(Channel.ConnectionState.NEVER_CONNECTED);
        assertThat(catalog.opened).containsExactly(catalog.name(3, 7));
    }

    @Test
    void aPvNoClientUsesForTheIdleTimeIsWithdrawnAndItsCatalogTold() throws Exception {
        ComputedCatalog catalog = serve("CATIDLE", 10);
        String name = catalog.name(1, 2);
        Channel ch = connect(name);
        read(ch);
        assertThat(catalog.closed).as("not while a client has a channel").isEmpty();

        ch.destroy();
        await().atMost(WAIT).until(() -> catalog.closed.contains(name));

        assertThat(server.server().served()).isEmpty();
        assertThat(read(connect(name)).getDoubleValue()[0]).as("made again when asked again")
                .isEqualTo(ComputedCatalog.initial(1, 2));
        assertThat(catalog.opened).containsExactly(name, name);
    }

    @Test
    void closingTheRegistrationDisconnectsItsClientsAndTellsTheCatalog() throws Exception {
        ComputedCatalog catalog = serve("CATCLOSE", 10);
        String name = catalog.name(2, 5);
        Channel ch = connect(name);
        PublishedPv handle = catalog.handles.get(name);

        served.remove(0).close();

        await().atMost(WAIT).until(() -> ch.getConnectionState() == Channel.ConnectionState.DISCONNECTED);
        assertThat(catalog.closed).containsExactly(name);
        assertThat(server.server().served()).isEmpty();
        assertThatThrownBy(() -> handle.post(1.0, ComputedCatalog.T, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aPvItsCatalogClosesDisconnectsItsClientsWhoFindItAgainIfTheCatalogStillHasIt() throws Exception {
        ComputedCatalog catalog = serve("CATDROP", 10);
        String name = catalog.name(4, 6);
        List<Boolean> connectedEvents = new CopyOnWriteArrayList<>();
        Channel ch = client.createChannel(name, (ConnectionEvent ev) -> connectedEvents.add(ev.isConnected()));
        channels.add(ch);
        client.pendIO(10);
        await().atMost(WAIT).until(() -> connectedEvents.contains(true));

        catalog.drop(name);

        await().atMost(WAIT).until(() -> connectedEvents.contains(false));
        await().atMost(WAIT).until(() -> ch.getConnectionState() == Channel.ConnectionState.CONNECTED
                && catalog.opened.size() == 2);
        assertThat(catalog.closed).as("it closed it itself: not told").isEmpty();
    }

    @Test
    void aCatalogRefusingToOpenFailsTheChannelAndKeepsNothing() throws Exception {
        ComputedCatalog catalog = serve("CATREFUSE", 10);
        String name = catalog.name(1, 3);
        catalog.refused.add(name);
        List<Boolean> connectedEvents = new CopyOnWriteArrayList<>();
        Channel ch = client.createChannel(name, (ConnectionEvent ev) -> connectedEvents.add(ev.isConnected()));
        channels.add(ch);
        client.flushIO();

        await().atMost(WAIT).until(() -> catalog.opened.contains(name));
        // a later channel on the same connection: the server answers its create after the refused one's
        Channel later = connect(catalog.name(2, 3));
        assertThat(later.getConnectionState()).isEqualTo(Channel.ConnectionState.CONNECTED);
        assertThat(connectedEvents).as("never connected").doesNotContain(true);
        assertThat(ch.getConnectionState()).isNotEqualTo(Channel.ConnectionState.CONNECTED);
        assertThat(server.server().served()).extracting(ServedPvInfo::name).containsExactly(catalog.name(2, 3));
        assertThat(catalog.closed).isEmpty();
        assertThatThrownBy(() -> catalog.handles.get(name).post(1.0, ComputedCatalog.T, AlarmSeverity.NO_ALARM,
                AlarmStatus.NO_ALARM)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aPublishedPvOfTheSameNameWinsOverTheCatalog() throws Exception {
        ComputedCatalog catalog = serve("CATSTATIC", 10);
        String name = catalog.name(1, 2);
        Channel ch = connect(name);
        assertThat(read(ch).getDoubleValue()[0]).isEqualTo(ComputedCatalog.initial(1, 2));

        PublishedPv published = server.publisher().publish(PvSpec.ofDouble(name, "ns", 1, "published"));
        try {
            published.post(42.0, ComputedCatalog.T, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
            await().atMost(WAIT).until(() -> catalog.closed.contains(name));
            await().atMost(WAIT).until(() -> ch.getConnectionState() == Channel.ConnectionState.CONNECTED
                    && read(ch).getDoubleValue()[0] == 42.0);
            assertThat(server.server().served()).singleElement()
                    .satisfies(pv -> assertThat(pv.kind()).isEqualTo(ServedPvInfo.Kind.PUBLISHED));
            assertThat(catalog.opened).containsExactly(name);
        } finally {
            published.close();
        }
    }

    @Test
    void clientsAttachingToOneNameShareOnePv() throws Exception {
        ComputedCatalog catalog = serve("CATSHARE", 10);
        String name = catalog.name(0, 9);
        DefaultConfiguration c = new DefaultConfiguration("second-client");
        c.setAttribute("class", JCALibrary.CHANNEL_ACCESS_JAVA);
        c.setAttribute("addr_list", "127.0.0.1:" + PORT);
        c.setAttribute("auto_addr_list", "false");
        Context second = JCALibrary.getInstance().createContext(c);
        try {
            Channel a = client.createChannel(name);
            channels.add(a);
            Channel b = second.createChannel(name);
            client.flushIO();
            second.pendIO(10);
            client.pendIO(10);

            catalog.post(name, 5.0, ComputedCatalog.T + 1);

            assertThat(read(a).getDoubleValue()[0]).isEqualTo(5.0);
            assertThat(read(b).getDoubleValue()[0]).isEqualTo(5.0);
            assertThat(catalog.opened).containsExactly(name);
        } finally {
            second.destroy();
        }
    }

    @Test
    void aBundleReleasingItsPublisherWithdrawsItsCatalogs() throws Exception {
        PvPublisherComponent bundle = CaServerComponents.publisher((CaServerComponent) server.server());
        ComputedCatalog catalog = new ComputedCatalog("CATBUNDLE", 10);
        bundle.serve(catalog);
        String name = catalog.name(1, 8);
        Channel ch = connect(name);

        bundle.deactivate();

        await().atMost(WAIT).until(() -> ch.getConnectionState() == Channel.ConnectionState.DISCONNECTED);
        assertThat(catalog.closed).containsExactly(name);
        assertThat(catalog.opened).containsExactly(name);
    }

    @Test
    void theListingShowsCatalogNamesWithTheirReadingsReadInBatches() throws Exception {
        ComputedCatalog catalog = serve("CATLIST", 150);   // 11 175 pairs: two read calls
        String used = catalog.name(3, 7);
        Channel ch = connect(used);
        ch.addMonitor(DBRType.TIME_DOUBLE, 1, Monitor.VALUE, ev -> { });
        client.flushIO();
        await().atMost(WAIT).until(() -> server.server().served().get(0).monitors() == 1);

        PvListing all = server.server().list("CATLIST:*", 20_000);

        assertThat(all.matching()).isEqualTo(150 * 149 / 2);
        assertThat(all.pvs()).hasSize(150 * 149 / 2);
        assertThat(all.pvs().get(0)).isEqualTo(new ServedPvInfo(used, PvType.DOUBLE,
                new PvValue.DoubleValue(ComputedCatalog.initial(3, 7)), AlarmSeverity.NO_ALARM, 1, false,
                ServedPvInfo.Kind.ON_DEMAND_OPEN));
        assertThat(all.pvs()).filteredOn(pv -> pv.name().equals(catalog.name(10, 20))).singleElement()
                .isEqualTo(new ServedPvInfo(catalog.name(10, 20), PvType.DOUBLE,
                        new PvValue.DoubleValue(ComputedCatalog.initial(10, 20)), AlarmSeverity.NO_ALARM, 0, false,
                        ServedPvInfo.Kind.ON_DEMAND));
        assertThat(all.pvs()).extracting(ServedPvInfo::name).doesNotHaveDuplicates();
        assertThat(catalog.readBatches).containsExactly(10_000, 150 * 149 / 2 - 1 - 10_000);
        assertThat(server.server().served()).as("served(): only the PVs made").extracting(ServedPvInfo::name)
                .containsExactly(used);
        assertThat(catalog.opened).as("listing opens nothing").containsExactly(used);
    }

    @Test
    void aCatalogWithdrawnWhileListedIsAskedNothingMoreAndShowsNothing() throws Exception {
        ComputedCatalog catalog = new ComputedCatalog("CATGONE", 150);   // 11 175 names: two batches
        PvCatalog.Served registration = server.publisher().serve(catalog);
        served.add(registration);
        catalog.onRead = registration::close;   // its owner closes it while the first batch is read

        PvListing all = server.server().list("CATGONE:*", 20_000);

        assertThat(catalog.readBatches).as("no batch after the close (its owner's thread may be gone)")
                .containsExactly(10_000);
        assertThat(all.pvs()).as("none of its names is served any more").isEmpty();
        assertThat(server.server().list("CATGONE:*", 20_000).matching()).isZero();
        assertThat(catalog.readBatches).hasSize(1);
    }

    @Test
    void aPatternNarrowsTheListingAndTheMaximumCutsIt() throws Exception {
        ComputedCatalog catalog = serve("CATGLOB", 150);

        assertThat(server.server().list("CATGLOB:IN1?_vs_IN149:Diff", 100).pvs()).extracting(ServedPvInfo::name)
                .containsExactly(catalog.name(10, 149), catalog.name(11, 149), catalog.name(12, 149),
                        catalog.name(13, 149), catalog.name(14, 149), catalog.name(15, 149), catalog.name(16, 149),
                        catalog.name(17, 149), catalog.name(18, 149), catalog.name(19, 149));
        String printed = PvListCommandAccess.print(server.server(), "CATGLOB:IN1_vs_IN2*:Diff",
                PvListCommandAccess.defaultMax());
        assertThat(printed.lines().filter(l -> l.contains("CATGLOB:IN1_vs_IN2:Diff "))).singleElement()
                .satisfies(row -> assertThat(row).contains("DOUBLE", "1002.0", "NO_ALARM", "on demand"));
        assertThat(printed.lines().filter(l -> l.contains("CATGLOB:"))).as("IN2 and IN20..IN29").hasSize(11);
        String cut = PvListCommandAccess.print(server.server(), "CATGLOB:*", 3);
        assertThat(cut).contains((150 * 149 / 2 - 3) + " more of " + (150 * 149 / 2) + " matching names not shown");
        assertThat(catalog.opened).isEmpty();
    }
}
