package org.syncscope.ptpcheck.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import org.syncscope.api.camera.Camera;
import org.syncscope.api.camera.CameraException;
import org.syncscope.ptpcheck.Timestat;
import org.syncscope.ptpcheck.Timestat.CameraStats;
import org.syncscope.ptpcheck.Timestat.FatalException;
import org.syncscope.ptpcheck.Timestat.Options;
import org.syncscope.ptpcheck.Timestat.Reading;
import org.syncscope.ptpcheck.Timestat.Result;
import org.syncscope.ptpcheck.Timestat.Sample;
import org.syncscope.ptpcheck.Timestat.SampleListener;

/**
 * chktimestat: per sample, latch every camera first, then read every latched value; each camera's
 * delta to the median of all camera times, judged against the threshold. Integer ns throughout.
 */
public final class TimestampAlignment {

    private final Ticker ticker;
    private final LongSupplier realtimeNanos;

    public TimestampAlignment(Ticker ticker, LongSupplier realtimeNanos) {
        this.ticker = ticker;
        this.realtimeNanos = realtimeNanos;
    }

    public Result run(List<Camera> cameras, Options o, SampleListener listener)
            throws FatalException, InterruptedException {
        long deadline = ticker.nanoTime() + o.timeoutSeconds() * 1_000_000_000L;
        List<Sample> samples = new ArrayList<>();
        for (int n = 1; n <= o.samples(); n++) {
            if (ticker.nanoTime() - deadline > 0) {
                throw new FatalException("timed out after " + o.timeoutSeconds() + " s, before sample " + n + " of "
                        + o.samples(), null);
            }
            Sample s = sample(n, cameras, o);
            samples.add(s);
            listener.sample(s);
            if (n < o.samples() && o.intervalMillis() > 0) {
                ticker.sleepMillis(o.intervalMillis());
            }
        }
        List<CameraStats> stats = new ArrayList<>();
        long overall = 0;
        for (int i = 0; i < cameras.size(); i++) {
            CameraStats cs = stats(cameras.get(i).info().serial(), samples, i, o.thresholdNs());
            stats.add(cs);
            overall = Math.max(overall, cs.maxAbsDeltaNs());
        }
        boolean ok = samples.stream().allMatch(Sample::ok);
        return new Result(List.copyOf(samples), List.copyOf(stats), overall, ok ? Timestat.ALL_WITHIN : Timestat.OVER_THRESHOLD);
    }

    private Sample sample(int n, List<Camera> cameras, Options o) throws FatalException {
        // all latches first, then all reads: the latches are as close together as the calls allow
        long[] hostTimes = new long[cameras.size()];
        for (int i = 0; i < cameras.size(); i++) {
            Camera c = cameras.get(i);
            try {
                c.latchTimestamp();
            } catch (CameraException e) {
                throw new FatalException("latching camera " + c.info().serial() + " failed: " + e.getMessage(), e);
            }
            hostTimes[i] = realtimeNanos.getAsLong();
        }
        long[] times = new long[cameras.size()];
        for (int i = 0; i < cameras.size(); i++) {
            Camera c = cameras.get(i);
            try {
                times[i] = c.latchedTimestampNanos();
            } catch (CameraException e) {
                throw new FatalException("reading camera " + c.info().serial() + "'s latched timestamp failed: "
                        + e.getMessage(), e);
            }
        }
        long median = median(times);
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < cameras.size(); i++) {
            long delta = Math.subtractExact(times[i], median);
            readings.add(new Reading(cameras.get(i).info().serial(), times[i], delta,
                    Math.abs(delta) <= o.thresholdNs(), times[i] - hostTimes[i]));
        }
        return new Sample(n, median, List.copyOf(readings));
    }

    /** The median; for an even count the mean of the middle two, floored, computed without overflow. */
    public static long median(long[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("median of no values");
        }
        long[] v = values.clone();
        Arrays.sort(v);
        int mid = v.length / 2;
        if (v.length % 2 == 1) {
            return v[mid];
        }
        long a = v[mid - 1];
        long b = v[mid];
        return Math.floorDiv(a, 2) + Math.floorDiv(b, 2) + ((a & 1) + (b & 1)) / 2;
    }

    private static CameraStats stats(String serial, List<Sample> samples, int index, long threshold) {
        BigInteger sum = BigInteger.ZERO;
        long maxAbs = 0;
        for (Sample s : samples) {
            long d = s.readings().get(index).deltaNs();
            sum = sum.add(BigInteger.valueOf(d));
            maxAbs = Math.max(maxAbs, Math.abs(d));
        }
        BigInteger n = BigInteger.valueOf(samples.size());
        BigInteger[] qr = sum.divideAndRemainder(n);
        // round half away from zero
        long mean = qr[0].longValueExact() + (qr[1].abs().shiftLeft(1).compareTo(n) >= 0 ? qr[1].signum() : 0);
        BigInteger squares = BigInteger.ZERO;
        for (Sample s : samples) {
            BigInteger dev = BigInteger.valueOf(s.readings().get(index).deltaNs()).subtract(BigInteger.valueOf(mean));
            squares = squares.add(dev.multiply(dev));
        }
        long stddev = squares.divide(n).sqrt().longValueExact();
        return new CameraStats(serial, mean, stddev, maxAbs, maxAbs <= threshold);
    }
}
