package org.syncscope.syncprofile;

/**
 * A running profile's settings and queue, as {@code syncprofile:list} shows them: cheap to read
 * whatever the profile's size (no statistics).
 *
 * @param pvs           input PVs
 * @param pairs         pairs of inputs the pairing gives (all: n(n−1)/2)
 * @param pairing       the {@code pairs} setting as the console shows it: {@code all}, {@code chain},
 *                      {@code reference:PV} or {@code N listed}
 * @param window        samples in the rolling statistics
 * @param timestamp     {@code source}, {@code receive} or {@code value}
 * @param prefix        prepended to every output name
 * @param publishRateHz 0 = every change is posted; else the rate changed outputs are posted at
 * @param queued        updates waiting in the profile's queue
 * @param queueCapacity the queue's bound
 * @param dropped       updates dropped because the queue was full
 */
public record ProfileSummary(String name, int pvs, long pairs, String pairing, int window, String timestamp,
                             String prefix, double publishRateHz, long queued, int queueCapacity, long dropped) {

    /** The summary of a profile of all pairs (as before 1.1). */
    public ProfileSummary(String name, int pvs, long pairs, int window, String timestamp, String prefix,
                          double publishRateHz, long queued, int queueCapacity, long dropped) {
        this(name, pvs, pairs, "all", window, timestamp, prefix, publishRateHz, queued, queueCapacity, dropped);
    }
}
