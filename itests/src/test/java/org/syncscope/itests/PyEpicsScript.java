package org.syncscope.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Runs a pyepics script (Debian python3-pyepics: the EPICS C client library) against the Channel
 * Access server of the Karaf under test, from outside Karaf; plus the bounded wait the tests share.
 */
final class PyEpicsScript {

    private PyEpicsScript() {
    }

    /** Runs {@code script} with the CA client pointed at 127.0.0.1:{@code caPort}; fails on a non-zero exit. */
    static String run(int caPort, String script) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", "-c", script).redirectErrorStream(true);
        pb.environment().put("EPICS_CA_ADDR_LIST", "127.0.0.1:" + caPort);
        pb.environment().put("EPICS_CA_AUTO_ADDR_LIST", "NO");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("pyepics finished", p.waitFor(60, TimeUnit.SECONDS));
        assertEquals("pyepics exit status; output:\n" + out, 0, p.exitValue());
        return out;
    }

    /** The value of a {@code key=value} line the script printed. */
    static String value(String output, String key) {
        return output.lines().filter(l -> l.startsWith(key + "=")).map(l -> l.substring(key.length() + 1))
                .findFirst().orElseThrow(() -> new AssertionError("no " + key + " in:\n" + output));
    }

    /** Polls {@code condition} every 250 ms until it holds; fails after {@code limit}. */
    static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + limit.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(250);
        }
    }

    /**
     * Takes a reading every 250 ms until {@code ok} holds for it and returns that reading; fails
     * after {@code limit} with the last reading (or what stopped it) in the message.
     */
    static <T> T awaitReading(String what, Duration limit, Callable<T> read, Predicate<T> ok) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        Object last;
        while (true) {
            try {
                T reading = read.call();
                if (ok.test(reading)) {
                    return reading;
                }
                last = reading;
            } catch (Exception | AssertionError e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + limit.toSeconds() + " s waiting for " + what
                        + "; last reading:\n" + last);
            }
            Thread.sleep(250);
        }
    }
}
