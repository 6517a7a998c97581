package org.syncscope.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigCheckTest {

    enum Mode { soft, event }

    @interface Sample {
        int window() default 100;
        double rateHz() default 0;
        boolean enabled() default true;
        String source_target() default "(protocol=ca)";
        String[] pvs();
        long[] times() default {};
        Mode mode() default Mode.soft;
        int my__key() default 0;
        int a$_$b() default 0;
    }

    private static final String FILE = "file:/opt/site/etc/org.syncscope.syncprofile-x.cfg";

    @Test
    void goodValuesPass() {
        Map<String, Object> props = Map.of("window", " 20 ", "rateHz", "1.5", "enabled", "FALSE",
                "source.target", "(x=y)", "pvs", "A,B", "times", new String[] {"1", "2"}, "mode", "event",
                "felix.fileinstall.filename", FILE);
        assertEquals(List.of(), ConfigCheck.problems(Sample.class, props));
        ConfigCheck.require(Sample.class, props);
    }

    @Test
    void eachBadValueIsNamedWithItsKeyAndTheFile() {
        Map<String, Object> props = Map.of("window", "abc", "rateHz", "fast", "enabled", "yes",
                "times", List.of("1", "x"), "mode", "hard", "my_key", "1.5", "a-b", "q",
                "felix.fileinstall.filename", FILE);
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> ConfigCheck.require(Sample.class, props));
        assertEquals(List.of("a-b = 'q' is not a whole number",
                "enabled = 'yes' is not true or false",
                "mode = 'hard' is not one of soft, event",
                "my_key = '1.5' is not a whole number",
                "rateHz = 'fast' is not a number",
                "times = [1, x] has 'x', which is not a whole number",
                "window = 'abc' is not a whole number"), e.problems());
        assertTrue(e.getMessage().startsWith("etc/org.syncscope.syncprofile-x.cfg: "), e.getMessage());
    }

    @Test
    void originIsThePidWithoutAFile() {
        assertEquals("configuration org.syncscope.timestamp",
                ConfigCheck.origin(Map.of("service.pid", "org.syncscope.timestamp")));
    }

    @Test
    void typedNumbersAreChecked() {
        assertEquals(List.of("window = '2.5' is not a whole number"),
                ConfigCheck.problems(Sample.class, Map.of("window", 2.5)));
        assertEquals(List.of("rateHz = 'NaN' is not a finite number"),
                ConfigCheck.problems(Sample.class, Map.of("rateHz", "NaN")));
        assertEquals(List.of(), ConfigCheck.problems(Sample.class, Map.of("window", 3L, "rateHz", 2)));
    }
}
