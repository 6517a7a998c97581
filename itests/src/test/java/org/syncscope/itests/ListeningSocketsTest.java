package org.syncscope.itests;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

/** The /proc/net/tcp address decoding the hardening checks rely on. */
public class ListeningSocketsTest {

    @Test
    public void decodesIpv4InHostOrder() {
        assertEquals("127.0.0.1", ListeningSockets.decode("0100007F"));
        assertEquals("0.0.0.0", ListeningSockets.decode("00000000"));
        assertEquals("10.213.0.2", ListeningSockets.decode("0200D50A"));
    }

    @Test
    public void decodesIpv6WordByWord() {
        assertEquals("::", ListeningSockets.decode("00000000000000000000000000000000"));
        assertEquals("::1", ListeningSockets.decode("00000000000000000000000001000000"));
        // IPv4-mapped loopback, as a dual-stack socket bound to 127.0.0.1 shows in tcp6
        assertEquals("127.0.0.1", ListeningSockets.decode("0000000000000000FFFF00000100007F"));
    }
}
