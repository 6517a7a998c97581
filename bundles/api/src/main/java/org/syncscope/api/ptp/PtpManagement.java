package org.syncscope.api.ptp;

import java.util.List;

/**
 * The host's linuxptp (ptp4l) data sets through its management interface. Each call is one
 * exchange with ptp4l, all of it (waiting for another caller's exchange, sending, receiving)
 * bounded by the configured timeout; calls are thread safe and never hang, also when ptp4l is
 * stopped or does not read its socket.
 */
public interface PtpManagement {

    /** CURRENT_DATA_SET. */
    CurrentDataSet currentDataSet() throws PtpManagementException;

    /** DEFAULT_DATA_SET. */
    DefaultDataSet defaultDataSet() throws PtpManagementException;

    /** PARENT_DATA_SET. */
    ParentDataSet parentDataSet() throws PtpManagementException;

    /** TIME_STATUS_NP. */
    TimeStatusNp timeStatus() throws PtpManagementException;

    /** GRANDMASTER_SETTINGS_NP. */
    GrandmasterSettingsNp grandmasterSettings() throws PtpManagementException;

    /** PORT_DATA_SET of every port ptp4l has, in port order. */
    List<PortDataSet> portDataSets() throws PtpManagementException;

    /**
     * Role and grandmaster, derived from CURRENT_DATA_SET, DEFAULT_DATA_SET, PARENT_DATA_SET,
     * TIME_STATUS_NP and every PORT_DATA_SET read in one exchange.
     *
     * @throws PtpManagementException also when ptp4l's data sets still contradict each other on a
     *         second reading (its state changing as it answered)
     */
    HostPtpStatus hostStatus() throws PtpManagementException;
}
