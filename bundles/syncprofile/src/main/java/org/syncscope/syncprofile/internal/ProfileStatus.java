package org.syncscope.syncprofile.internal;

import java.util.List;
import org.syncscope.stats.Stats;

/**
 * A snapshot of a profile, as {@code syncprofile:status} shows it.
 *
 * @param queued         updates waiting in the profile's queue
 * @param queueCapacity  the queue's bound
 * @param dropped        updates dropped because the queue was full
 * @param hasSource      whether a PV source is bound (none while the CA client is redeployed)
 * @param hasPublisher   whether a publisher is bound (none while the CA server is redeployed)
 */
public record ProfileStatus(String name, ProfileSettings settings, List<Input> inputs, List<Pair> pairs, int queued,
                            int queueCapacity, long dropped, boolean hasSource, boolean hasPublisher) {

    /** One input PV: connection, counts and its frequency statistics (Hz). */
    public record Input(String name, boolean connected, long updates, long rejected, double instantHz, long samples,
                        double avgHz, double minHz, double maxHz, double stdHz) {
        Input(String name, boolean connected, long updates, long rejected, double instant, Stats s) {
            this(name, connected, updates, rejected, instant, s.count(), s.mean(), s.min(), s.max(), s.std());
        }
    }

    /** One pair: its current difference and statistics of the pair samples (seconds). */
    public record Pair(String name, boolean valid, double current, long samples, double avg, double min, double max,
                       double std) {
        Pair(String name, boolean valid, double current, Stats s) {
            this(name, valid, current, s.count(), s.mean(), s.min(), s.max(), s.std());
        }
    }
}
