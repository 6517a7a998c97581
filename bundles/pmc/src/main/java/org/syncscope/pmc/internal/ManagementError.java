package org.syncscope.pmc.internal;

/** MANAGEMENT_ERROR_STATUS error ids (IEEE 1588-2008 table 72) and their names as pmc prints them. */
final class ManagementError {

    private ManagementError() {
    }

    static String name(int errorId) {
        return switch (errorId) {
            case 0x0001 -> "RESPONSE_TOO_BIG";
            case 0x0002 -> "NO_SUCH_ID";
            case 0x0003 -> "WRONG_LENGTH";
            case 0x0004 -> "WRONG_VALUE";
            case 0x0005 -> "NOT_SETABLE";
            case 0x0006 -> "NOT_SUPPORTED";
            case 0xFFFE -> "GENERAL_ERROR";
            default -> String.format("0x%04X", errorId);
        };
    }
}
