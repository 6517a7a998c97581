package org.syncscope.ca.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cosylab.epics.caj.util.SearchTimer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.syncscope.api.pv.AddressList;
import org.syncscope.api.pv.PvListener;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.Subscription;

class SearchThreadTest {

    /** Nobody serves this port: the client searches until it is closed. */
    private static final int SILENT_PORT = 15098;

    @Test
    void anInterruptConsumedDuringASearchKeepsCajsThreadAliveAndEndEndsIt() throws Exception {
        SearchTimer timer = new SearchTimer();
        CountDownLatch inTask = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        timer.executeAfterDelay(0, new SearchTimer.TimerTask() {
            @Override
            public long timeout() {
                runs.incrementAndGet();
                inTask.countDown();
                while (release.getCount() > 0) {
                    Thread.onSpinWait();   // leaves the interrupt flag as it is, like a send in progress
                }
                timer.hasNext(3);          // what CAJ's search task asks: this consumes the interrupt
                return 10;
            }
        });
        inTask.await();
        Thread searching = timer.getThread();
        timer.shutDown();                  // what CAJ's destroy does: one interrupt
        release.countDown();
        int before = runs.get();
        await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= before + 3);
        assertThat(searching.isAlive()).as("CAJ's thread searches on after its shutdown").isTrue();

        assertThat(SearchThread.end(searching, 5_000)).isTrue();
        assertThat(searching.isAlive()).isFalse();
    }

    @Test
    void aClosedClientLeavesNoSearchThread() throws Exception {
        ClientSettings settings = new ClientSettings(AddressList.parse("addrList", "127.0.0.1:" + SILENT_PORT), false,
                SILENT_PORT, Duration.ofSeconds(30), Duration.ofSeconds(5), 16384);
        ChannelAccessClient client = new ChannelAccessClient(settings);
        Subscription s = client.subscribe("NOBODY:SERVES:THIS", new PvListener() {
            @Override
            public void onUpdate(PvUpdate update) {
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> SearchThread.of(client.context()) != null);
        Thread searching = SearchThread.of(client.context());
        assertThat(searching.getName()).contains("SearchTimer");
        s.close();
        client.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> !searching.isAlive());
    }

    @Test
    void endOfNoThreadIsDone() throws Exception {
        assertThat(SearchThread.end(null, 10)).isTrue();
    }
}
