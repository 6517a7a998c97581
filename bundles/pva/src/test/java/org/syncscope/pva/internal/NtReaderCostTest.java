package org.syncscope.pva.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.epics.pvdata.factory.FieldFactory;
import org.epics.pvdata.factory.PVDataFactory;
import org.epics.pvdata.factory.StandardFieldFactory;
import org.epics.pvdata.pv.PVDouble;
import org.epics.pvdata.pv.PVInt;
import org.epics.pvdata.pv.PVStructure;
import org.epics.pvdata.pv.ScalarType;
import org.epics.pvdata.pv.Structure;
import org.junit.jupiter.api.Test;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.PvValue;

/**
 * What reading one NTScalar double costs on the hot path: the bytes allocated (only the update
 * and its value) and the time, printed for the README.
 */
class NtReaderCostTest {

    @Test
    void readingAnNtScalarDoubleAllocatesOnlyTheUpdateAndItsValue() throws Exception {
        Structure s = FieldFactory.getFieldCreate().createFieldBuilder().setId("epics:nt/NTScalar:1.0")
                .add("value", ScalarType.pvDouble)
                .add("alarm", StandardFieldFactory.getStandardField().alarm())
                .add("timeStamp", StandardFieldFactory.getStandardField().timeStamp())
                .createStructure();
        PVStructure pv = PVDataFactory.getPVDataCreate().createPVStructure(s);
        NtReader reader = NtReader.of("COST:PV", s);
        PVDouble value = pv.getDoubleField("value");
        PVInt tag = pv.getSubField(PVInt.class, "timeStamp.userTag");
        pv.getSubField(org.epics.pvdata.pv.PVLong.class, "timeStamp.secondsPastEpoch").put(1_764_000_000L);

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long sink = 0;
        int n = 2_000_000;
        for (int round = 0; round < 3; round++) {   // the last round, warm, is measured
            long bytes0 = threads.getThreadAllocatedBytes(id);
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                value.put(i);
                tag.put(i);
                PvUpdate u = reader.read("COST:PV", pv, i);
                sink += u.userTag() + (long) ((PvValue.DoubleValue) u.value()).value();
            }
            long ns = System.nanoTime() - t0;
            long bytes = threads.getThreadAllocatedBytes(id) - bytes0;
            if (round == 2) {
                double perUpdate = (double) bytes / n;
                System.out.printf("NtReader NTScalar double: %.1f ns, %.1f bytes per update%n", (double) ns / n, perUpdate);
                // PvUpdate (48 B with compressed oops, the default below 32 GB of heap) + DoubleValue (24 B)
                assertThat(perUpdate).isLessThanOrEqualTo(72);
            }
        }
        assertThat(sink).isPositive();
    }
}
