package org.syncscope.eventsystem.mrf.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.syncscope.testing.DsDescriptors.providedByEveryComponent;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The services this bundle's components provide (the generated DS descriptors): public types only. */
class ServiceTypesTest {

    @Test
    void noComponentIsRegisteredUnderAnInternalType() {
        List<String> provided = providedByEveryComponent();
        assertThat(provided).noneMatch(type -> type.contains(".internal."));
        assertThat(provided).containsExactly("org.syncscope.eventsystem.mrf.MrfReceivers");
    }
}
