package org.syncscope.ptpcheck;

import java.util.List;

/**
 * The values of one {@code ptp:timestat} run (chktimestat): its options, each sample's readings,
 * each camera's statistics and the exit status.
 */
public final class Timestat {

    private Timestat() {
    }

    /** Exit status for scripts. */
    public static final int ALL_WITHIN = 0;
    public static final int FATAL = 1;
    public static final int OVER_THRESHOLD = 2;

    public record Options(int samples, long intervalMillis, long thresholdNs, long timeoutSeconds,
                          boolean assumeRealtime) {
        public Options {
            if (samples < 1) {
                throw new IllegalArgumentException("--samples " + samples + ": at least 1");
            }
            if (intervalMillis < 0) {
                throw new IllegalArgumentException("--interval-ms " + intervalMillis + ": not negative");
            }
            if (thresholdNs < 0) {
                throw new IllegalArgumentException("--threshold-ns " + thresholdNs + ": not negative");
            }
            if (timeoutSeconds < 1) {
                throw new IllegalArgumentException("--timeout-s " + timeoutSeconds + ": at least 1");
            }
        }
    }

    /** One camera in one sample; {@code hostDeltaNs} is its time minus the host's realtime clock at the latch. */
    public record Reading(String serial, long cameraTimeNs, long deltaNs, boolean ok, long hostDeltaNs) {
    }

    public record Sample(int number, long medianNs, List<Reading> readings) {
        public boolean ok() {
            return readings.stream().allMatch(Reading::ok);
        }
    }

    /** One camera over every sample; stddev is the population standard deviation of its deltas. */
    public record CameraStats(String serial, long meanDeltaNs, long stddevNs, long maxAbsDeltaNs, boolean ok) {
    }

    public record Result(List<Sample> samples, List<CameraStats> stats, long maxAbsDeltaNs, int exitCode) {
    }

    /** A camera or the deadline failed: exit status 1. */
    public static final class FatalException extends Exception {
        private static final long serialVersionUID = 1L;

        public FatalException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Called after each sample, so a long run prints as it goes. */
    public interface SampleListener {
        void sample(Sample s);
    }
}
