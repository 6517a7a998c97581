package org.syncscope.metrics.internal;

/**
 * Every metric family this bundle exports: its name exactly as a scrape shows it, and its help
 * text. Prometheus conventions: base units (seconds, hertz, bytes), counters end in {@code _total},
 * info metrics in {@code _info}; a state set's label is named like its metric.
 */
final class MetricNames {

    // sync profiles: one series per profile, input or pair
    static final String PROFILE_STATE = "syncscope_profile_state";
    static final String PROFILE_STATE_HELP = "Sync profile state (running, starting, refused)";
    static final String PROFILE_INPUTS = "syncscope_profile_inputs";
    static final String PROFILE_INPUTS_HELP = "Input PVs of the sync profile";
    static final String PROFILE_PAIRS = "syncscope_profile_pairs";
    static final String PROFILE_PAIRS_HELP = "Input pairs the sync profile has in all";
    static final String PROFILE_PAIRS_EXPORTED = "syncscope_profile_pairs_exported";
    static final String PROFILE_PAIRS_EXPORTED_HELP = "Input pairs exported here (the first ones, up to maxPairsPerProfile)";
    static final String PROFILE_PROCESSED = "syncscope_profile_updates_processed_total";
    static final String PROFILE_PROCESSED_HELP = "Input updates the sync profile took off its queue and processed, since it started";
    static final String PROFILE_DROPPED = "syncscope_profile_updates_dropped_total";
    static final String PROFILE_DROPPED_HELP = "Input updates dropped because the profile's queue was full, since it started";
    static final String PROFILE_QUEUED = "syncscope_profile_queued_updates";
    static final String PROFILE_QUEUED_HELP = "Input updates waiting in the profile's queue";

    static final String INPUT_FREQUENCY = "syncscope_input_frequency_hertz";
    static final String INPUT_FREQUENCY_HELP = "Input update frequency: stat instant, avg, min, max or std over the profile's window";
    static final String INPUT_CONNECTED = "syncscope_input_connected";
    static final String INPUT_CONNECTED_HELP = "1 while the input PV is connected, else 0";
    static final String INPUT_UPDATES = "syncscope_input_updates_total";
    static final String INPUT_UPDATES_HELP = "Updates of the input PV counted by the profile";
    static final String INPUT_SAMPLES = "syncscope_input_samples";
    static final String INPUT_SAMPLES_HELP = "Samples in the input's frequency window";

    static final String PAIR_DIFFERENCE = "syncscope_pair_difference_seconds";
    static final String PAIR_DIFFERENCE_HELP = "Time difference of a pair's inputs: stat current, avg, min, max or std over the window";
    static final String PAIR_VALID = "syncscope_pair_valid";
    static final String PAIR_VALID_HELP = "1 while both inputs of the pair are connected, else 0";
    static final String PAIR_SAMPLES = "syncscope_pair_samples";
    static final String PAIR_SAMPLES_HELP = "Samples in the pair's difference window";

    // timestamp driver
    static final String TIMESTAMP_MODE = "syncscope_timestamp_mode";
    static final String TIMESTAMP_MODE_HELP = "Clock mode of the timestamp driver (SOFT, SYNCHRONOUS)";
    static final String TIMESTAMP_ROLE = "syncscope_timestamp_role_info";
    static final String TIMESTAMP_ROLE_HELP = "Role of the timestamp driver (MASTER, SLAVE)";
    static final String TIMESTAMP_SOURCE = "syncscope_timestamp_source_info";
    static final String TIMESTAMP_SOURCE_HELP = "What the timestamp driver's clock follows";
    static final String TIMESTAMP_SYNC_VALID = "syncscope_timestamp_sync_valid";
    static final String TIMESTAMP_SYNC_VALID_HELP = "1 while the driver's time is trusted (SyncValid Yes), else 0";
    static final String TIMESTAMP_ALARM = "syncscope_timestamp_alarm";
    static final String TIMESTAMP_ALARM_HELP = "1 while the driver reports a hardware, NTP, config or UDP port alarm, else 0";
    static final String TIMESTAMP_OFFSET = "syncscope_timestamp_offset_seconds";
    static final String TIMESTAMP_OFFSET_HELP = "Last measured offset to the reference (master, NTP or host)";
    static final String TIMESTAMP_DELAY = "syncscope_timestamp_delay_seconds";
    static final String TIMESTAMP_DELAY_HELP = "Round trip of the last sync";
    static final String TIMESTAMP_JITTER = "syncscope_timestamp_jitter_seconds";
    static final String TIMESTAMP_JITTER_HELP = "NTP jitter";
    static final String TIMESTAMP_EVENTS = "syncscope_timestamp_events_total";
    static final String TIMESTAMP_EVENTS_HELP = "Events the timestamp driver received";

