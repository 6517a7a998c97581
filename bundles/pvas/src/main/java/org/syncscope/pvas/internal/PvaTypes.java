package org.syncscope.pvas.internal;

import java.util.List;
import org.epics.pvdata.factory.FieldFactory;
import org.epics.pvdata.pv.FieldBuilder;
import org.epics.pvdata.pv.FieldCreate;
import org.epics.pvdata.pv.ScalarType;
import org.epics.pvdata.pv.Structure;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvValue;

/**
 * The pvAccess introspection type of each {@link org.syncscope.api.pv.PvType}: normative types
 * (NTScalar, NTEnum, NTScalarArray, NTTable) with the EPICS 7 {@code display_t} (precision and
 * {@code form}, which pvData 6's own {@code StandardField} lacks), so they are built here.
 */
final class PvaTypes {

    static final String NT_SCALAR = "epics:nt/NTScalar:1.0";
    static final String NT_SCALAR_ARRAY = "epics:nt/NTScalarArray:1.0";
    static final String NT_ENUM = "epics:nt/NTEnum:1.0";
    static final String NT_TABLE = "epics:nt/NTTable:1.0";
    /** display.form choices of EPICS 7 (menuForm order). */
    static final List<String> FORMS = List.of("Default", "String", "Binary", "Decimal", "Hex", "Exponential",
            "Engineering");

    private static final FieldCreate FIELDS = FieldFactory.getFieldCreate();

    private PvaTypes() {
    }

    /** The structure a client sees for {@code spec}. */
    static Structure of(PvSpec spec) {
        FieldBuilder b = FIELDS.createFieldBuilder();
        switch (spec.type()) {
            case DOUBLE -> b.setId(NT_SCALAR).add("value", ScalarType.pvDouble);
            case LONG -> b.setId(NT_SCALAR).add("value", ScalarType.pvInt);
            case STRING -> b.setId(NT_SCALAR).add("value", ScalarType.pvString);
            case DOUBLE_ARRAY -> b.setId(NT_SCALAR_ARRAY).addArray("value", ScalarType.pvDouble);
            case ENUM -> b.setId(NT_ENUM).add("value", enumT());
            case TABLE -> {
                FieldBuilder columns = b.setId(NT_TABLE).addArray("labels", ScalarType.pvString)
                        .addNestedStructure("value");
                for (PvValue.TableValue.Column c : spec.columns()) {
                    columns.addArray(c.name(), c.kind() == PvValue.TableValue.Column.Kind.STRING ? ScalarType.pvString
                            : ScalarType.pvDouble);
                }
                columns.endNested().add("descriptor", ScalarType.pvString);
            }
        }
        b.addNestedStructure("alarm").setId("alarm_t")
                .add("severity", ScalarType.pvInt).add("status", ScalarType.pvInt).add("message", ScalarType.pvString)
                .endNested();
        b.addNestedStructure("timeStamp").setId("time_t")
                .add("secondsPastEpoch", ScalarType.pvLong).add("nanoseconds", ScalarType.pvInt)
                .add("userTag", ScalarType.pvInt)
                .endNested();
        if (spec.type() != org.syncscope.api.pv.PvType.TABLE) {
            b.addNestedStructure("display").setId("display_t")
                    .add("limitLow", ScalarType.pvDouble).add("limitHigh", ScalarType.pvDouble)
                    .add("description", ScalarType.pvString).add("units", ScalarType.pvString)
                    .add("precision", ScalarType.pvInt).add("form", enumT())
                    .endNested();
        }
        if (spec.type() == org.syncscope.api.pv.PvType.DOUBLE || spec.type() == org.syncscope.api.pv.PvType.LONG
                || spec.type() == org.syncscope.api.pv.PvType.DOUBLE_ARRAY) {
            b.addNestedStructure("control").setId("control_t")
                    .add("limitLow", ScalarType.pvDouble).add("limitHigh", ScalarType.pvDouble)
                    .add("minStep", ScalarType.pvDouble)
                    .endNested();
        }
        return b.createStructure();
    }

    private static Structure enumT() {
        return FIELDS.createFieldBuilder().setId("enum_t").add("index", ScalarType.pvInt)
                .addArray("choices", ScalarType.pvString).createStructure();
    }
}
