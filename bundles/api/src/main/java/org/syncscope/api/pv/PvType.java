package org.syncscope.api.pv;

/** The value types a {@link PvPublisher} serves; each maps to one Channel Access DBR type family. */
public enum PvType {
    /** {@link PvValue.DoubleValue}; DBR_DOUBLE. */
    DOUBLE,
    /** {@link PvValue.LongValue}; DBR_LONG (32-bit on the wire: larger values are refused on post). */
    LONG,
    /** {@link PvValue.StringValue}; DBR_STRING (at most 39 characters on the wire). */
    STRING,
    /** {@link PvValue.EnumValue}; DBR_ENUM, labels from {@link PvSpec#enumLabels()}. */
    ENUM,
    /** {@link PvValue.DoubleArrayValue}; DBR_DOUBLE with element count up to {@link PvSpec#maxElements()}. */
    DOUBLE_ARRAY,
    /**
     * {@link PvValue.TableValue}: named columns of strings or doubles, as a pvAccess
     * {@code epics:nt/NTTable:1.0}; the columns are {@link PvSpec#columns()}. Channel Access has no
     * such type: only publishers whose {@link PvPublisher#carries} says so serve it.
     *
     * @since 1.3
     */
    TABLE
}
