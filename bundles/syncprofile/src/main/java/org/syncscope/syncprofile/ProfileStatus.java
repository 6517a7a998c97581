package org.syncscope.syncprofile;

import java.util.List;

/**
 * A snapshot of a running profile, as {@code syncprofile:status} shows it.
 *
 * @param window         samples in the rolling statistics
 * @param timestamp      which time of an update is used: {@code source}, {@code receive} or {@code value}
 * @param queued         updates waiting in the profile's queue
 * @param queueCapacity  the queue's bound
 * @param dropped        updates dropped because the queue was full
 * @param hasSource      whether a PV source is bound (none while the CA client is redeployed)
 * @param hasPublisher   whether a publisher is bound (none while the CA server is redeployed)
 */
public record ProfileStatus(String name, int window, String timestamp, List<Input> inputs, List<Pair> pairs,
                            int queued, int queueCapacity, long dropped, boolean hasSource, boolean hasPublisher) {

    public ProfileStatus {
        inputs = List.copyOf(inputs);
        pairs = List.copyOf(pairs);
    }

    /** One input PV: connection, counts and its frequency statistics (Hz; NaN without samples). */
    public record Input(String name, boolean connected, long updates, long rejected, double instantHz, long samples,
                        double avgHz, double minHz, double maxHz, double stdHz) {
    }

    /** One pair: its current difference and statistics of the pair samples (seconds; NaN without samples). */
    public record Pair(String name, boolean valid, double current, long samples, double avg, double min, double max,
                       double std) {
    }
}
