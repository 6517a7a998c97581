package org.syncscope.api.pv;

import java.util.List;
import java.util.Objects;

/**
 * What to publish: name, type and the metadata Channel Access clients read with DBR_GR/DBR_CTRL.
 *
 * @param name          the PV name; the publisher refuses names EPICS would not accept
 * @param type          value type
 * @param units         engineering units (EGU), may be empty
 * @param precision     display precision (PREC), 0..17
 * @param description   one line for operators (DESC), may be empty
 * @param displayLimits display limits (HOPR/LOPR)
 * @param controlLimits control limits (DRVH/DRVL)
 * @param enumLabels    state labels for {@link PvType#ENUM} (at most 16, as DBR_ENUM carries), else empty
 * @param maxElements   element count for {@link PvType#DOUBLE_ARRAY}, 1 for scalars
 * @param writeHandler  accepts client puts; {@code null} makes the PV read-only
 * @param columns       the columns of a {@link PvType#TABLE} (at least one), else empty (since 1.3)
 */
public record PvSpec(String name, PvType type, String units, int precision, String description,
                     Limits displayLimits, Limits controlLimits, List<String> enumLabels,
                     int maxElements, WriteHandler writeHandler, List<PvValue.TableValue.Column> columns) {

    /** A spec of any type but {@link PvType#TABLE} (no columns). */
    public PvSpec(String name, PvType type, String units, int precision, String description,
                  Limits displayLimits, Limits controlLimits, List<String> enumLabels,
                  int maxElements, WriteHandler writeHandler) {
        this(name, type, units, precision, description, displayLimits, controlLimits, enumLabels, maxElements,
                writeHandler, List.of());
    }

    public PvSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(units, "units");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(displayLimits, "displayLimits");
        Objects.requireNonNull(controlLimits, "controlLimits");
        enumLabels = List.copyOf(enumLabels);
        columns = List.copyOf(columns);
        if (type == PvType.TABLE ? columns.isEmpty() : !columns.isEmpty()) {
            throw new IllegalArgumentException(type == PvType.TABLE ? "table PV " + name + " needs at least one column"
                    : name + " is not a table and has no columns");
        }
        if (columns.stream().map(PvValue.TableValue.Column::name).distinct().count() != columns.size()) {
            throw new IllegalArgumentException("table PV " + name + " has two columns of one name");
        }
        if (precision < 0 || precision > 17) {
            throw new IllegalArgumentException("precision of " + name + " must be 0..17, got " + precision);
        }
        if (enumLabels.size() > 16) {
            throw new IllegalArgumentException(name + " has " + enumLabels.size() + " enum labels; Channel Access carries at most 16");
        }
        if (type == PvType.ENUM && enumLabels.isEmpty()) {
            throw new IllegalArgumentException("enum PV " + name + " needs at least one label");
        }
        if (type == PvType.DOUBLE_ARRAY ? maxElements < 1 : maxElements != 1) {
            throw new IllegalArgumentException("maxElements of " + name + " must be "
                    + (type == PvType.DOUBLE_ARRAY ? ">= 1" : "1 for a scalar") + ", got " + maxElements);
        }
    }

    /** A read-only enum PV with these labels (at most 16) and no limits. */
    public static PvSpec ofEnum(String name, String description, List<String> labels) {
        return new PvSpec(name, PvType.ENUM, "", 0, description, Limits.NONE, Limits.NONE, labels, 1, null);
    }

    /** A read-only string PV (at most 39 characters on the wire). */
    public static PvSpec ofString(String name, String description) {
        return new PvSpec(name, PvType.STRING, "", 0, description, Limits.NONE, Limits.NONE, List.of(), 1, null);
    }

    /** A read-only scalar long with units and no limits. */
    public static PvSpec ofLong(String name, String units, String description) {
        return new PvSpec(name, PvType.LONG, units, 0, description, Limits.NONE, Limits.NONE, List.of(), 1, null);
    }

    /** A read-only scalar double with units and precision and no limits: the most common output PV. */
    public static PvSpec ofDouble(String name, String units, int precision, String description) {
        return new PvSpec(name, PvType.DOUBLE, units, precision, description, Limits.NONE, Limits.NONE,
                List.of(), 1, null);
    }

    /** A read-only table PV (pvAccess NTTable) of these columns. */
    public static PvSpec ofTable(String name, String description, List<PvValue.TableValue.Column> columns) {
        return new PvSpec(name, PvType.TABLE, "", 0, description, Limits.NONE, Limits.NONE, List.of(), 1, null,
                columns);
    }

    /** The same spec with a write handler, so the PV accepts client puts. */
    public PvSpec withWriteHandler(WriteHandler handler) {
        return new PvSpec(name, type, units, precision, description, displayLimits, controlLimits,
                enumLabels, maxElements, Objects.requireNonNull(handler, "handler"), columns);
    }

    /** Whether clients may write this PV. */
    public boolean writable() {
        return writeHandler != null;
    }
}