    // PTP check
    static final String PTP_HOST_ROLE = "syncscope_ptp_host_role_info";
    static final String PTP_HOST_ROLE_HELP = "PTP role of this host as the PTP check reads it";
    static final String PTP_VERDICT = "syncscope_ptp_verdict_info";
    static final String PTP_VERDICT_HELP = "Overall verdict of the PTP check";
    static final String PTP_MAX_ABS_DELTA = "syncscope_ptp_max_abs_delta_seconds";
    static final String PTP_MAX_ABS_DELTA_HELP = "Largest |camera time - median| of the last PTP check";
    static final String PTP_CAMERA_DELTA = "syncscope_ptp_camera_delta_seconds";
    static final String PTP_CAMERA_DELTA_HELP = "Camera time minus the median of all cameras";
    static final String PTP_CAMERA_STATE = "syncscope_ptp_camera_state_info";
    static final String PTP_CAMERA_STATE_HELP = "PTP state of the camera";

    // TIMEAV
    static final String TIMEAV_VALUE = "syncscope_timeav_value";
    static final String TIMEAV_VALUE_HELP = "Output of the TIMEAV device (in the unit of its input)";
    static final String TIMEAV_VALID = "syncscope_timeav_valid";
    static final String TIMEAV_VALID_HELP = "1 while the TIMEAV output is valid (read, not INVALID), else 0";

    static final String OVERVIEW_AGE = "syncscope_overview_age_seconds";
    static final String OVERVIEW_AGE_HELP = "Age of the site overview snapshot this scrape rendered";

    // the JVM, under the names Prometheus' own Java client uses where it has one
    static final String JVM_MEMORY_USED = "jvm_memory_used_bytes";
    static final String JVM_MEMORY_USED_HELP = "Memory in use (area heap or nonheap)";
    static final String JVM_MEMORY_COMMITTED = "jvm_memory_committed_bytes";
    static final String JVM_MEMORY_COMMITTED_HELP = "Memory committed by the JVM (area heap or nonheap)";
    static final String JVM_MEMORY_MAX = "jvm_memory_max_bytes";
    static final String JVM_MEMORY_MAX_HELP = "Largest memory the area may use (absent where undefined)";
    static final String JVM_THREADS_CURRENT = "jvm_threads_current";
    static final String JVM_THREADS_CURRENT_HELP = "Live threads";
    static final String JVM_THREADS_DAEMON = "jvm_threads_daemon";
    static final String JVM_THREADS_DAEMON_HELP = "Live daemon threads";
    static final String JVM_THREADS_PEAK = "jvm_threads_peak";
    static final String JVM_THREADS_PEAK_HELP = "Most live threads since the JVM started";
    static final String JVM_GC_COLLECTIONS = "jvm_gc_collections_total";
    static final String JVM_GC_COLLECTIONS_HELP = "Collections by the garbage collector";
    static final String JVM_GC_COLLECTION_SECONDS = "jvm_gc_collection_seconds_total";
    static final String JVM_GC_COLLECTION_SECONDS_HELP = "Time the garbage collector spent collecting";
    static final String PROCESS_CPU = "process_cpu_seconds_total";
    static final String PROCESS_CPU_HELP = "CPU time of the server process (user and system)";
    static final String PROCESS_START = "process_start_time_seconds";
    static final String PROCESS_START_HELP = "Start of the server process, seconds since the Unix epoch";
    static final String PROCESS_UPTIME = "process_uptime_seconds";
    static final String PROCESS_UPTIME_HELP = "Time since the server process started";

    private MetricNames() {
    }
}
