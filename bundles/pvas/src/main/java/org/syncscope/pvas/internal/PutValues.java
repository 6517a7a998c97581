package org.syncscope.pvas.internal;

import org.epics.pvdata.factory.ConvertFactory;
import org.epics.pvdata.pv.Convert;
import org.epics.pvdata.pv.PVField;
import org.epics.pvdata.pv.PVScalar;
import org.epics.pvdata.pv.PVScalarArray;
import org.epics.pvdata.pv.PVStringArray;
import org.epics.pvdata.pv.PVStructure;
import org.epics.pvdata.pv.StringArrayData;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvValue;

/** A client's put structure (its {@code value} field, or {@code value.index} of an enum) as a value of the PV's type. */
final class PutValues {

    private static final Convert CONVERT = ConvertFactory.getConvert();

    private PutValues() {
    }

    /** @throws IllegalArgumentException naming the PV and the field when the put holds no usable value */
    static PvValue toValue(PvSpec spec, PVStructure put) {
        PVField value = put.getSubField("value");
        if (value == null) {
            throw new IllegalArgumentException("PV " + spec.name() + ": a put must write the field 'value'");
        }
        try {
            switch (spec.type()) {
                case DOUBLE:
                    return new PvValue.DoubleValue(CONVERT.toDouble(scalar(spec, value)));
                case LONG:
                    return new PvValue.LongValue(CONVERT.toLong(scalar(spec, value)));
                case STRING:
                    return new PvValue.StringValue(CONVERT.toString(scalar(spec, value)));
                case ENUM: {
                    PVField index = value instanceof PVStructure s ? s.getSubField("index") : value;
                    if (index == null) {
                        throw new IllegalArgumentException("PV " + spec.name() + ": a put must write 'value.index'");
                    }
                    int i = CONVERT.toInt(scalar(spec, index));
                    if (i < 0 || i >= spec.enumLabels().size()) {
                        throw new IllegalArgumentException("PV " + spec.name() + ": enum index " + i + " is outside 0.."
                                + (spec.enumLabels().size() - 1));
                    }
                    return new PvValue.EnumValue(i, spec.enumLabels().get(i));
                }
                case DOUBLE_ARRAY: {
                    if (!(value instanceof PVScalarArray a)) {
                        throw new IllegalArgumentException("PV " + spec.name() + ": 'value' must be an array");
                    }
                    double[] out = new double[a.getLength()];
                    CONVERT.toDoubleArray(a, 0, out.length, out, 0);
                    return new PvValue.DoubleArrayValue(out);
                }
                case TABLE:
                    return table(spec, value);
                default:
                    throw new IllegalArgumentException("PV " + spec.name() + " takes no puts of type " + spec.type());
            }
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException conversion) {   // pvData's Convert throws for text that is no number
            throw new IllegalArgumentException("PV " + spec.name() + ": cannot convert the value: "
                    + conversion.getMessage(), conversion);
        }
    }

    private static PVScalar scalar(PvSpec spec, PVField field) {
        if (field instanceof PVScalar s) {
            return s;
        }
        throw new IllegalArgumentException("PV " + spec.name() + ": '" + field.getFieldName() + "' must be a scalar");
    }

    private static PvValue table(PvSpec spec, PVField value) {
        if (!(value instanceof PVStructure columns)) {
            throw new IllegalArgumentException("PV " + spec.name() + ": 'value' must be the table's column structure");
        }
        java.util.List<Object> out = new java.util.ArrayList<>();
        for (PvValue.TableValue.Column c : spec.columns()) {
            PVField f = columns.getSubField(c.name());
            if (!(f instanceof PVScalarArray a)) {
                throw new IllegalArgumentException("PV " + spec.name() + ": column '" + c.name() + "' is missing");
            }
            if (c.kind() == PvValue.TableValue.Column.Kind.STRING) {
                StringArrayData data = new StringArrayData();
                String[] strings = new String[a.getLength()];
                if (a instanceof PVStringArray sa) {
                    sa.get(0, strings.length, data);
                    System.arraycopy(data.data, data.offset, strings, 0, strings.length);
                } else {
                    CONVERT.toStringArray(a, 0, strings.length, strings, 0);
                }
                out.add(strings);
            } else {
                double[] doubles = new double[a.getLength()];
                CONVERT.toDoubleArray(a, 0, doubles.length, doubles, 0);
                out.add(doubles);
            }
        }
        return new PvValue.TableValue(out);
    }
}
