package org.syncscope.syncprofile.internal;

import java.util.ArrayList;
import java.util.List;
import org.syncscope.api.pv.PvPublisher;

/**
 * Publishes output PVs and remembers what it published, so a configuration change that fails
 * half-way (a name the server refuses) can withdraw exactly what it added.
 */
final class OutputFactory {

    private final PvPublisher publisher;
    private final List<OutputPv> created = new ArrayList<>();

    OutputFactory(PvPublisher publisher) {
        this.publisher = publisher;
    }

    OutputPv create(String name, String units, int precision, String description) {
        OutputPv pv = new OutputPv(publisher, name, units, precision, description);
        created.add(pv);
        return pv;
    }

    /** Withdraws everything created through this factory. */
    void rollback() {
        created.forEach(OutputPv::close);
        created.clear();
    }
}
