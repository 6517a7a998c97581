package org.syncscope.ca.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.pv.AddressList;

/**
 * Turns the host names of an address list into addresses before CAJ sees it: CAJ resolves them
 * inside its initialize, which runs on SCR's thread (Config Admin's, shared by every bundle), and
 * a name server that does not answer holds that for the resolver's whole timeout. Names are
 * resolved on threads of their own, all within one short wait; a name not resolved by then, or
 * unknown, is left out of the search list (CAJ could not have searched it either) and logged.
 */
final class AddressResolver {

    private static final Logger LOG = LoggerFactory.getLogger(AddressResolver.class);
    /** How long a context's creation waits for the names of its address list, all together. */
    static final Duration WAIT = Duration.ofSeconds(1);
    private static final String IPV4 = "\\d{1,3}(\\.\\d{1,3}){3}";

    /** Looks a host name up; {@link InetAddress#getAllByName} outside tests. */
    @FunctionalInterface
    interface Lookup {
        InetAddress[] byName(String host) throws UnknownHostException;
    }

    static final Lookup SYSTEM = InetAddress::getAllByName;

    private AddressResolver() {
    }

    /** {@code list} with each host name replaced by its IPv4 address, as CAJ's addr_list text. */
    static String numeric(AddressList list, Lookup lookup, Duration wait) {
        Map<String, CompletableFuture<InetAddress>> lookups = new LinkedHashMap<>();
        for (String entry : list.entries()) {
            String host = hostOf(entry);
            if (!host.matches(IPV4)) {
                lookups.computeIfAbsent(host, h -> start(h, lookup));
            }
        }
        long deadline = System.nanoTime() + wait.toNanos();
        List<String> out = new ArrayList<>();
        for (String entry : list.entries()) {
            String host = hostOf(entry);
            CompletableFuture<InetAddress> found = lookups.get(host);
            if (found == null) {
                out.add(entry);
                continue;
            }
            try {
                InetAddress a = found.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                out.add(a.getHostAddress() + entry.substring(host.length()));
            } catch (TimeoutException slow) {
                LOG.warn("Channel Access client: addrList entry '{}' did not resolve within {} ms; not searched "
                        + "until the client's settings change", entry, wait.toMillis());
            } catch (ExecutionException unknown) {
                LOG.warn("Channel Access client: addrList entry '{}' is not a known host ({}); not searched", entry,
                        unknown.getCause().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return String.join(" ", out);
            }
        }
        return String.join(" ", out);
    }

    private static String hostOf(String entry) {
        int colon = entry.lastIndexOf(':');
        return colon < 0 ? entry : entry.substring(0, colon);
    }

    private static CompletableFuture<InetAddress> start(String host, Lookup lookup) {
        CompletableFuture<InetAddress> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                for (InetAddress a : lookup.byName(host)) {
                    if (a instanceof Inet4Address) {   // CAJ's list takes host:port, which an IPv6 address is not
                        f.complete(a);
                        return;
                    }
                }
                throw new UnknownHostException(host + " has no IPv4 address");
            } catch (UnknownHostException | RuntimeException e) {
                f.completeExceptionally(e);
            }
        }, "ca-client-resolve");
        t.setDaemon(true);
        t.start();
        return f;
    }
}
