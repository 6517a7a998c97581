package org.syncscope.ca.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.aps.jca.CAStatus;
import gov.aps.jca.Channel;
import gov.aps.jca.dbr.DBR_Int;
import gov.aps.jca.event.CAEvent;
import gov.aps.jca.event.ConnectionEvent;
import gov.aps.jca.event.ConnectionListener;
import gov.aps.jca.event.GetEvent;
import gov.aps.jca.event.GetListener;
import gov.aps.jca.event.MonitorEvent;
import gov.aps.jca.event.MonitorListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher alone, fed as CAJ feeds it, with events of {@link NamedChannel}s; an update
 * carries an int value, and listeners record what they are given.
 */
class OrderedEventDispatcherTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final OrderedEventDispatcher dispatcher = new OrderedEventDispatcher();

    @AfterEach
    void dispose() {
        dispatcher.dispose();
    }

    private static MonitorEvent update(Channel channel, int k) {
        return new MonitorEvent(channel, new DBR_Int(new int[] {k}), CAStatus.NORMAL);
    }

    private static int valueOf(MonitorEvent ev) {
        return ((DBR_Int) ev.getDBR()).getIntValue()[0];
    }

    /** What one channel's listeners heard: "c1"/"c0" for connection changes, the update values otherwise. */
    private static final class Heard implements MonitorListener, ConnectionListener {
        final NamedChannel channel = new NamedChannel("PV");
        final List<String> items = Collections.synchronizedList(new ArrayList<>());
        volatile Thread thread;

        @Override
        public void monitorChanged(MonitorEvent ev) {
            thread = Thread.currentThread();
            items.add(Integer.toString(valueOf(ev)));
        }

        @Override
        public void connectionChanged(ConnectionEvent ev) {
            items.add(ev.isConnected() ? "c1" : "c0");
        }
    }

    @Test
    void everyChannelHearsItsEventsInTheOrderTheyWereHandedOverOnTheEventThread() throws Exception {
        int channels = 8;
        int perChannel = 40_000;   // 320 000 events from two producers: the ring goes round several times
        List<Heard> heard = new ArrayList<>();
        List<List<String>> sent = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            heard.add(new Heard());
            sent.add(new ArrayList<>());
        }
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            int first = p;
            producers.add(new Thread(() -> {
                for (int k = 0; k < perChannel; k++) {
                    for (int c = first; c < channels; c += 2) {   // each producer owns its channels, as a reactor thread does
                        Heard h = heard.get(c);
                        if (k % 1000 == 0) {
                            boolean up = k % 2000 == 0;
                            sent.get(c).add(up ? "c1" : "c0");
                            dispatcher.dispatch(new ConnectionEvent(h.channel, up), h);
                        }
                        sent.get(c).add(Integer.toString(k));
                        dispatcher.dispatch(update(h.channel, k), h);
                    }
                }
            }, "producer-" + p));
        }
        producers.forEach(Thread::start);
        for (Thread t : producers) {
            t.join();
        }
        long offered = (long) channels * perChannel + (long) channels * (perChannel / 1000);
        await().atMost(WAIT).until(() -> dispatcher.delivered() + dispatcher.droppedUpdates() == offered);

        for (int c = 0; c < channels; c++) {
            List<String> got = List.copyOf(heard.get(c).items);
            if (dispatcher.droppedUpdates() == 0) {
                assertThat(got).as("channel %d", c).isEqualTo(sent.get(c));
            } else {
                // a starved machine may drop updates, never connection changes, never reorder
                assertThat(sent.get(c)).as("channel %d", c).containsSubsequence(got);
                assertThat(got.stream().filter(s -> s.startsWith("c")).count()).isEqualTo(perChannel / 1000);
            }
        }
        assertThat(heard.get(0).thread.getName()).isEqualTo(OrderedEventDispatcher.THREAD_NAME);
        assertThat(heard.get(0).thread.isDaemon()).isTrue();
        assertThat(dispatcher.listenerFailures()).isZero();
        assertThat(dispatcher.overflowed()).isZero();
    }

    @Test
    void aListenerThatThrowsIsCountedAndLaterEventsAreStillDelivered() {
        List<Integer> got = new CopyOnWriteArrayList<>();
        MonitorListener flaky = ev -> {
            int k = valueOf(ev);
            if (k % 2 == 1) {
                throw new IllegalStateException("listener bug on " + k);
            }
            got.add(k);
        };
        AtomicInteger errors = new AtomicInteger();
        MonitorListener erring = ev -> {
            errors.incrementAndGet();
            throw new AssertionError("an Error, too");
        };
        Channel channel = new NamedChannel("PV");
        for (int k = 0; k < 100; k++) {
            dispatcher.dispatch(update(channel, k), flaky);
        }
        dispatcher.dispatch(update(channel, 100), erring);
        dispatcher.dispatch(update(channel, 102), flaky);

        await().atMost(WAIT).until(() -> dispatcher.delivered() == 102);
        assertThat(got).hasSize(51).startsWith(0, 2, 4).endsWith(98, 102);
        assertThat(errors.get()).isEqualTo(1);
        assertThat(dispatcher.listenerFailures()).isEqualTo(51);
        assertThat(dispatcher.thread().isAlive()).isTrue();
    }

    @Test
    void disposeEndsTheThreadAndLaterEventsAreDiscarded() {
        Heard h = new Heard();
        dispatcher.dispatch(update(h.channel, 1), h);
        await().atMost(WAIT).until(() -> dispatcher.delivered() == 1);
        Thread thread = dispatcher.thread();
        assertThat(thread.isAlive()).isTrue();

        dispatcher.dispose();

        await().atMost(WAIT).until(() -> !thread.isAlive());   // dispose itself waits for it (bounded)
        dispatcher.dispatch(update(h.channel, 2), h);
        dispatcher.dispatch(new ConnectionEvent(h.channel, false), h);
        assertThat(h.items).containsExactly("1");
        assertThat(dispatcher.discarded()).isEqualTo(2);
        dispatcher.dispose();   // CAJ's destroy and ours both dispose: harmless
    }

    @Test
    void disposeFromAListenerOnTheThreadDoesNotWaitForItselfAndTheThreadEnds() {
        CountDownLatch disposed = new CountDownLatch(1);
        MonitorListener destroying = ev -> {
            dispatcher.dispose();   // a listener that closes its own client
            disposed.countDown();
        };
        dispatcher.dispatch(update(new NamedChannel("PV"), 1), destroying);
        await().atMost(WAIT).until(() -> disposed.getCount() == 0 && !dispatcher.thread().isAlive());
    }

    @Test
    void aFullRingDropsUpdatesButNeverAConnectionChangeAndKeepsTheOrder() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Heard h = new Heard();
        MonitorListener blocking = ev -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        dispatcher.dispatch(update(h.channel, -1), blocking);   // holds the thread: nothing more is taken
        entered.await();

        List<String> expected = new ArrayList<>();
        for (int k = 0; k < OrderedEventDispatcher.UPDATE_LIMIT; k++) {
            dispatcher.dispatch(update(h.channel, k), h);
            expected.add(Integer.toString(k));
        }
        assertThat(dispatcher.droppedUpdates()).isZero();
        dispatcher.dispatch(update(h.channel, -2), h);   // waits its bounded while, then is dropped
        assertThat(dispatcher.droppedUpdates()).isEqualTo(1);
        for (int k = 0; k < 1000; k++) {
            dispatcher.dispatch(update(h.channel, -3), h);   // dropped without waiting: the overload goes on
        }
        assertThat(dispatcher.droppedUpdates()).isEqualTo(1001);

        // connection changes take the reserved slots, and past them the overflow list: none is lost
        int changes = OrderedEventDispatcher.RESERVED + 10;
        for (int k = 0; k < changes; k++) {
            boolean up = k % 2 == 0;
            dispatcher.dispatch(new ConnectionEvent(h.channel, up), h);
            expected.add(up ? "c1" : "c0");
        }
        assertThat(dispatcher.overflowed()).isEqualTo(10);
        dispatcher.dispatch(update(h.channel, -4), h);   // behind the overflow list: dropped, the order stays
        assertThat(dispatcher.droppedUpdates()).isEqualTo(1002);
        GetEvent[] got = new GetEvent[1];
        GetListener getter = ev -> got[0] = ev;
        dispatcher.dispatch(new GetEvent(h.channel, new DBR_Int(new int[] {7}), CAStatus.NORMAL), getter);   // a get's reply too
        assertThat(dispatcher.overflowed()).isEqualTo(11);
        assertThat(dispatcher.maxQueued()).isEqualTo(OrderedEventDispatcher.CAPACITY);

        release.countDown();
        long queued = OrderedEventDispatcher.UPDATE_LIMIT + changes + 2;   // + the blocking one + the get
        await().atMost(WAIT).until(() -> dispatcher.delivered() == queued);
        assertThat(h.items).isEqualTo(expected);
        assertThat(got[0]).isNotNull();

        // drained: updates are taken again
        dispatcher.dispatch(update(h.channel, 5), h);
        await().atMost(WAIT).until(() -> dispatcher.delivered() == queued + 1);
        assertThat(h.items).endsWith("5");
        assertThat(dispatcher.droppedUpdates()).isEqualTo(1002);
        assertThat(dispatcher.discarded()).isZero();
    }

    @Test
    void eventsHandedOverByAListenerOnTheThreadDoNotWaitForIt() {
        // CAJMonitor's way: the update reaches a MonitorListener that hands it to a list, on the
        // event thread; the list's listener hears it at once, before the next queued event
        Heard h = new Heard();
        List<Object> monitorListeners = new ArrayList<>(List.of(h));
        MonitorListener cajMonitor = ev -> dispatcher.dispatch(ev, monitorListeners);
        Channel channel = h.channel;
        dispatcher.dispatch(update(channel, 1), cajMonitor);
        dispatcher.dispatch(new ConnectionEvent(channel, false), h);
        await().atMost(WAIT).until(() -> dispatcher.delivered() == 2);
        assertThat(h.items).containsExactly("1", "c0");

        // a request from a listener queues its reply behind what is queued, never inline
        List<String> order = new CopyOnWriteArrayList<>();
        ConnectionListener requesting = ev -> {
            dispatcher.dispatch(new GetEvent(channel, null, CAStatus.NORMAL), (GetListener) g -> order.add("get"));
            order.add("connected");
        };
        dispatcher.dispatch(new ConnectionEvent(channel, true), requesting);
        await().atMost(WAIT).until(() -> order.size() == 2);
        assertThat(order).containsExactly("connected", "get");
    }

    @Test
    void eachKindReachesOnlyListenersOfItsKind() {
        List<CAEvent> got = new CopyOnWriteArrayList<>();
        ConnectionListener c = got::add;
        MonitorListener m = got::add;
        Channel channel = new NamedChannel("PV");
        ConnectionEvent connected = new ConnectionEvent(channel, true);
        MonitorEvent value = update(channel, 3);
        dispatcher.dispatch(connected, List.of(c, m));   // a list holding both kinds, as CAJ never does
        dispatcher.dispatch(value, List.of(m, c));
        await().atMost(WAIT).until(() -> dispatcher.delivered() == 2);
        assertThat(got).containsExactly(connected, value);
    }
}
