package org.syncscope.api.pv;

/**
 * EPICS alarm status (the reason for a severity), in the order and with the ordinals of
 * EPICS base's {@code menuAlarmStat}, so {@code ordinal()} is the value sent over Channel Access.
 */
public enum AlarmStatus {
    NO_ALARM, READ, WRITE, HIHI, HIGH, LOLO, LOW, STATE, COS, COMM, TIMEOUT, HWLIMIT, CALC,
    SCAN, LINK, SOFT, BAD_SUB, UDF, DISABLE, SIMM, READ_ACCESS, WRITE_ACCESS
}
