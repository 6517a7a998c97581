package org.syncscope.eventsystem.mrf.internal;

/** The codes the driver reports to its error handlers; each one a different thing gone wrong. */
enum MrfError {
    LINK_FAIL(1, "the event link is down (Link-Sts Fail)"),
    PLL_ERROR(2, "the receiver's PLL is not locked (Pll-Sts Error)"),
    TIMESTAMPS_INVALID(3, "the receiver's timestamps are invalid (Time:Valid-Sts Invalid)"),
    RX_ERRORS(4, "receive errors on the event link (Cnt:RxErr-I went up)"),
    LINK_TIMEOUTS(5, "heartbeat timeouts: the link went silent (Cnt:LinkTimo-I went up)"),
    HW_OVERFLOWS(6, "the hardware event FIFO overflowed (Cnt:HwOflw-I went up)"),
    SW_OVERFLOWS(7, "events came faster than the IOC takes them (Cnt:SwOflw-I went up)"),
    DISCONNECTED(8, "a receiver PV disconnected (the IOC is gone or unreachable)"),
    NOT_FOUND(10, "receiver PVs did not connect within connectTimeoutSeconds (wrong prefix, or no IOC)");

    final int code;
    final String meaning;

    MrfError(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    static MrfError ofCounter(ReceiverPv counter) {
        return switch (counter) {
            case RX_ERRORS -> RX_ERRORS;
            case LINK_TIMEOUTS -> LINK_TIMEOUTS;
            case HW_OVERFLOWS -> HW_OVERFLOWS;
            case SW_OVERFLOWS -> SW_OVERFLOWS;
            default -> throw new IllegalArgumentException(counter + " is no error counter");
        };
    }
}
