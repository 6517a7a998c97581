package org.syncscope.pva.internal;

import org.epics.pvdata.factory.ConvertFactory;
import org.epics.pvdata.pv.ByteArrayData;
import org.epics.pvdata.pv.Convert;
import org.epics.pvdata.pv.DoubleArrayData;
import org.epics.pvdata.pv.Field;
import org.epics.pvdata.pv.FloatArrayData;
import org.epics.pvdata.pv.IntArrayData;
import org.epics.pvdata.pv.LongArrayData;
import org.epics.pvdata.pv.PVBoolean;
import org.epics.pvdata.pv.PVByteArray;
import org.epics.pvdata.pv.PVDouble;
import org.epics.pvdata.pv.PVDoubleArray;
import org.epics.pvdata.pv.PVField;
import org.epics.pvdata.pv.PVFloat;
import org.epics.pvdata.pv.PVFloatArray;
import org.epics.pvdata.pv.PVInt;
import org.epics.pvdata.pv.PVIntArray;
import org.epics.pvdata.pv.PVLong;
import org.epics.pvdata.pv.PVLongArray;
import org.epics.pvdata.pv.PVScalar;
import org.epics.pvdata.pv.PVScalarArray;
import org.epics.pvdata.pv.PVShortArray;
import org.epics.pvdata.pv.PVString;
import org.epics.pvdata.pv.PVStringArray;
import org.epics.pvdata.pv.PVStructure;
import org.epics.pvdata.pv.Scalar;
import org.epics.pvdata.pv.ScalarArray;
import org.epics.pvdata.pv.ScalarType;
import org.epics.pvdata.pv.ShortArrayData;
import org.epics.pvdata.pv.StringArrayData;
import org.epics.pvdata.pv.Structure;
import org.epics.pvdata.pv.Type;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.PvValue;

/**
 * Reads {@link PvUpdate}s out of one channel's pvData structure: NTScalar, NTEnum or
 * NTScalarArray of numbers. Built once per monitor connection from the structure's
 * introspection, it keeps the indices of the fields it reads, so {@link #read} walks arrays and
 * allocates only the update and its value (and, for arrays, the value's copy). Not thread safe:
 * one reader per monitor, used by one thread at a time.
 */
final class NtReader {

    static final String NT_SCALAR = "epics:nt/NTScalar:";
    static final String NT_ENUM = "epics:nt/NTEnum:";
    static final String NT_SCALAR_ARRAY = "epics:nt/NTScalarArray:";

    private static final long MAX_SECONDS = Long.MAX_VALUE / 1_000_000_000L - 1;
    private static final Convert CONVERT = ConvertFactory.getConvert();

    /** What the value field holds, and so how it is read. */
    private enum Kind { DOUBLE, LONG, BOOLEAN, STRING, ENUM, ARRAY }

    /** A structure this reader cannot read; the message names the PV, its type id and fields. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private final Kind kind;
    private final ScalarType scalarType;
    private final int value;
    private final int enumIndex;
    private final int enumChoices;
    private final int alarm;
    private final int severity;
    private final int status;
    private final int message;
    private final int timeStamp;
    private final int seconds;
    private final int nanoseconds;
    private final int userTag;

    // reused holders of array reads (the library fills them with its array and an offset)
    private final StringArrayData choices = new StringArrayData();
    private final DoubleArrayData doubles = new DoubleArrayData();
    private final FloatArrayData floats = new FloatArrayData();
    private final LongArrayData longs = new LongArrayData();
    private final IntArrayData ints = new IntArrayData();
    private final ShortArrayData shorts = new ShortArrayData();
    private final ByteArrayData bytes = new ByteArrayData();
    private double[] scratch = new double[0];
    /** Set by {@link #read} when the timestamp was not valid (nanoseconds outside 0..999 999 999). */
    private boolean badTime;

