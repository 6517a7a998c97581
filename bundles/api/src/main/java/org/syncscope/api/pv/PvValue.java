package org.syncscope.api.pv;

import java.util.Arrays;
import java.util.Objects;

/**
 * The value of a process variable: a scalar or an array. Immutable; arrays are copied in and out.
 */
public sealed interface PvValue
        permits PvValue.DoubleValue, PvValue.LongValue, PvValue.StringValue, PvValue.EnumValue,
                PvValue.DoubleArrayValue {

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
}
