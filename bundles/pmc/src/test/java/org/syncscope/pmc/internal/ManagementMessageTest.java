package org.syncscope.pmc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
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
import org.syncscope.pmc.internal.ManagementMessage.Reply;

class ManagementMessageTest {

    private static final ClockIdentity A = new ClockIdentity(0xa2c5f9fffeefb3d7L);
    private static final ClockIdentity B = new ClockIdentity(0xb6962afffeaffa65L);
    /** Real ptp4l 3.1.1 replies ("A 0x2001" → bytes); the expected values below were decoded by hand from the hex. */
    private static final Map<String, byte[]> REAL = new HashMap<>();

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = ManagementMessageTest.class.getResourceAsStream("/ptp4l-3.1.1-replies.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    String[] f = line.trim().split(" ");
                    REAL.put(f[0] + " " + f[1], ReplyBytes.hex(f[2]));
                }
            }
        }
    }

    @Test
    void getIsLaidOutAsPtp4lExpects() {
        PortIdentity self = new PortIdentity(new ClockIdentity(0x53594E4300001234L), 3);
        byte[] m = ManagementMessage.get(0x2001, 5, self, 0xBEEF);
        ByteBuffer b = ByteBuffer.wrap(m);
        assertThat(m).hasSize(54);
        assertThat(m[0]).isEqualTo((byte) 0x0D);
        assertThat(m[1] & 0x0F).isEqualTo(2);
        assertThat(b.getShort(2)).isEqualTo((short) 54);
        assertThat(m[4]).isEqualTo((byte) 5);
        assertThat(b.getLong(20)).isEqualTo(0x53594E4300001234L);
        assertThat(b.getShort(28)).isEqualTo((short) 3);
        assertThat(b.getShort(30) & 0xFFFF).isEqualTo(0xBEEF);
        assertThat(m[32]).isEqualTo((byte) 0x04);
        for (int i = 34; i < 44; i++) {
            assertThat(m[i]).as("target byte %d", i).isEqualTo((byte) 0xFF);
        }
        assertThat(m[44]).isZero();
        assertThat(m[45]).isZero();
        assertThat(m[46]).isEqualTo((byte) ManagementMessage.ACTION_GET);
        assertThat(b.getShort(48)).isEqualTo((short) 1);
        assertThat(b.getShort(50)).isEqualTo((short) 2);
        assertThat(b.getShort(52) & 0xFFFF).isEqualTo(0x2001);
    }

    @Test
    void realSlaveRepliesDecodeToWhatPmcPrinted() throws Exception {
        Reply current = ManagementMessage.parse(REAL.get("A 0x2001"));
        assertThat(current.source()).isEqualTo(new PortIdentity(A, 0));
        assertThat(current.sequenceId()).isEqualTo(7);
        assertThat(current.action()).isEqualTo(ManagementMessage.ACTION_RESPONSE);
        assertThat(DataSetDecoder.current(current.body())).isEqualTo(new CurrentDataSet(1, -45.0, 2135.0));

        DefaultDataSet d = DataSetDecoder.defaults(ManagementMessage.parse(REAL.get("A 0x2000")).body());
        assertThat(d).isEqualTo(new DefaultDataSet(true, false, 1, 132, new ClockQuality(248, 0xFE, 0xFFFF), 128, A, 0));

        ParentDataSet p = DataSetDecoder.parent(ManagementMessage.parse(REAL.get("A 0x2002")).body());
        assertThat(p).isEqualTo(new ParentDataSet(new PortIdentity(B, 1), false, 0xFFFF, 0x7FFFFFFF, 128,
                new ClockQuality(248, 0xFE, 0xFFFF), 128, B));

        TimeStatusNp t = DataSetDecoder.timeStatus(ManagementMessage.parse(REAL.get("A 0xc000")).body());
        assertThat(t.masterOffsetNs()).isEqualTo(128);
        assertThat(t.ingressTimeNs()).isEqualTo(0x18eb8a6ca62ab0ccL);
        assertThat(t.gmPresent()).isTrue();
        assertThat(t.gmIdentity()).isEqualTo(B);

        PortDataSet port = DataSetDecoder.port(ManagementMessage.parse(REAL.get("A 0x2004")).body());
        assertThat(port).isEqualTo(new PortDataSet(new PortIdentity(A, 1), PortState.SLAVE, -1, 0.0, 0, 2, -1, 1, 0, 2));

        GrandmasterSettingsNp g = DataSetDecoder.grandmasterSettings(ManagementMessage.parse(REAL.get("A 0xc001")).body());
        assertThat(g).isEqualTo(new GrandmasterSettingsNp(new ClockQuality(248, 0xFE, 0xFFFF), 37, 0, 0xA0));
    }

    @Test
    void realGrandmasterReplies() throws Exception {
        assertThat(DataSetDecoder.current(ManagementMessage.parse(REAL.get("B 0x2001")).body()))
                .isEqualTo(new CurrentDataSet(0, 0.0, 0.0));
        assertThat(DataSetDecoder.port(ManagementMessage.parse(REAL.get("B 0x2004")).body()).portState())
                .isEqualTo(PortState.MASTER);
        assertThat(DataSetDecoder.defaults(ManagementMessage.parse(REAL.get("B 0x2000")).body()).clockIdentity())
                .hasToString("b6962a.fffe.affa65");
    }

    @Test
    void realErrorStatusRepliesCarryTheErrorId() throws Exception {
        Reply notSupported = ManagementMessage.parse(REAL.get("B 0x200f"));
        assertThat(notSupported.isError()).isTrue();
        assertThat(notSupported.errorId()).isEqualTo(0x0006);
        assertThat(notSupported.managementId()).isEqualTo(0x200F);
        assertThat(ManagementError.name(notSupported.errorId())).isEqualTo("NOT_SUPPORTED");
        Reply noSuchId = ManagementMessage.parse(REAL.get("B 0x1234"));
        assertThat(noSuchId.errorId()).isEqualTo(0x0002);
        assertThat(ManagementError.name(noSuchId.errorId())).isEqualTo("NO_SUCH_ID");
    }

    @Test
    void everyDataSetSurvivesTheWire() throws Exception {
        PortIdentity src = new PortIdentity(A, 0);
        CurrentDataSet c = new CurrentDataSet(3, -1359.25, 2150.5);
        assertThat(DataSetDecoder.current(body(ReplyBytes.response(src, 1, 0x2001, ReplyBytes.body(c))))).isEqualTo(c);
        TimeStatusNp t = new TimeStatusNp(-812, 1_795_680_637_585_531_459L, -123_456_789, 77, 3, 1_000_000_007L, 0x8000,
                true, B);
        assertThat(DataSetDecoder.timeStatus(body(ReplyBytes.response(src, 1, 0xC000, ReplyBytes.body(t))))).isEqualTo(t);
        GrandmasterSettingsNp g = new GrandmasterSettingsNp(new ClockQuality(6, 0x21, 0x4E5D), -5, 0x3F, 0x20);
        assertThat(DataSetDecoder.grandmasterSettings(body(ReplyBytes.response(src, 1, 0xC001, ReplyBytes.body(g)))))
                .isEqualTo(g);
    }

    @Test
    void linuxptpGrandMasterPortStateIsMaster() throws Exception {
        assertThat(DataSetDecoder.portState(10)).isEqualTo(PortState.MASTER);
        assertThatThrownBy(() -> DataSetDecoder.portState(11)).isInstanceOf(MalformedReplyException.class)
                .hasMessageContaining("portState 11");
        assertThatThrownBy(() -> DataSetDecoder.portState(0)).hasMessageContaining("portState 0");
    }

    @Test
    void malformedRepliesNameTheBadPart() {
        byte[] good = REAL.get("A 0x2001");
        for (int n = 0; n < 54; n++) {
            byte[] cut = java.util.Arrays.copyOf(good, n);
            assertThatThrownBy(() -> ManagementMessage.parse(cut)).isInstanceOf(MalformedReplyException.class)
                    .hasMessageContaining("truncated: " + n + " bytes");
        }
        assertThatThrownBy(() -> ManagementMessage.parse(java.util.Arrays.copyOf(good, 60)))
                .hasMessageContaining("messageLength 72 at byte 2");
        byte[] sync = good.clone();
        sync[0] = 0x00;
        assertThatThrownBy(() -> ManagementMessage.parse(sync)).hasMessageContaining("messageType 0x0 at byte 0");
        byte[] v1 = good.clone();
        v1[1] = 0x01;
        assertThatThrownBy(() -> ManagementMessage.parse(v1)).hasMessageContaining("versionPTP 1");
        byte[] longTlv = good.clone();
        longTlv[51] = 0x40;
        assertThatThrownBy(() -> ManagementMessage.parse(longTlv)).hasMessageContaining("lengthField 64 at byte 50");
        byte[] strangeTlv = good.clone();
        strangeTlv[49] = 0x09;
        assertThatThrownBy(() -> ManagementMessage.parse(strangeTlv)).hasMessageContaining("tlvType 0x0009 at byte 48");
        byte[] shortBody = ReplyBytes.response(new PortIdentity(A, 0), 1, 0x2001, new byte[10]);
        assertThatThrownBy(() -> DataSetDecoder.current(ManagementMessage.parse(shortBody).body()))
                .hasMessageContaining("CURRENT_DATA_SET body is 10 bytes, expected 18");
        byte[] hugePhase = ReplyBytes.body(new TimeStatusNp(0, 0, 0, 0, 0, 0, 0, false, A));
        hugePhase[27] = 1;
        assertThatThrownBy(() -> DataSetDecoder.timeStatus(hugePhase)).hasMessageContaining("lastGmPhaseChange");
    }

    /** Random bytes and random damage to real replies: a clear refusal or a value, never anything else. */
    @Test
    void fuzzedRepliesNeverEscapeAsAnythingButMalformed() {
        Random random = new Random(20261126);
        byte[][] seeds = REAL.values().toArray(new byte[0][]);
        int refused = 0;
        for (int i = 0; i < 200_000; i++) {
            byte[] m;
            if (i % 4 == 0) {
                m = new byte[random.nextInt(120)];
                random.nextBytes(m);
            } else {
                m = seeds[random.nextInt(seeds.length)].clone();
                for (int k = random.nextInt(4); k >= 0; k--) {
                    m[random.nextInt(m.length)] = (byte) random.nextInt(256);
                }
                if (random.nextBoolean()) {
                    m = java.util.Arrays.copyOf(m, random.nextInt(m.length + 1));
                }
            }
            try {
                Reply r = ManagementMessage.parse(m);
                decodeAny(r);
            } catch (MalformedReplyException expected) {
                refused++;
            }
        }
        assertThat(refused).isPositive();
    }

    private static void decodeAny(Reply r) throws MalformedReplyException {
        switch (r.managementId()) {
            case 0x2000 -> DataSetDecoder.defaults(r.body());
            case 0x2001 -> DataSetDecoder.current(r.body());
            case 0x2002 -> DataSetDecoder.parent(r.body());
            case 0x2004 -> DataSetDecoder.port(r.body());
            case 0xC000 -> DataSetDecoder.timeStatus(r.body());
            case 0xC001 -> DataSetDecoder.grandmasterSettings(r.body());
            default -> { }
        }
    }

    private static byte[] body(byte[] message) throws MalformedReplyException {
        return ManagementMessage.parse(message).body();
    }
}
