package org.syncscope.itests;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.epics.pva.PVASettings;
import org.epics.pva.client.PVAChannel;
import org.epics.pva.client.PVAClient;
import org.epics.pva.data.PVAData;
import org.epics.pva.data.PVADoubleArray;
import org.epics.pva.data.PVANumber;
import org.epics.pva.data.PVAString;
import org.epics.pva.data.PVAStringArray;
import org.epics.pva.data.PVAStructure;

/**
 * The independent pvAccess peer of {@link PvAccessIT}: Phoebus' own pvAccess client (core-pva, no
 * epics-core code), run in a JVM of its own, never inside the server under test. Reads commands on
 * stdin, one per line, each after a number of the caller's, and answers on stdout, one line each,
 * after the same number ({@code 12 read DEMO:PV1} → {@code 12 read DEMO:PV1<TAB>fields}):
 * <ul>
 *   <li>{@code read NAME} → {@code read NAME<TAB>fields}</li>
 *   <li>{@code monitor NAME} → {@code monitoring NAME}, then {@code update NAME<TAB>fields} per update</li>
 *   <li>{@code unmonitor NAME} → {@code unmonitored NAME}</li>
 *   <li>{@code put NAME VALUE} (to field {@code value}; a whole number is sent as an int) → {@code put NAME}</li>
 * </ul>
 * A failure answers {@code error NAME<TAB>message}. Updates come without a number. Fields are {@code path=text} separated by tabs,
 * every leaf of the structure ({@code alarm.severity=0}, {@code value.choices=SOFT|SYNCHRONOUS},
 * arrays joined by {@code |}), plus {@code @id} (the structure id) and {@code @value} (the type of
 * field {@code value}).
 *
 * <p>Usage: {@code PhoebusPvaPeer SERVER_UDP_PORT LOCAL_BEACON_PORT}: searches go to
 * 127.0.0.1:SERVER_UDP_PORT only; the beacon socket the library always binds gets a port of its
 * own, so it never shares the server's search port.
 */
public final class PhoebusPvaPeer {

    private static final long TIMEOUT_SECONDS = 10;

    private final PVAClient client;
    private final PrintStream out;
    private final Map<String, PVAChannel> channels = new HashMap<>();
    private final Map<String, AutoCloseable> monitors = new ConcurrentHashMap<>();

    private PhoebusPvaPeer(PVAClient client, PrintStream out) {
        this.client = client;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        // The library reads its settings from these static fields when a client is made.
        PVASettings.EPICS_PVA_ADDR_LIST = "127.0.0.1:" + Integer.parseInt(args[0]);
        PVASettings.EPICS_PVA_AUTO_ADDR_LIST = false;
        PVASettings.EPICS_PVA_BROADCAST_PORT = Integer.parseInt(args[1]);
        PVASettings.EPICS_PVA_NAME_SERVERS = "";
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PVAClient client = new PVAClient();
        PhoebusPvaPeer peer = new PhoebusPvaPeer(client, out);
        out.println("ready");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                String[] idAndCommand = line.trim().split(" ", 2);
                peer.handle(idAndCommand[0], idAndCommand.length > 1 ? idAndCommand[1].split(" ", 3) : new String[] {""});
            }
        } finally {
            client.close();
        }
    }

    private void handle(String id, String[] command) {
        String name = command.length > 1 ? command[1] : "";
        try {
            switch (command[0]) {
                case "read" -> answer(id + " read " + name + "\t" + fields(channel(name).read("").get(TIMEOUT_SECONDS, TimeUnit.SECONDS)));
                case "monitor" -> {
                    monitors.put(name, channel(name).subscribe("", (ch, changed, overrun, data) ->
                            answer("update " + name + "\t" + fields(data))));
                    answer(id + " monitoring " + name);
                }
                case "unmonitor" -> {
                    AutoCloseable m = monitors.remove(name);
                    if (m != null) {
                        m.close();
                    }
                    answer(id + " unmonitored " + name);
                }
                case "put" -> {
                    String text = command[2];
                    Object value = text.matches("-?\\d+") ? (Object) Integer.valueOf(text) : (Object) Double.valueOf(text);
                    channel(name).write("value", value).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    answer(id + " put " + name);
                }
                default -> answer(id + " error " + name + "\tunknown command " + command[0]);
            }
        } catch (Exception | LinkageError e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            answer(id + " error " + name + "\t" + oneLine(cause.toString()));
        }
    }

    /** A connected channel, made once per name (a dropped connection is the library's to restore). */
    private PVAChannel channel(String name) throws Exception {
        PVAChannel channel = channels.get(name);
        if (channel == null) {
            channel = client.getChannel(name);
            channels.put(name, channel);
        }
        channel.connect().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return channel;
    }

    private synchronized void answer(String line) {
        out.println(line);
    }

    static String fields(PVAStructure s) {
        StringJoiner j = new StringJoiner("\t");
        j.add("@id=" + s.getStructureName());
        PVAData value = s.get("value");
        j.add("@value=" + (value == null ? "" : value.getType()));
        leaves("", s, j);
        return j.toString();
    }

    private static void leaves(String prefix, PVAStructure s, StringJoiner j) {
        for (PVAData d : s.get()) {
            String path = prefix + d.getName();
            if (d instanceof PVAStructure inner) {
                leaves(path + ".", inner, j);
            } else {
                j.add(path + "=" + oneLine(text(d)));
            }
        }
    }

    private static String text(PVAData d) {
        if (d instanceof PVANumber n) {
            return n.getNumber().toString();
        }
        if (d instanceof PVAString s) {
            return s.get() == null ? "" : s.get();
        }
        if (d instanceof PVAStringArray a) {
            return String.join("|", a.get());
        }
        if (d instanceof PVADoubleArray a) {
            return Arrays.stream(a.get()).mapToObj(Double::toString).collect(Collectors.joining("|"));
        }
        return d.format();
    }

    private static String oneLine(String text) {
        return text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
