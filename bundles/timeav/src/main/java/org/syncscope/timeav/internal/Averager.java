package org.syncscope.timeav.internal;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Optional;
import org.syncscope.stats.CompensatedSum;
import org.syncscope.stats.RunningStats;

/**
 * The arithmetic of one TIMEAV device, element by element (a scalar device is an array of one),
 * driven by sample and compute calls; no clock or thread of its own.
 *
 * <ul>
 * <li>No computeEvent: a running boxcar of the newest maxPoints samples, output after each sample
 *     once maxPoints are in.</li>
 * <li>computeEvent, no maxPoints: every sample since the previous compute; output and reset at each.</li>
 * <li>Both: at most the newest maxPoints since the previous compute; output and reset at each.</li>
 * <li>life/nlife: a sliding window of maxPoints sample intervals, never reset by a compute;
 *     tau = T / ln(Xi/Xf) from the oldest and newest sample in it (T their time apart, shorter
 *     after a reset), of −X for nlife.</li>
 * </ul>
 * diff outputs the mean minus the previous output's mean; sd is the sample standard deviation (n−1).
 * Sum, mean and sd of the samples an output covers come from the statistics engine, one per
 * element: {@link RunningStats} (compensated sum, Welford's variance) for sd, its
 * {@link CompensatedSum} alone for sum, mean and diff, which need no variance.
 */
public final class Averager {

    /** One output: the values (one per element) and whether any element could not be computed. */
    public record Output(double[] values, boolean invalid) {
    }

    private record Sample(double[] x, long timeNanos) {
    }

    private final TimeavExpression expression;
    private final Deque<Sample> window = new ArrayDeque<>();
    private double[] previousMean;
    private int width = -1;
    /** Per element, the statistics of the samples of the output being made; refilled for each output. */
    private RunningStats[] stats = new RunningStats[0];
    /** Per element, the sum of the samples of the output being made, when no sd is asked for. */
    private CompensatedSum[] sums = new CompensatedSum[0];
    /** Per element, the IEEE sum of the samples the engine refuses (NaN, ±infinity); 0 when there are none. */
    private double[] nonFinite = new double[0];
    private String status = "waiting for samples";

    public Averager(TimeavExpression expression) {
        this.expression = expression;
    }

    /** Where the device stands, for its Status PV and timeav:list. */
    public String status() {
        return status;
    }

    /**
     * Adds one sample; with no computeEvent, returns the output it makes.
     *
     * @throws IllegalArgumentException when the device's element count changed (the sample is dropped)
     */
    public Optional<Output> sample(double[] x, long timeNanos) {
        if (width < 0) {
            width = x.length;
        } else if (x.length != width) {
            throw new IllegalArgumentException("the device has " + x.length + " elements now, " + width + " before; sample dropped");
        }
        window.addLast(new Sample(x.clone(), timeNanos));
        int capacity = capacity();
        while (capacity > 0 && window.size() > capacity) {
            window.removeFirst();
        }
        if (expression.compute().isPresent()) {
            status = "running: " + window.size() + " samples for the next compute";
            return Optional.empty();
        }
        if (expression.direction().isLifetime()) {
            return window.size() < 2 ? waiting(2 - window.size()) : Optional.of(lifetime());
        }
        if (window.size() < expression.maxPoints()) {
            return waiting(expression.maxPoints() - window.size());
        }
        return result();
    }

    /** A computeEvent: the output, if the samples allow one. */
    public Optional<Output> compute(long timeNanos) {
        if (expression.direction().isLifetime()) {
            if (window.size() < 2) {
                return waiting(2 - window.size());
            }
            return Optional.of(lifetime());
        }
        if (window.isEmpty()) {
            status = "no samples since the last compute";
            return Optional.empty();
        }
        Optional<Output> out = result();
        window.clear();
        return out;
    }

    /**
     * The input was gone. What spans time ends: a diff's collection and its previous mean, a
     * lifetime's window, since a result from both sides of the gap would be wrong. The samples of
     * a mean, sum or sd stay: each is a value the device really had, and a device's statistics
     * survive an IOC restart as they survive a bundle update.
     */
    public void outage() {
        if (expression.direction() == CalcDirection.DIFF || expression.direction().isLifetime()) {
            reset();
        }
    }

    /** Forgets every sample and the previous mean: the state right after a start. */
    public void reset() {
        window.clear();
        previousMean = null;
        width = -1;
        status = "waiting for samples";
    }

    private int capacity() {
        if (expression.direction().isLifetime()) {
            return expression.maxPoints() + 1;     // maxPoints intervals between oldest and newest
        }
        return expression.maxPoints();            // 0: unbounded
    }

