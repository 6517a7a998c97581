package org.syncscope.pvas.internal;

import org.syncscope.api.pv.AlarmStatus;

/**
 * Our alarm status (EPICS base's menuAlarmStat, what Channel Access carries) as the pvAccess
 * {@code alarm_t.status} code, whose set is coarser: the CA name goes into {@code alarm_t.message}.
 */
final class AlarmCodes {

    static final int NONE = 0;
    static final int DEVICE = 1;
    static final int DRIVER = 2;
    static final int RECORD = 3;
    static final int DB = 4;
    static final int UNDEFINED = 6;

    private AlarmCodes() {
    }

    /** The alarm_t.status code of {@code status}. */
    static int code(AlarmStatus status) {
        return switch (status) {
            case NO_ALARM -> NONE;
            // what the value itself says (limits, state) and what the device reported
            case READ, WRITE, HIHI, HIGH, LOLO, LOW, STATE, COS, HWLIMIT -> DEVICE;
            // the link to the device
            case COMM, TIMEOUT -> DRIVER;
            // the processing of the value
            case CALC, SCAN, LINK, SOFT, BAD_SUB -> RECORD;
            // the database's own state
            case DISABLE, SIMM, READ_ACCESS, WRITE_ACCESS -> DB;
            case UDF -> UNDEFINED;
        };
    }

    /** The alarm_t.message: empty without an alarm, else the Channel Access status name ("HIHI"). */
    static String message(AlarmStatus status) {
        return status == AlarmStatus.NO_ALARM ? "" : status.name();
    }
}
