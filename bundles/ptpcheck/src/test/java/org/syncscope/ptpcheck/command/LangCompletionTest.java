package org.syncscope.ptpcheck.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.junit.jupiter.api.Test;

/** ptp:check --lang completes to the languages Labels knows. */
class LangCompletionTest {

    @Test
    void langCompletesToEveryLanguageLabelsAccepts() throws Exception {
        Completion completion = CheckCommand.class.getDeclaredField("lang").getAnnotation(Completion.class);
        assertThat(completion).as("@Completion on --lang").isNotNull();
        assertThat(completion.value()).isEqualTo(StringsCompleter.class);
        List<String> values = List.of(completion.values());
        assertThat(values).containsExactly("en", "ja");
        List<String> accepted = new ArrayList<>();
        for (String v : values) {
            Labels.of(v);          // throws for a value ptp:check would refuse
            accepted.add(v);
        }
        assertThat(accepted).isEqualTo(values);
    }
}
