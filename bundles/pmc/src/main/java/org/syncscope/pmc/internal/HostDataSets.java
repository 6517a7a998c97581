package org.syncscope.pmc.internal;

import java.util.List;
import java.util.Objects;
import org.syncscope.api.ptp.CurrentDataSet;
import org.syncscope.api.ptp.DefaultDataSet;
import org.syncscope.api.ptp.ParentDataSet;
import org.syncscope.api.ptp.PortDataSet;
import org.syncscope.api.ptp.TimeStatusNp;

/** Every data set the host status is decided from, read in one exchange with ptp4l. */
record HostDataSets(CurrentDataSet current, DefaultDataSet defaults, ParentDataSet parent, TimeStatusNp time,
                    List<PortDataSet> ports) {

    /** The data sets one reading asks for, in the order they are asked. */
    static final List<DataSetId> ASKED = List.of(DataSetId.DEFAULT_DATA_SET, DataSetId.CURRENT_DATA_SET,
            DataSetId.PARENT_DATA_SET, DataSetId.TIME_STATUS_NP, DataSetId.PORT_DATA_SET);

    HostDataSets {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(defaults, "defaults");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(time, "time");
        ports = ports.stream().sorted((a, b) -> Integer.compare(a.portIdentity().portNumber(),
                b.portIdentity().portNumber())).toList();
    }
}
