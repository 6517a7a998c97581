package org.syncscope.cas.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.cosylab.epics.caj.cas.ProcessVariableEventDispatcher;
import com.cosylab.epics.caj.cas.handlers.AbstractCASResponseHandler;
import gov.aps.jca.cas.ProcessVariableEventCallback;
import gov.aps.jca.dbr.DBR;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvValue;

/**
 * The gap CAJ leaves when a client adds a monitor: it reads the first value, sends it, and only
 * then registers the monitor, on the same thread. These tests replay that sequence by hand.
 */
class ServedPvMonitorTest {

    private static final long T = 1_760_000_000_000_000_000L;

    private final ServedPv pv = new ServedPv(PvSpec.ofDouble("MON:GAP", "", 3, ""));
    private final List<Double> received = new CopyOnWriteArrayList<>();
    private final ProcessVariableEventCallback monitor = new ProcessVariableEventCallback() {
        @Override
        public void postEvent(int select, DBR event) {
            received.add(((double[]) event.getValue())[0]);
        }

        @Override
        public void canceled() {
        }
    };

    @Test
    void aPostBetweenTheFirstReadAndTheRegistrationReachesTheMonitor() {
        pv.post(new PvValue.DoubleValue(1), T, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        readFirstValue();
        pv.post(new PvValue.DoubleValue(2), T + 1, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        dispatcher().registerEventListener(monitor);
        assertThat(received).containsExactly(2.0);
        pv.post(new PvValue.DoubleValue(3), T + 2, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        assertThat(received).containsExactly(2.0, 3.0);
    }

    @Test
    void withoutAPostInBetweenTheMonitorGetsNoDuplicate() {
        pv.post(new PvValue.DoubleValue(1), T, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        readFirstValue();
        dispatcher().registerEventListener(monitor);
        assertThat(received).isEmpty();
        pv.post(new PvValue.DoubleValue(2), T + 1, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        assertThat(received).containsExactly(2.0);
    }

    @Test
    void aReadOfAnotherPvOnThisThreadIsNotTakenForThisMonitorsRead() {
        ServedPv other = new ServedPv(PvSpec.ofDouble("MON:OTHER", "", 3, ""));
        other.read(AbstractCASResponseHandler.createDBRforReading(other), null);
        pv.post(new PvValue.DoubleValue(1), T, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        dispatcher().registerEventListener(monitor);
        assertThat(received).isEmpty();
    }

    @Test
    void aReadOnAnotherThreadIsNotTakenForThisMonitorsRead() throws Exception {
        ExecutorService elsewhere = Executors.newSingleThreadExecutor();
        try {
            elsewhere.submit(this::readFirstValue).get(10, TimeUnit.SECONDS);
        } finally {
            elsewhere.shutdownNow();
        }
        pv.post(new PvValue.DoubleValue(1), T, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        dispatcher().registerEventListener(monitor);
        assertThat(received).isEmpty();
    }

    /** What CAJ's monitor registers with: the callback it finds on the PV. */
    private ProcessVariableEventDispatcher dispatcher() {
        return (ProcessVariableEventDispatcher) pv.getEventCallback();
    }

    private void readFirstValue() {
        DBR first = AbstractCASResponseHandler.createDBRforReading(pv);
        pv.read(first, null);
    }
}
