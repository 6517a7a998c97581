package org.syncscope.api.status;

/** The timestamp driver's status PVs as served now; registered by the timestamp driver. Thread safe. */
public interface TimestampStatusProvider {

    TimestampView timestamp();
}
