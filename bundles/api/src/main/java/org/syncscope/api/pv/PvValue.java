package org.syncscope.api.pv;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The value of a process variable: a scalar or an array. Immutable; arrays are copied in and out.
 */
public sealed interface PvValue
        permits PvValue.DoubleValue, PvValue.LongValue, PvValue.StringValue, PvValue.EnumValue,
                PvValue.DoubleArrayValue, PvValue.TableValue {

    /** The {@link PvType} this value is posted as. */
    PvType type();

    /** A floating-point scalar. */
    record DoubleValue(double value) implements PvValue {
        @Override
        public PvType type() {
            return PvType.DOUBLE;
        }
    }

    /** An integer scalar. */
    record LongValue(long value) implements PvValue {
        @Override
        public PvType type() {
            return PvType.LONG;
        }
    }

    /** A string scalar. */
    record StringValue(String value) implements PvValue {
        public StringValue {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public PvType type() {
            return PvType.STRING;
        }
    }

    /** An enumerated value: the index into the labels, and the label when the source sent it (else empty). */
    record EnumValue(int index, String label) implements PvValue {
        public EnumValue {
            if (index < 0 || index > 0xFFFF) {
                throw new IllegalArgumentException("enum index " + index + " is outside 0..65535");
            }
            Objects.requireNonNull(label, "label");
        }

        @Override
        public PvType type() {
            return PvType.ENUM;
        }
    }

    /** An array of doubles (waveform); the array is copied on construction and on access. */
    record DoubleArrayValue(double[] values) implements PvValue {
        public DoubleArrayValue {
            values = values.clone();
        }

        @Override
        public double[] values() {
            return values.clone();
        }

        /** The number of elements, without copying. */
        public int length() {
            return values.length;
        }

        @Override
        public PvType type() {
            return PvType.DOUBLE_ARRAY;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof DoubleArrayValue other && Arrays.equals(values, other.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "DoubleArrayValue" + Arrays.toString(values);
        }
    }

    /**
     * A table: one array per column, all of one length (the rows), in the order of the spec's
     * {@link PvSpec#columns()}; a {@link Column.Kind#STRING} column holds a {@code String[]}, a
     * {@link Column.Kind#DOUBLE} one a {@code double[]}. The arrays are copied in; {@link #strings}
     * and {@link #doubles} copy them out.
     *
     * @since 1.3
     */
    record TableValue(List<Object> columns) implements PvValue {
        public TableValue {
            List<Object> copied = new java.util.ArrayList<>(columns.size());
            int n = -1;
            for (Object c : columns) {
                int length;
                if (c instanceof String[] strings) {
                    length = strings.length;
                    copied.add(strings.clone());
                } else if (c instanceof double[] doubles) {
                    length = doubles.length;
                    copied.add(doubles.clone());
                } else {
                    throw new IllegalArgumentException("a table column is a String[] or a double[], not "
                            + (c == null ? "null" : c.getClass().getSimpleName()));
                }
                if (n >= 0 && length != n) {
                    throw new IllegalArgumentException("table columns have " + n + " and " + length + " rows");
                }
                n = length;
            }
            columns = java.util.Collections.unmodifiableList(copied);
        }

        /** Rows: the columns' length (0 without columns). */
        public int rows() {
            if (columns.isEmpty()) {
                return 0;
            }
            Object c = columns.get(0);
            return c instanceof String[] s ? s.length : ((double[]) c).length;
        }

        /** A copy of column {@code k}, which holds strings. */
        public String[] strings(int k) {
            return ((String[]) columns.get(k)).clone();
        }

        /** A copy of column {@code k}, which holds doubles. */
        public double[] doubles(int k) {
            return ((double[]) columns.get(k)).clone();
        }

        @Override
        public PvType type() {
            return PvType.TABLE;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof TableValue other) || other.columns.size() != columns.size()) {
                return false;
            }
            for (int k = 0; k < columns.size(); k++) {
                if (!java.util.Objects.deepEquals(columns.get(k), other.columns.get(k))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            int h = 1;
            for (Object c : columns) {
                h = 31 * h + (c instanceof String[] s ? Arrays.hashCode(s) : Arrays.hashCode((double[]) c));
            }
            return h;
        }

        @Override
        public String toString() {
            return "TableValue[" + columns.size() + " columns, " + rows() + " rows]";
        }

        /**
         * One column of a table's spec: its name (the NTTable field) and label (the header shown),
         * and what it holds.
         */
        public record Column(String name, String label, Kind kind) {
            public enum Kind { STRING, DOUBLE }

            public Column {
                Objects.requireNonNull(name, "name");
                Objects.requireNonNull(label, "label");
                Objects.requireNonNull(kind, "kind");
                if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new IllegalArgumentException("table column name '" + name
                            + "' must be a field name: a letter or _, then letters, digits or _");
                }
            }
        }
    }
}
