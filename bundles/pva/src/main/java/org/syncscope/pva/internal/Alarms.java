package org.syncscope.pva.internal;

import java.util.HashMap;
import java.util.Map;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;

/**
 * pvAccess alarm_t to our severity and status. pvAccess has a coarse status code (NO_STATUS,
 * DEVICE, DRIVER, RECORD, DB, CONF, UNDEFINED, CLIENT) and a free message; an IOC's QSRV puts the
 * record's menuAlarmStat name in the message ("HIHI", "LINK", …). So a message that is exactly
 * one of our {@link AlarmStatus} names gives that status; otherwise the code picks the closest:
 * NO_STATUS → NO_ALARM, DEVICE → READ, DRIVER → COMM, RECORD → SOFT, DB → LINK, CONF → SOFT,
 * UNDEFINED → UDF, CLIENT → COMM, any other code → UDF.
 */
final class Alarms {

    private static final AlarmSeverity[] SEVERITIES = AlarmSeverity.values();
    private static final AlarmStatus[] BY_CODE = {
        AlarmStatus.NO_ALARM, AlarmStatus.READ, AlarmStatus.COMM, AlarmStatus.SOFT,
        AlarmStatus.LINK, AlarmStatus.SOFT, AlarmStatus.UDF, AlarmStatus.COMM,
    };
    private static final Map<String, AlarmStatus> BY_NAME = new HashMap<>();

    static {
        for (AlarmStatus s : AlarmStatus.values()) {
            BY_NAME.put(s.name(), s);
        }
    }

    private Alarms() {
    }

    /** 0..3 as EPICS numbers them; anything else (pvAccess also has 4, UNDEFINED) is INVALID. */
    static AlarmSeverity severity(int code) {
        return code >= 0 && code < SEVERITIES.length ? SEVERITIES[code] : AlarmSeverity.INVALID;
    }

    /** The status named by {@code message}, else the one closest to {@code code} (see the class comment). */
    static AlarmStatus status(int code, String message) {
        if (message != null && !message.isEmpty()) {
            AlarmStatus named = BY_NAME.get(message);
            if (named != null) {
                return named;
            }
        }
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : AlarmStatus.UDF;
    }
}
