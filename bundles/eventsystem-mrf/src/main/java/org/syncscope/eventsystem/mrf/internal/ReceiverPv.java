package org.syncscope.eventsystem.mrf.internal;

/** The receiver records of mrfioc2's evr database the driver reads: {@code $(P)} + suffix. */
enum ReceiverPv {
    /** bi: 0 "Fail", 1 "OK"; scanned each second. */
    LINK("Link-Sts"),
    /** bi: 0 "Error", 1 "OK"; scanned each second. */
    PLL("Pll-Sts"),
    /** bi: 0 "Invalid", 1 "Valid"; I/O Intr. */
    TIME_VALID("Time:Valid-Sts"),
    /** longin: receive errors, counted since the IOC started. */
    RX_ERRORS("Cnt:RxErr-I"),
    /** longin: heartbeat timeouts (the link was silent). */
    LINK_TIMEOUTS("Cnt:LinkTimo-I"),
    /** longin: event FIFO overflows in the hardware. */
    HW_OVERFLOWS("Cnt:HwOflw-I"),
    /** longin: events arriving faster than the IOC takes them from the FIFO. */
    SW_OVERFLOWS("Cnt:SwOflw-I"),
    /** stringin: the receiver's time as text, processed on the seconds event. */
    TIME("Time-I"),
    /** ai: the timestamp counter's frequency, MHz. */
    CLOCK("Time:Clock-I"),
    /** mbbo: where the timestamp counter's clock comes from. */
    TIME_SOURCE("Time:Src-Sel");

    final String suffix;

    ReceiverPv(String suffix) {
        this.suffix = suffix;
    }

    String pv(String prefix) {
        return prefix + suffix;
    }

    /** Whether this is one of the four error counters, whose increase is an error. */
    boolean isErrorCounter() {
        return this == RX_ERRORS || this == LINK_TIMEOUTS || this == HW_OVERFLOWS || this == SW_OVERFLOWS;
    }
}
