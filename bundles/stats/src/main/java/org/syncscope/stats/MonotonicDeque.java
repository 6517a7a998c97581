package org.syncscope.stats;

/**
 * The running maximum (or minimum) of a sliding window without rescanning it: a deque of ring
 * slots whose values decrease (increase) from front to back. A new sample removes the samples it
 * dominates from the back, so each sample enters and leaves once: O(1) amortised. Values are read
 * from the window's own ring buffer. Allocation-free; no division on the hot path.
 */
final class MonotonicDeque {

    private final double[] ring;
    private final int[] slots;
    private final boolean keepsMax;
    private int head;
    private int size;

    MonotonicDeque(double[] ring, boolean keepsMax) {
        this.ring = ring;
        this.slots = new int[ring.length];
        this.keepsMax = keepsMax;
    }

    /**
     * The sample in ring slot {@code slot} is leaving the window (about to be overwritten). Being
     * the oldest sample, if it is still in the deque it is at the front.
     */
    void evict(int slot) {
        if (size > 0 && slots[head] == slot) {
            head = next(head);
            size--;
        }
    }

    /** Adds the sample just written to ring slot {@code slot}. */
    void push(int slot) {
        double v = ring[slot];
        while (size > 0) {
            int back = head + size - 1;
            if (back >= slots.length) {
                back -= slots.length;
            }
            double b = ring[slots[back]];
            if (keepsMax ? b > v : b < v) {
                break;
            }
            size--;
        }
        int tail = head + size;
        slots[tail >= slots.length ? tail - slots.length : tail] = slot;
        size++;
    }

    /** The extreme value in the window; NaN when empty. */
    double extreme() {
        return size == 0 ? Double.NaN : ring[slots[head]];
    }

    void clear() {
        head = 0;
        size = 0;
    }

    private int next(int i) {
        return i + 1 == slots.length ? 0 : i + 1;
    }
}
