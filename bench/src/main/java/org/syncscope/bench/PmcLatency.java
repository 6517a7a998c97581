package org.syncscope.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.syncscope.pmc.PmcAdapter;
import org.syncscope.pmc.testing.PmcAdapters;
import org.syncscope.pmc.testing.PtpPair;

/**
 * GET CURRENT_DATA_SET, and a whole host status reading, from a real ptp4l (the slave of the
 * namespace pair): the native client on the Unix socket vs spawning pmc, each timed end to end
 * from the caller's side, through the pmc adapter component's service ({@code PmcAdapter}) in
 * {@code mode = native} and {@code mode = command} (the adapter adds one volatile read). Prints medians of
 * N requests (default 200) after 20 unmeasured ones, and their ratio. Needs root (namespaces).
 *
 * <p>Usage: {@code PmcLatency [requests]}
 */
public final class PmcLatency {

    private PmcLatency() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path dir = Files.createTempDirectory("pmc-latency");
        Path commandDir = Files.createTempDirectory("pmc-latency-command");   // each adapter its own
        try (PtpPair pair = PtpPair.start();
             PmcAdapters.Running natives = PmcAdapters.nativeOn(pair.slaveSocket(), dir, "timeoutMs", "1000");
             PmcAdapters.Running commands = PmcAdapters.commandOn("/usr/sbin/pmc", pair.slaveSocket(), commandDir,
                     "timeoutMs", "5000")) {
            PmcAdapter nat = natives.adapter();
            PmcAdapter command = commands.adapter();
            report("GET CURRENT_DATA_SET", n, time(nat::currentDataSet, n), time(command::currentDataSet, n));
            report("host status (5 data sets, one exchange)", n, time(nat::hostStatus, n),
                    time(command::hostStatus, n));
        } finally {
            Files.deleteIfExists(dir);
            Files.deleteIfExists(commandDir);
        }
    }

    private interface Request {
        Object ask() throws Exception;
    }

    private static void report(String what, int n, long[] nativeNs, long[] commandNs) {
        double nativeMedian = median(nativeNs) / 1e3;
        double commandMedian = median(commandNs) / 1e3;
        System.out.printf("%s from ptp4l 3.1.1, %d requests each: native median %.1f µs (p90 %.1f), pmc command "
                        + "median %.1f µs (p90 %.1f); native is %.0fx faster%n", what, n, nativeMedian,
                p90(nativeNs) / 1e3, commandMedian, p90(commandNs) / 1e3, commandMedian / nativeMedian);
    }

    private static long[] time(Request r, int n) throws Exception {
        for (int i = 0; i < 20; i++) {
            r.ask();
        }
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            r.ask();
            t[i] = System.nanoTime() - start;
        }
        Arrays.sort(t);
        return t;
    }

    private static double median(long[] sorted) {
        return sorted[sorted.length / 2];
    }

    private static double p90(long[] sorted) {
        return sorted[(int) (sorted.length * 0.9)];
    }
}
