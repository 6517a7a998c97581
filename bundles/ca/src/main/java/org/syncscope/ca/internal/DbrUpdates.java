package org.syncscope.ca.internal;

import gov.aps.jca.dbr.DBR;
import gov.aps.jca.dbr.DBRType;
import gov.aps.jca.dbr.STS;
import gov.aps.jca.dbr.TIME;
import gov.aps.jca.dbr.TimeStamp;
import java.util.List;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.PvValue;
import org.syncscope.api.time.EpicsTime;

/** Turns a DBR_TIME_* from CAJ into a {@link PvUpdate}. */
final class DbrUpdates {

    private DbrUpdates() {
    }

    /** The DBR_TIME_ type of a channel's native type (DBR_TIME_x = x + 14). */
    static DBRType timeType(DBRType nativeType) {
        return DBRType.forValue(nativeType.getValue() + DBRType.TIME_STRING.getValue());
    }

    /**
     * @param labels enum labels when known, else empty
     * @throws IllegalArgumentException if the record's timestamp is not a valid EPICS time
     *                                  (nanoseconds ≥ 1e9): the caller decides what to do
     */
    static PvUpdate toUpdate(String pvName, DBR dbr, long receiveNanos, List<String> labels) {
        TimeStamp ts = ((TIME) dbr).getTimeStamp();
        long sourceNanos = EpicsTime.toUnixNanos(ts.secPastEpoch(), (int) ts.nsec());
        STS sts = (STS) dbr;
        return new PvUpdate(pvName, value(dbr, labels), sourceNanos, receiveNanos,
                severity(sts.getSeverity().getValue()), status(sts.getStatus().getValue()));
    }

    static PvValue value(DBR dbr, List<String> labels) {
        Object v = dbr.getValue();
        int n = dbr.getCount();
        if (dbr.isSTRING()) {
            return new PvValue.StringValue(n == 0 ? "" : ((String[]) v)[0]);
        }
        if (dbr.isENUM()) {
            int index = ((short[]) v)[0] & 0xFFFF;
            return new PvValue.EnumValue(index, index < labels.size() ? labels.get(index) : "");
        }
        double[] values = new double[n];
        if (dbr.isDOUBLE()) {
            values = ((double[]) v).clone();
        } else if (dbr.isFLOAT()) {
            float[] f = (float[]) v;
            for (int i = 0; i < n; i++) {
                values[i] = f[i];
            }
        } else {
            long[] longs = integers(v, n);
            if (n == 1) {
                return new PvValue.LongValue(longs[0]);
            }
            for (int i = 0; i < n; i++) {
                values[i] = longs[i];
            }
        }
        return n == 1 ? new PvValue.DoubleValue(values[0]) : new PvValue.DoubleArrayValue(values);
    }

    private static long[] integers(Object v, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            if (v instanceof int[] a) {
                out[i] = a[i];
            } else if (v instanceof short[] a) {
                out[i] = a[i];
            } else {
                out[i] = ((byte[]) v)[i];
            }
        }
        return out;
    }

    private static AlarmSeverity severity(int code) {
        AlarmSeverity[] all = AlarmSeverity.values();
        return code >= 0 && code < all.length ? all[code] : AlarmSeverity.INVALID;
    }

    private static AlarmStatus status(int code) {
        AlarmStatus[] all = AlarmStatus.values();
        return code >= 0 && code < all.length ? all[code] : AlarmStatus.UDF;
    }
}