    private NtReader(Kind kind, ScalarType scalarType, int value, int enumIndex, int enumChoices, Structure s) {
        this.kind = kind;
        this.scalarType = scalarType;
        this.value = value;
        this.enumIndex = enumIndex;
        this.enumChoices = enumChoices;
        this.alarm = subStructure(s, "alarm");
        Structure a = alarm < 0 ? null : (Structure) s.getField(alarm);
        this.severity = scalarIndex(a, "severity");
        this.status = scalarIndex(a, "status");
        this.message = scalarIndex(a, "message");
        this.timeStamp = subStructure(s, "timeStamp");
        Structure t = timeStamp < 0 ? null : (Structure) s.getField(timeStamp);
        this.seconds = scalarIndex(t, "secondsPastEpoch");
        this.nanoseconds = scalarIndex(t, "nanoseconds");
        this.userTag = scalarIndex(t, "userTag");
    }

    /**
     * A reader for {@code structure}, the channel's (or monitor's) introspection.
     *
     * @throws Refused if it is none of NTScalar, NTEnum, NTScalarArray of numbers
     */
    static NtReader of(String pvName, Structure structure) throws Refused {
        String id = structure.getID();
        int v = structure.getFieldIndex("value");
        Field f = v < 0 ? null : structure.getField(v);
        if (id.startsWith(NT_SCALAR) && f instanceof Scalar scalar) {
            ScalarType t = scalar.getScalarType();
            Kind k = switch (t) {
                case pvDouble, pvFloat -> Kind.DOUBLE;
                case pvBoolean -> Kind.BOOLEAN;
                case pvString -> Kind.STRING;
                default -> Kind.LONG;
            };
            return new NtReader(k, t, v, -1, -1, structure);
        }
        if (id.startsWith(NT_ENUM) && f instanceof Structure e) {
            int index = e.getFieldIndex("index");
            int labels = e.getFieldIndex("choices");
            if (index >= 0 && e.getField(index) instanceof Scalar is && is.getScalarType() == ScalarType.pvInt
                    && labels >= 0 && e.getField(labels) instanceof ScalarArray ls
                    && ls.getElementType() == ScalarType.pvString) {
                return new NtReader(Kind.ENUM, ScalarType.pvInt, v, index, labels, structure);
            }
        }
        if (id.startsWith(NT_SCALAR_ARRAY) && f instanceof ScalarArray array && array.getElementType().isNumeric()) {
            return new NtReader(Kind.ARRAY, array.getElementType(), v, -1, -1, structure);
        }
        throw new Refused("PV " + pvName + " is not an NTScalar, NTEnum or NTScalarArray of numbers: its structure is '"
                + id + "' " + describe(structure));
    }

    /** {@code {a, b}}, or {@code {value: double[]}} for a value of a type we do not read. */
    private static String describe(Structure s) {
        StringBuilder b = new StringBuilder("{");
        String[] names = s.getFieldNames();
        for (int i = 0; i < names.length; i++) {
            b.append(i == 0 ? "" : ", ").append(names[i]);
            if (names[i].equals("value")) {
                Field f = s.getField(i);
                b.append(": ").append(f.getType() == Type.structure ? "'" + f.getID() + "'" : f.getID());
            }
        }
        return b.append('}').toString();
    }

    private static int subStructure(Structure s, String name) {
        int i = s.getFieldIndex(name);
        return i >= 0 && s.getField(i) instanceof Structure ? i : -1;
    }

    private static int scalarIndex(Structure s, String name) {
        if (s == null) {
            return -1;
        }
        int i = s.getFieldIndex(name);
        return i >= 0 && s.getField(i) instanceof Scalar ? i : -1;
    }

