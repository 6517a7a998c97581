package org.syncscope.pmc.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.syncscope.api.ptp.ClockIdentity;
import org.syncscope.api.ptp.PortIdentity;

/**
 * What {@code pmc -u} prints, split into reply blocks: a tab-indented head line
 * ({@code <portIdentity> seq N RESPONSE MANAGEMENT <NAME> }) and doubly indented
 * {@code name value} lines. Lines outside blocks ("sending: …", complaints) are kept as notes.
 * For an error status pmc 3.1.1 prints only {@code RESPONSE MANAGEMENT_ERROR_STATUS }: no data set
 * name and no error id.
 */
final class PmcText {

    private static final Pattern HEAD = Pattern.compile(
            "^\\t(\\S+) seq (\\d+) (\\S+) (MANAGEMENT_ERROR_STATUS|MANAGEMENT) ?(\\S*)\\s*$");
    private static final Pattern FIELD = Pattern.compile("^\\t\\t(\\S+)(?:\\s+(.*?))?\\s*$");
    private static final Pattern CLOCK_ID = Pattern.compile("^([0-9a-f]{6})\\.([0-9a-f]{4})\\.([0-9a-f]{6})$");

    /** One reply block. */
    record Block(PortIdentity source, int sequenceId, String action, boolean error, String name,
                 Map<String, String> fields, List<String> lines) {

        String field(String key) throws MalformedReplyException {
            String v = fields.get(key);
            if (v == null) {
                throw new MalformedReplyException("pmc printed " + name + " without the field " + key);
            }
            return v;
        }

        long number(String key) throws MalformedReplyException {
            return PmcText.number(name + " " + key, field(key));
        }

        int integer(String key) throws MalformedReplyException {
            return (int) number(key);
        }

        boolean flag(String key) throws MalformedReplyException {
            String v = field(key);
            return switch (v) {
                case "1", "true" -> true;
                case "0", "false" -> false;
                default -> throw new MalformedReplyException(name + " " + key + " '" + v + "' is not a flag");
            };
        }

        double decimal(String key) throws MalformedReplyException {
            String v = field(key);
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new MalformedReplyException(name + " " + key + " '" + v + "' is not a number");
            }
        }

        ClockIdentity clock(String key) throws MalformedReplyException {
            return PmcText.clockIdentity(name + " " + key, field(key));
        }

        PortIdentity port(String key) throws MalformedReplyException {
            return PmcText.portIdentity(name + " " + key, field(key));
        }
    }

    /** The reply blocks and the other lines of one pmc run. */
    record Output(List<Block> blocks, List<String> notes) {
    }

    private PmcText() {
    }

    static Output parse(String text) throws MalformedReplyException {
        List<Block> blocks = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Matcher head = null;
        Map<String, String> fields = null;
        List<String> lines = null;
        for (String line : text.split("\\R")) {
            Matcher h = HEAD.matcher(line);
            if (h.matches()) {
                if (head != null) {
                    blocks.add(block(head, fields, lines));
                }
                head = h;
                fields = new LinkedHashMap<>();
                lines = new ArrayList<>();
                continue;
            }
            Matcher f = FIELD.matcher(line);
            if (head != null && f.matches()) {
                fields.putIfAbsent(f.group(1), f.group(2) == null ? "" : f.group(2));
                lines.add(line.trim());
            } else if (!line.isBlank()) {
                notes.add(line.trim());
            }
        }
        if (head != null) {
            blocks.add(block(head, fields, lines));
        }
        return new Output(blocks, notes);
    }

    private static Block block(Matcher head, Map<String, String> fields, List<String> lines)
            throws MalformedReplyException {
        PortIdentity source = portIdentity("reply source", head.group(1));
        int seq = (int) number("sequence", head.group(2));
        return new Block(source, seq, head.group(3), head.group(4).equals("MANAGEMENT_ERROR_STATUS"), head.group(5),
                fields, List.copyOf(lines));
    }

    /** Decimal (optionally signed) or 0x-hexadecimal, as pmc prints integers. */
    static long number(String what, String v) throws MalformedReplyException {
        try {
            if (v.startsWith("0x") || v.startsWith("0X")) {
                return Long.parseUnsignedLong(v.substring(2), 16);
            }
            return Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
        } catch (NumberFormatException e) {
            throw new MalformedReplyException(what + " '" + v + "' is not an integer");
        }
    }

    static ClockIdentity clockIdentity(String what, String v) throws MalformedReplyException {
        Matcher m = CLOCK_ID.matcher(v);
        if (!m.matches()) {
            throw new MalformedReplyException(what + " '" + v + "' is not a clock identity like bcfce7.fffe.244daf");
        }
        return new ClockIdentity(Long.parseUnsignedLong(m.group(1) + m.group(2) + m.group(3), 16));
    }

    static PortIdentity portIdentity(String what, String v) throws MalformedReplyException {
        int dash = v.lastIndexOf('-');
        if (dash < 0) {
            throw new MalformedReplyException(what + " '" + v + "' is not a port identity like bcfce7.fffe.244daf-1");
        }
        long port = number(what + " port number", v.substring(dash + 1));
        if (port < 0 || port > 0xFFFF) {
            throw new MalformedReplyException(what + " port number " + port + " is outside 0..65535");
        }
        return new PortIdentity(clockIdentity(what, v.substring(0, dash)), (int) port);
    }
}
