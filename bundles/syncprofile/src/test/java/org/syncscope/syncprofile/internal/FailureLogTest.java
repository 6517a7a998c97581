package org.syncscope.syncprofile.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** A failure repeated on every update: logged once, then a line a minute with the count. */
class FailureLogTest {

    private final List<String> lines = new ArrayList<>();

    /** An SLF4J logger that records the level and the formatted arguments of each call. */
    private Logger recording() {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    String m = method.getName();
                    if (m.equals("warn") || m.equals("error") || m.equals("info")) {
                        StringBuilder b = new StringBuilder(m);
                        if (args != null) {
                            for (Object a : args) {
                                if (a instanceof Object[] many) {
                                    for (Object x : many) {
                                        b.append(" | ").append(x);
                                    }
                                } else {
                                    b.append(" | ").append(a);
                                }
                            }
                        }
                        lines.add(b.toString());
                        return null;
                    }
                    return m.startsWith("is") ? Boolean.TRUE : null;
                });
    }

    @Test
    void aHundredThousandFailuresInTwoMinutesMakeThreeLines() {
        FailureLog log = new FailureLog(recording(), "sync profile p");
        long t0 = 1_000_000_000_000L;
        IllegalStateException boom = new IllegalStateException("PV X was closed");
        for (int i = 0; i < 100_000; i++) {
            long now = t0 + i * 1_200_000L;   // 100 000 failures over 120 s
            log.failed("processing an update", boom.toString(), boom, now);
        }
        assertThat(lines).as("the first, with its stack trace, and one summary").hasSize(2);
        assertThat(lines.get(0)).startsWith("error").contains("processing an update").contains("PV X was closed")
                .contains(boom.toString());
        // the first summary after 60 s: every failure since the first, counted
        assertThat(lines.get(1)).startsWith("warn").contains("processing an update").contains(" | 50000 | ")
                .contains(" | 60 | ");
    }

    @Test
    void differentFailuresAreCountedApart() {
        FailureLog log = new FailureLog(recording(), "sync profile p");
        log.failed("a", "one", null, 0);
        log.failed("b", "two", null, 1);
        log.failed("a", "one", null, 2);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("warn").contains(" | a | one");
        assertThat(lines.get(1)).startsWith("warn").contains(" | b | two");
    }
}
