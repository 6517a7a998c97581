package org.syncscope.api.ptp;

import java.util.List;

/**
 * The host's linuxptp (ptp4l) data sets through its management interface. Each call is one
 * request with a bounded timeout; calls are thread safe and never hang.
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

    /** Role and grandmaster, derived from the data sets above. */
    HostPtpStatus hostStatus() throws PtpManagementException;
}
