package org.syncscope.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.syncscope.api.ptp.PtpManagement;
import org.syncscope.pmc.internal.CommandManagementClient;
import org.syncscope.pmc.internal.NativeManagementClient;
import org.syncscope.pmc.testing.PtpPair;

/**
 * GET CURRENT_DATA_SET from a real ptp4l (the slave of the namespace pair): the native client on
 * the Unix socket vs spawning pmc, each timed end to end from the caller's side. Prints medians of
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
        try (PtpPair pair = PtpPair.start();
             NativeManagementClient nat = new NativeManagementClient(pair.slaveSocket(), dir, 0, 1000)) {
            CommandManagementClient command = new CommandManagementClient("/usr/sbin/pmc", pair.slaveSocket(), 0, 5000);
            long[] nativeNs = time(nat, n);
            long[] commandNs = time(command, n);
            double nativeMedian = median(nativeNs) / 1e3;
            double commandMedian = median(commandNs) / 1e3;
            System.out.printf("GET CURRENT_DATA_SET from ptp4l 3.1.1, %d requests each: native median %.1f µs "
                            + "(p90 %.1f), pmc command median %.1f µs (p90 %.1f); native is %.0fx faster%n",
                    n, nativeMedian, p90(nativeNs) / 1e3, commandMedian, p90(commandNs) / 1e3,
                    commandMedian / nativeMedian);
        } finally {
            Files.deleteIfExists(dir);
        }
    }

    private static long[] time(PtpManagement m, int n) throws Exception {
        for (int i = 0; i < 20; i++) {
            m.currentDataSet();
        }
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            m.currentDataSet();
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
