package org.syncscope.pmc.internal;

import java.util.ArrayList;
import java.util.List;
import org.syncscope.api.ptp.ClockIdentity;
import org.syncscope.api.ptp.ClockQuality;
import org.syncscope.api.ptp.CurrentDataSet;
import org.syncscope.api.ptp.DefaultDataSet;
import org.syncscope.api.ptp.ParentDataSet;
import org.syncscope.api.ptp.PortDataSet;
import org.syncscope.api.ptp.PortIdentity;
import org.syncscope.api.ptp.PortState;
import org.syncscope.api.ptp.TimeStatusNp;
import org.syncscope.pmc.internal.ManagementMessage.Reply;

/**
 * What a ptp4l in one consistent state answers, for {@link FakePtp4l}: clock {@code self}
 * following {@code gm} ({@code gm == self}: it is the grandmaster) {@code steps} boundary clocks
 * away, with one port per state given (answered in the order given); anything else is refused
 * with NOT_SUPPORTED.
 */
record Ptp4lAnswers(ClockIdentity self, ClockIdentity gm, int steps, List<PortState> ports) {

    static Ptp4lAnswers slave(ClockIdentity self, ClockIdentity gm, PortState... ports) {
        return new Ptp4lAnswers(self, gm, 1, List.of(ports.length == 0 ? new PortState[] {PortState.SLAVE} : ports));
    }

    static Ptp4lAnswers grandmaster(ClockIdentity self) {
        return new Ptp4lAnswers(self, self, 0, List.of(PortState.MASTER));
    }

    /** The same clock with its single port in {@code state} and {@code steps} as given. */
    Ptp4lAnswers with(int stepsRemoved, ClockIdentity grandmaster, PortState... states) {
        return new Ptp4lAnswers(self, grandmaster, stepsRemoved, List.of(states));
    }

    List<byte[]> answer(Reply r) {
        int seq = r.sequenceId();
        PortIdentity src = new PortIdentity(self, 0);
        boolean following = !gm.equals(self);
        return switch (r.managementId()) {
            case 0x2001 -> List.of(ReplyBytes.response(src, seq, 0x2001,
                    ReplyBytes.body(new CurrentDataSet(steps, following ? -812.5 : 0, following ? 2873.25 : 0))));
            case 0x2000 -> List.of(ReplyBytes.response(src, seq, 0x2000, ReplyBytes.body(
                    new DefaultDataSet(true, false, ports.size(), 128, new ClockQuality(248, 0xFE, 0xFFFF), 128, self,
                            0))));
            case 0x2002 -> List.of(ReplyBytes.response(src, seq, 0x2002, ReplyBytes.body(
                    new ParentDataSet(new PortIdentity(gm, following ? 1 : 0), false, 0xFFFF, 0x7FFFFFFF, 127,
                            new ClockQuality(248, 0xFE, 0xFFFF), 128, gm))));
            case 0xC000 -> List.of(ReplyBytes.response(src, seq, 0xC000, ReplyBytes.body(
                    new TimeStatusNp(following ? -812 : 0, 1_700_000_000_000_000_000L, 0, 0, 0, 0, 0, following, gm))));
            case 0x2004 -> {
                List<byte[]> out = new ArrayList<>();
                for (int i = 0; i < ports.size(); i++) {
                    PortIdentity port = new PortIdentity(self, i + 1);
                    out.add(ReplyBytes.response(port, seq, 0x2004, ReplyBytes.body(
                            new PortDataSet(port, ports.get(i), 0, 0, 1, 3, 0, 1, 0, 2))));
                }
                yield out;
            }
            default -> List.of(ReplyBytes.error(src, seq, r.managementId(), 0x0006, "not here"));
        };
    }
}
