package org.syncscope.overview;

/**
 * The latest snapshot of every capability of this server. Snapshots are taken on demand, at most
 * one per the configured period however many readers ask, so a server nobody looks at does no
 * work for it. Thread safe.
 */
public interface SiteOverview {

    /** The latest snapshot, taken now if the last one is older than the period. */
    Overview snapshot();
}
