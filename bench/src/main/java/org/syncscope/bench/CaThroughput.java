package org.syncscope.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvValue;
import org.syncscope.api.pv.Subscription;
import org.syncscope.ca.testing.CaClients;
import org.syncscope.cas.testing.CaServers;

/**
 * End-to-end Channel Access throughput on loopback: our server publishes N PVs (BENCH:0..N-1)
 * and posts to them round-robin as fast as one thread can; our client monitors all of them and
 * counts what arrives. With {@code --serve-only SECONDS} it only serves and posts, for an outside
 * client (bench/ca-throughput.sh runs pyepics against it). Server and client are the bundles' DS
 * components, reached through their services ({@code PvPublisher}, {@code PvSource}) as in Karaf.
 *
 * <p>Usage: {@code CaThroughput [pvs] [seconds] [port] [--serve-only]}
 */
public final class CaThroughput {

    private CaThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int pvs = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int port = args.length > 2 ? Integer.parseInt(args[2]) : 15090;
        boolean serveOnly = args.length > 3 && args[3].equals("--serve-only");

        CaServers.Running server = CaServers.loopback(port);
        List<PublishedPv> published = new ArrayList<>();
        for (int i = 0; i < pvs; i++) {
            published.add(server.publisher().publish(PvSpec.ofDouble("BENCH:" + i, "", 3, "")));
        }
        AtomicLong posts = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread poster = new Thread(() -> {
            long k = 0;
            while (running.get()) {
                Instant now = Instant.now();
                published.get((int) (k++ % pvs)).post(new PvValue.DoubleValue(k),
                        now.getEpochSecond() * 1_000_000_000L + now.getNano(), AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
                posts.incrementAndGet();
            }
        }, "poster");

        if (serveOnly) {
            System.out.println("serving " + pvs + " PVs on port " + port);
            System.out.flush();
            Thread.sleep(3000);   // let the outside client connect before posting starts
            poster.start();
            Thread.sleep(seconds * 1000L);
            running.set(false);
            poster.join();
            System.out.printf("posted %d updates in %d s: %.0f posts/s%n", posts.get(), seconds, posts.get() / (double) seconds);
            server.close();
            return;
        }

        AtomicLong received = new AtomicLong();
        try (CaClients.Running client = CaClients.loopback(port)) {
            List<Subscription> subs = new ArrayList<>();
            for (int i = 0; i < pvs; i++) {
                subs.add(client.source().subscribe("BENCH:" + i, u -> received.incrementAndGet()));
            }
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (subs.stream().anyMatch(s -> !s.isConnected()) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            long connected = subs.stream().filter(Subscription::isConnected).count();
            Thread.sleep(1000);
            received.set(0);
            poster.start();
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long got = received.get();
            long sent = posts.get();
            double elapsed = (System.nanoTime() - start) / 1e9;
            running.set(false);
            poster.join();
            System.out.printf("%d PVs (%d connected), %.1f s: posted %.0f/s, our CA source delivered %.0f updates/s (%.1f %%)%n",
                    pvs, connected, elapsed, sent / elapsed, got / elapsed, 100.0 * got / sent);
        } finally {
            server.close();
        }
    }
}
