package org.syncscope.pmc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.syncscope.api.ptp.ClockIdentity;
import org.syncscope.api.ptp.ClockQuality;
import org.syncscope.api.ptp.CurrentDataSet;
import org.syncscope.api.ptp.DefaultDataSet;
import org.syncscope.api.ptp.GrandmasterSettingsNp;
import org.syncscope.api.ptp.ParentDataSet;
import org.syncscope.api.ptp.PortDataSet;
import org.syncscope.api.ptp.PortIdentity;
import org.syncscope.api.ptp.PortState;
import org.syncscope.api.ptp.TimeStatusNp;
import org.syncscope.pmc.internal.PmcText.Block;

/** pmc 3.1.1's real output (captured from a slave ptp4l and a grandmaster) read into records. */
class PmcTextTest {

    private static final ClockIdentity A = new ClockIdentity(0xa2c5f9fffeefb3d7L);
    private static final ClockIdentity B = new ClockIdentity(0xb6962afffeaffa65L);

    @Test
    void slaveOutput() throws Exception {
        PmcText.Output out = PmcText.parse(resource("/pmc-3.1.1-A.txt"));
        assertThat(out.blocks()).extracting(Block::name).containsExactly("CURRENT_DATA_SET", "DEFAULT_DATA_SET",
                "PARENT_DATA_SET", "TIME_STATUS_NP", "GRANDMASTER_SETTINGS_NP", "PORT_DATA_SET");
        assertThat(out.notes()).allMatch(n -> n.startsWith("sending: GET "));
        Block current = out.blocks().get(0);
        assertThat(current.source()).isEqualTo(new PortIdentity(A, 0));
        assertThat(current.sequenceId()).isZero();
        assertThat(PmcTextDecoder.current(current)).isEqualTo(new CurrentDataSet(1, 469.0, 2145.0));
        assertThat(PmcTextDecoder.defaults(out.blocks().get(1))).isEqualTo(new DefaultDataSet(true, false, 1, 132,
                new ClockQuality(248, 0xFE, 0xFFFF), 128, A, 0));
        assertThat(PmcTextDecoder.parent(out.blocks().get(2))).isEqualTo(new ParentDataSet(new PortIdentity(B, 1), false,
                0xFFFF, 0x7FFFFFFF, 128, new ClockQuality(248, 0xFE, 0xFFFF), 128, B));
        assertThat(PmcTextDecoder.timeStatus(out.blocks().get(3))).isEqualTo(new TimeStatusNp(469,
                1_795_681_162_721_625_229L, 0, 0, 0, 0, 0, true, B));
        assertThat(PmcTextDecoder.grandmasterSettings(out.blocks().get(4))).isEqualTo(new GrandmasterSettingsNp(
                new ClockQuality(248, 0xFE, 0xFFFF), 37, 0, 0xA0));
        assertThat(PmcTextDecoder.port(out.blocks().get(5))).isEqualTo(new PortDataSet(new PortIdentity(A, 1),
                PortState.SLAVE, -1, 0, 0, 2, -1, 1, 0, 2));
    }

    @Test
    void grandmasterOutput() throws Exception {
        PmcText.Output out = PmcText.parse(resource("/pmc-3.1.1-B.txt"));
        Block current = out.blocks().stream().filter(b -> b.name().equals("CURRENT_DATA_SET")).findFirst().orElseThrow();
        assertThat(PmcTextDecoder.current(current)).isEqualTo(new CurrentDataSet(0, 0.0, 0.0));
        Block port = out.blocks().stream().filter(b -> b.name().equals("PORT_DATA_SET")).findFirst().orElseThrow();
        assertThat(PmcTextDecoder.port(port).portState()).isEqualTo(PortState.MASTER);
    }

    @Test
    void badTextIsNamed() throws Exception {
        String head = "\tb6962a.fffe.affa65-0 seq 0 RESPONSE MANAGEMENT CURRENT_DATA_SET \n";
        Block missing = PmcText.parse(head + "\t\tstepsRemoved 0\n\t\tmeanPathDelay 0.0\n").blocks().get(0);
        assertThatThrownBy(() -> PmcTextDecoder.current(missing))
                .hasMessage("pmc printed CURRENT_DATA_SET without the field offsetFromMaster");
        Block words = PmcText.parse(head + "\t\tstepsRemoved many\n\t\toffsetFromMaster 0\n\t\tmeanPathDelay 0\n")
                .blocks().get(0);
        assertThatThrownBy(() -> PmcTextDecoder.current(words))
                .hasMessage("CURRENT_DATA_SET stepsRemoved 'many' is not an integer");
        assertThatThrownBy(() -> PmcText.parse("\tb6962a.fffe-0 seq 0 RESPONSE MANAGEMENT CURRENT_DATA_SET \n"))
                .hasMessageContaining("'b6962a.fffe' is not a clock identity");
        assertThatThrownBy(() -> PmcText.parse("\tb6962a.fffe.affa65-99999 seq 0 RESPONSE MANAGEMENT X \n"))
                .hasMessageContaining("port number 99999 is outside 0..65535");
        Block state = PmcText.parse("\tb6962a.fffe.affa65-1 seq 0 RESPONSE MANAGEMENT PORT_DATA_SET \n"
                + "\t\tportIdentity b6962a.fffe.affa65-1\n\t\tportState SLEEPING\n").blocks().get(0);
        assertThatThrownBy(() -> PmcTextDecoder.port(state)).hasMessageContaining("portState 'SLEEPING'");
        Block phase = PmcText.parse("\tb6962a.fffe.affa65-0 seq 0 RESPONSE MANAGEMENT TIME_STATUS_NP \n"
                + "\t\tlastGmPhaseChange 12\n").blocks().get(0);
        assertThatThrownBy(() -> PmcTextDecoder.timeStatus(phase)).hasMessageContaining("lastGmPhaseChange '12'");
    }

    @Test
    void grandMasterStateAndHexNumbers() throws Exception {
        assertThat(PmcTextDecoder.portState("GRAND_MASTER")).isEqualTo(PortState.MASTER);
        assertThat(PmcText.number("x", "0x7fffffff")).isEqualTo(0x7FFFFFFFL);
        assertThat(PmcText.number("x", "+12")).isEqualTo(12);
        assertThat(PmcText.number("x", "-1")).isEqualTo(-1);
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = PmcTextTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
