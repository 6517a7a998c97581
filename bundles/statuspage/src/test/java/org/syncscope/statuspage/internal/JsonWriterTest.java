package org.syncscope.statuspage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void numbersJsonCannotCarryAreNull() {
        String json = new JsonWriter().beginArray().value(Double.NaN).value(Double.POSITIVE_INFINITY)
                .value(Double.NEGATIVE_INFINITY).value(0.25).value(12.0).value(-3L).value(1e-7).endArray().toString();
        assertThat(json).isEqualTo("[null,null,null,0.25,12,-3,1.0E-7]");
    }

    @Test
    void stringsAreEscaped() {
        String json = new JsonWriter().beginObject().name("a\"b").value("q\"uote back\\slash\nline\r\ttab\b\f\u0001\u001f\u2028é/<")
                .name("none").value((String) null).endObject().toString();
        assertThat(json).isEqualTo("{\"a\\\"b\":\"q\\\"uote back\\\\slash\\nline\\r\\ttab\\b\\f\\u0001\\u001f\\u2028é/<\",\"none\":null}");
    }

    @Test
    void commasSeparateMembersAndNestedValues() {
        String json = new JsonWriter().beginObject().name("x").beginArray().endArray().name("y").beginArray()
                .beginObject().endObject().beginObject().name("z").value(true).endObject().endArray()
                .name("w").nullValue().endObject().toString();
        assertThat(json).isEqualTo("{\"x\":[],\"y\":[{},{\"z\":true}],\"w\":null}");
    }
}