    /** An update of {@code pv} (of the structure this reader was built for), received at {@code receivedNanos}. */
    PvUpdate read(String pvName, PVStructure pv, long receivedNanos) {
        PVField[] top = pv.getPVFields();
        PvValue v = value(top[value]);
        AlarmSeverity sev = AlarmSeverity.NO_ALARM;
        AlarmStatus stat = AlarmStatus.NO_ALARM;
        if (alarm >= 0) {
            PVField[] a = ((PVStructure) top[alarm]).getPVFields();
            int code = severity < 0 ? 0 : (int) CONVERT.toLong((PVScalar) a[severity]);
            sev = Alarms.severity(code);
            stat = Alarms.status(status < 0 ? 0 : (int) CONVERT.toLong((PVScalar) a[status]),
                    message < 0 ? null : ((PVString) a[message]).get());
        }
        long source = receivedNanos;
        int tag = 0;
        badTime = false;
        if (timeStamp >= 0 && seconds >= 0) {
            PVField[] t = ((PVStructure) top[timeStamp]).getPVFields();
            long s = CONVERT.toLong((PVScalar) t[seconds]);
            long ns = nanoseconds < 0 ? 0 : CONVERT.toLong((PVScalar) t[nanoseconds]);
            tag = userTag < 0 ? 0 : (int) CONVERT.toLong((PVScalar) t[userTag]);
            if (ns >= 0 && ns < 1_000_000_000L && Math.abs(s) <= MAX_SECONDS) {
                source = s * 1_000_000_000L + ns;
            } else {
                badTime = true;
            }
        }
        return new PvUpdate(pvName, v, source, receivedNanos, sev, stat, tag);
    }

    /** Whether the last {@link #read} found an invalid timestamp and used the receive time for it. */
    boolean lastTimeWasBad() {
        return badTime;
    }

    private PvValue value(PVField f) {
        switch (kind) {
            case DOUBLE:
                return new PvValue.DoubleValue(scalarType == ScalarType.pvDouble ? ((PVDouble) f).get() : ((PVFloat) f).get());
            case LONG:
                return new PvValue.LongValue(scalarType == ScalarType.pvInt ? ((PVInt) f).get()
                        : scalarType == ScalarType.pvLong ? ((PVLong) f).get() : CONVERT.toLong((PVScalar) f));
            case BOOLEAN:
                return new PvValue.LongValue(((PVBoolean) f).get() ? 1 : 0);
            case STRING: {
                String s = ((PVString) f).get();
                return new PvValue.StringValue(s == null ? "" : s);
            }
            case ENUM: {
                PVField[] e = ((PVStructure) f).getPVFields();
                int index = ((PVInt) e[enumIndex]).get();
                PVStringArray labels = (PVStringArray) e[enumChoices];
                int n = labels.get(0, labels.getLength(), choices);
                String label = index >= 0 && index < n ? choices.data[choices.offset + index] : "";
                return new PvValue.EnumValue(Math.max(0, Math.min(index, 0xFFFF)), label == null ? "" : label);
            }
            default:
                return new PvValue.DoubleArrayValue(doubles((PVScalarArray) f));
        }
    }

    /**
     * The array's elements as doubles: the library's own array where it is exactly that (the
     * value copies it), else this reader's scratch array of that length, filled.
     */
    private double[] doubles(PVScalarArray a) {
        int n = a.getLength();
        if (scalarType == ScalarType.pvDouble) {
            ((PVDoubleArray) a).get(0, n, doubles);
            if (doubles.offset == 0 && doubles.data.length == n) {
                return doubles.data;
            }
        }
        if (scratch.length != n) {
            scratch = new double[n];
        }
        double[] out = scratch;
        switch (scalarType) {
            case pvDouble:
                System.arraycopy(doubles.data, doubles.offset, out, 0, n);
                break;
            case pvFloat:
                ((PVFloatArray) a).get(0, n, floats);
                for (int i = 0; i < n; i++) {
                    out[i] = floats.data[floats.offset + i];
                }
                break;
            case pvLong:
                ((PVLongArray) a).get(0, n, longs);
                for (int i = 0; i < n; i++) {
                    out[i] = longs.data[longs.offset + i];
                }
                break;
            case pvInt:
                ((PVIntArray) a).get(0, n, ints);
                for (int i = 0; i < n; i++) {
                    out[i] = ints.data[ints.offset + i];
                }
                break;
            case pvShort:
                ((PVShortArray) a).get(0, n, shorts);
                for (int i = 0; i < n; i++) {
                    out[i] = shorts.data[shorts.offset + i];
                }
                break;
            case pvByte:
                ((PVByteArray) a).get(0, n, bytes);
                for (int i = 0; i < n; i++) {
                    out[i] = bytes.data[bytes.offset + i];
                }
                break;
            default:   // unsigned: rare; the library's conversion (it allocates a small holder per call)
                CONVERT.toDoubleArray(a, 0, n, out, 0);
        }
        return out;
    }
}