    private Optional<Output> waiting(int more) {
        status = "waiting for " + more + " more sample" + (more == 1 ? "" : "s");
        return Optional.empty();
    }

    private Optional<Output> result() {
        int n = window.size();
        collect();
        double[] mean = mean();
        switch (expression.direction()) {
            case MEAN -> {
                status = "running: mean of " + n;
                return Optional.of(new Output(mean, false));
            }
            case SUM -> {
                status = "running: sum of " + n;
                return Optional.of(new Output(sum(), false));
            }
            case SD -> {
                if (n < 2) {
                    status = "sd needs 2 samples, have 1";
                    return Optional.empty();
                }
                status = "running: sd of " + n;
                return Optional.of(new Output(sd(), false));
            }
            case DIFF -> {
                double[] before = previousMean;
                previousMean = mean;
                if (before == null) {
                    status = "first mean kept; diff from the next";
                    return Optional.empty();
                }
                double[] d = new double[width];
                for (int i = 0; i < width; i++) {
                    d[i] = mean[i] - before[i];
                }
                status = "running: diff of means of " + n;
                return Optional.of(new Output(d, false));
            }
            default -> throw new IllegalStateException(expression.direction() + " is handled by lifetime()");
        }
    }

    /**
     * Fills {@link #stats} (sd) or {@link #sums} (otherwise) with the window's samples, for
     * {@link #sum()}, {@link #mean()} and {@link #sd()}. A NaN or infinite sample, which the engine refuses, makes its element's sum
     * and mean what plain arithmetic gives (the infinity, or NaN) and its sd NaN, as before.
     */
    private void collect() {
        boolean sd = expression.direction() == CalcDirection.SD;
        if (stats.length != width || sums.length != width) {
            stats = new RunningStats[width];
            sums = new CompensatedSum[width];
            for (int i = 0; i < width; i++) {
                stats[i] = new RunningStats();
                sums[i] = new CompensatedSum();
            }
            nonFinite = new double[width];
        }
        for (int i = 0; i < width; i++) {
            stats[i].reset();
            sums[i].reset();
            nonFinite[i] = 0;
        }
        for (Sample x : window) {
            double[] values = x.x();
            for (int i = 0; i < width; i++) {
                double v = values[i];
                if (!Double.isFinite(v)) {
                    nonFinite[i] += v;
                } else if (sd) {
                    stats[i].add(v);
                } else {
                    sums[i].add(v);
                }
            }
        }
    }

    /** Whether a sample of element {@code i} was NaN or infinite (then {@link #nonFinite} is one of those). */
    private boolean poisoned(int i) {
        return nonFinite[i] != 0;
    }

    private double[] sum() {
        double[] s = new double[width];
        for (int i = 0; i < width; i++) {
            s[i] = poisoned(i) ? nonFinite[i] : sumOf(i);
        }
        return s;
    }

    private double[] mean() {
        double[] m = new double[width];
        for (int i = 0; i < width; i++) {
            m[i] = poisoned(i) ? nonFinite[i] / window.size() : sumOf(i) / window.size();
        }
        return m;
    }

    /** The same bits either way: RunningStats keeps its sum in a CompensatedSum too. */
    private double sumOf(int i) {
        return expression.direction() == CalcDirection.SD ? stats[i].sum() : sums[i].value();
    }

    /** Sample standard deviation (n − 1). */
    private double[] sd() {
        double[] sd = new double[width];
        for (int i = 0; i < width; i++) {
            sd[i] = poisoned(i) ? Double.NaN : stats[i].sampleStd();
        }
        return sd;
    }

    /** tau = T / ln(Xi/Xf) per element; NaN where Xi/Xf is not positive (no exponential fits). */
    private Output lifetime() {
        Sample first = window.peekFirst();
        Sample last = window.peekLast();
        double seconds = (last.timeNanos() - first.timeNanos()) / 1e9;
        double sign = expression.direction() == CalcDirection.NLIFE ? -1 : 1;
        double[] tau = new double[width];
        boolean invalid = false;
        for (int i = 0; i < width; i++) {
            double ratio = (sign * first.x()[i]) / (sign * last.x()[i]);
            if (!(ratio > 0) || Double.isInfinite(ratio)) {
                tau[i] = Double.NaN;
                invalid = true;
            } else {
                tau[i] = seconds / Math.log(ratio);
            }
        }
        status = "running: lifetime over " + (window.size() - 1) + " intervals";
        return new Output(tau, invalid);
    }

    @Override
    public String toString() {
        return "Averager" + Arrays.asList(expression, status);
    }
}
