package org.syncscope.api.status;

/** The timestamp driver's status PVs ({@code TS:} by default), as clients read them. */
public record TimestampView(PvValueView mode, PvValueView role, PvValueView source, PvValueView syncValid,
                            PvValueView alarm, PvValueView offset, PvValueView delay, PvValueView jitter,
                            PvValueView eventCount, PvValueView lastSync) {
}
