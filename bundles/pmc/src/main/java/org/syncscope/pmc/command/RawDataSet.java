package org.syncscope.pmc.command;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.syncscope.api.ptp.PtpManagement;
import org.syncscope.api.ptp.PtpManagementException;

/** The data sets {@code ptp:host --raw} prints, by the names pmc uses, and how each is read. */
enum RawDataSet {
    DEFAULT_DATA_SET(m -> List.of(m.defaultDataSet())),
    CURRENT_DATA_SET(m -> List.of(m.currentDataSet())),
    PARENT_DATA_SET(m -> List.of(m.parentDataSet())),
    PORT_DATA_SET(PtpManagement::portDataSets),
    TIME_STATUS_NP(m -> List.of(m.timeStatus())),
    GRANDMASTER_SETTINGS_NP(m -> List.of(m.grandmasterSettings()));

    private final Reader reader;

    RawDataSet(Reader reader) {
        this.reader = reader;
    }

    /** Its records (one, or one per port), each a record of {@code org.syncscope.api.ptp}. */
    List<? extends Record> read(PtpManagement ptp) throws PtpManagementException {
        return reader.read(ptp);
    }

    /** A data set by its pmc name, case-insensitive. */
    static Optional<RawDataSet> byName(String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(d -> d.name().equals(upper)).findFirst();
    }

    /** Names for the error message. */
    static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }

    @FunctionalInterface
    private interface Reader {
        List<? extends Record> read(PtpManagement ptp) throws PtpManagementException;
    }
}
