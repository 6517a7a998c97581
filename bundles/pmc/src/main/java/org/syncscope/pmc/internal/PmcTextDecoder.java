package org.syncscope.pmc.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.syncscope.api.ptp.ClockQuality;
import org.syncscope.api.ptp.CurrentDataSet;
import org.syncscope.api.ptp.DefaultDataSet;
import org.syncscope.api.ptp.GrandmasterSettingsNp;
import org.syncscope.api.ptp.ParentDataSet;
import org.syncscope.api.ptp.PortDataSet;
import org.syncscope.api.ptp.PortState;
import org.syncscope.api.ptp.TimeStatusNp;
import org.syncscope.pmc.internal.PmcText.Block;

/**
 * pmc's printed data sets into the same records the native client builds. pmc rounds some fields
 * when it prints them (offsets to 0.1 ns, peerMeanPathDelay to whole ns, the rate offset to 1e-9):
 * those are as exact as the text allows and no more.
 */
final class PmcTextDecoder {

    private static final Pattern PHASE_CHANGE = Pattern.compile("^0x([0-9a-fA-F]{4})'([0-9a-fA-F]{16})\\.([0-9a-fA-F]{4})$");
    /** pmc prints cumulativeScaledRateOffset divided by 2^41. */
    private static final double RATE_SCALE = Math.scalb(1.0, 41);

    private PmcTextDecoder() {
    }

    static CurrentDataSet current(Block b) throws MalformedReplyException {
        return new CurrentDataSet(b.integer("stepsRemoved"), b.decimal("offsetFromMaster"), b.decimal("meanPathDelay"));
    }

    static DefaultDataSet defaults(Block b) throws MalformedReplyException {
        return new DefaultDataSet(b.flag("twoStepFlag"), b.flag("slaveOnly"), b.integer("numberPorts"),
                b.integer("priority1"), new ClockQuality(b.integer("clockClass"), b.integer("clockAccuracy"),
                        b.integer("offsetScaledLogVariance")),
                b.integer("priority2"), b.clock("clockIdentity"), b.integer("domainNumber"));
    }

    static ParentDataSet parent(Block b) throws MalformedReplyException {
        return new ParentDataSet(b.port("parentPortIdentity"), b.flag("parentStats"),
                b.integer("observedParentOffsetScaledLogVariance"), b.integer("observedParentClockPhaseChangeRate"),
                b.integer("grandmasterPriority1"), new ClockQuality(b.integer("gm.ClockClass"),
                        b.integer("gm.ClockAccuracy"), b.integer("gm.OffsetScaledLogVariance")),
                b.integer("grandmasterPriority2"), b.clock("grandmasterIdentity"));
    }

    static TimeStatusNp timeStatus(Block b) throws MalformedReplyException {
        String phase = b.field("lastGmPhaseChange");
        Matcher m = PHASE_CHANGE.matcher(phase);
        if (!m.matches()) {
            throw new MalformedReplyException("TIME_STATUS_NP lastGmPhaseChange '" + phase
                    + "' is not like 0x0000'0000000000000000.0000");
        }
        if (Integer.parseInt(m.group(1), 16) != 0 || m.group(2).charAt(0) > '7') {
            throw new MalformedReplyException("TIME_STATUS_NP lastGmPhaseChange '" + phase + "' exceeds 2^63 ns");
        }
        return new TimeStatusNp(b.number("master_offset"), b.number("ingress_time"),
                (int) Math.round(b.decimal("cumulativeScaledRateOffset") * RATE_SCALE),
                b.integer("scaledLastGmPhaseChange"), b.integer("gmTimeBaseIndicator"),
                Long.parseUnsignedLong(m.group(2), 16), Integer.parseInt(m.group(3), 16), b.flag("gmPresent"),
                b.clock("gmIdentity"));
    }

    static GrandmasterSettingsNp grandmasterSettings(Block b) throws MalformedReplyException {
        int flags = (b.flag("leap61") ? 0x01 : 0) | (b.flag("leap59") ? 0x02 : 0)
                | (b.flag("currentUtcOffsetValid") ? 0x04 : 0) | (b.flag("ptpTimescale") ? 0x08 : 0)
                | (b.flag("timeTraceable") ? 0x10 : 0) | (b.flag("frequencyTraceable") ? 0x20 : 0);
        return new GrandmasterSettingsNp(new ClockQuality(b.integer("clockClass"), b.integer("clockAccuracy"),
                b.integer("offsetScaledLogVariance")), b.integer("currentUtcOffset"), flags, b.integer("timeSource"));
    }

    static PortDataSet port(Block b) throws MalformedReplyException {
        return new PortDataSet(b.port("portIdentity"), portState(b.field("portState")),
                b.integer("logMinDelayReqInterval"), b.number("peerMeanPathDelay"), b.integer("logAnnounceInterval"),
                b.integer("announceReceiptTimeout"), b.integer("logSyncInterval"), b.integer("delayMechanism"),
                b.integer("logMinPdelayReqInterval"), b.integer("versionNumber"));
    }

    static PortState portState(String name) throws MalformedReplyException {
        if (name.equals("GRAND_MASTER")) {
            return PortState.MASTER;
        }
        try {
            return PortState.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new MalformedReplyException("PORT_DATA_SET portState '" + name + "' is not a PTP port state");
        }
    }
}
