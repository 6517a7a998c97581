package org.syncscope.itests;

import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Inside the container: the handle on a {@link PhoebusPvaPeer} process, Phoebus' pvAccess client in
 * a JVM of its own (class path from system property {@value #CLASSPATH_PROPERTY}), pointed at the
 * server's pvAccess search port. Commands are answered one at a time; monitor updates are kept per
 * PV as they arrive.
 */
final class PvaPeer implements AutoCloseable {

    static final String CLASSPATH_PROPERTY = "syncscope.pvapeer.classpath";

    /** One structure as the peer printed it: field path to text. */
    record Fields(Map<String, String> map) {
        String get(String path) {
            String v = map.get(path);
            if (v == null) {
                throw new AssertionError("no field " + path + " in " + map);
            }
            return v;
        }

        long timeNanos() {
            return Long.parseLong(get("timeStamp.secondsPastEpoch")) * 1_000_000_000L + Long.parseLong(get("timeStamp.nanoseconds"));
        }

        int severity() {
            return Integer.parseInt(get("alarm.severity"));
        }

        @Override
        public String toString() {
            return map.toString();
        }
    }

    private final Process java;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final Map<String, List<Fields>> updates = new LinkedHashMap<>();
    private final List<String> other = new ArrayList<>();
    private final Writer commands;
    private final Object asking = new Object();
    private int lastId;

    private PvaPeer(Process java) {
        this.java = java;
        this.commands = new OutputStreamWriter(java.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::read, "pva-peer-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the peer searching 127.0.0.1:{@code serverUdpPort}; returns once its client exists. */
    static PvaPeer start(int serverUdpPort) throws IOException, InterruptedException {
        String classpath = System.getProperty(CLASSPATH_PROPERTY);
        assertTrue(CLASSPATH_PROPERTY + " set by the test's configuration", classpath != null);
        int beaconPort;
        try (DatagramSocket free = new DatagramSocket(0)) {
            beaconPort = free.getLocalPort();
        }
        Process p = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-cp", classpath,
                PhoebusPvaPeer.class.getName(), Integer.toString(serverUdpPort), Integer.toString(beaconPort))
                .redirectErrorStream(true).start();
        PvaPeer peer = new PvaPeer(p);
        String first = peer.answers.poll(30, TimeUnit.SECONDS);
        if (!"ready".equals(first)) {
            p.destroyForcibly();
            throw new AssertionError("the Phoebus pvAccess peer did not start: " + first + " " + peer.otherOutput());
        }
        return peer;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(java.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("update ")) {
                    int tab = line.indexOf('\t');
                    Fields f = parse(line.substring(tab + 1));
                    synchronized (this) {
                        updates.computeIfAbsent(line.substring("update ".length(), tab), n -> new ArrayList<>()).add(f);
                    }
                } else if (line.equals("ready") || line.matches("^\\d+ (read|monitoring|unmonitored|put|error) .*")) {
                    answers.add(line);
                } else {
                    synchronized (this) {
                        other.add(line);   // the library's log lines: the last ones kept
                        if (other.size() > 200) {
                            other.remove(0);
                        }
                    }
                }
            }
        } catch (IOException ended) {
            // the process was stopped
        }
    }

    static Fields parse(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String field : text.split("\t")) {
            int eq = field.indexOf('=');
            m.put(field.substring(0, eq), field.substring(eq + 1));
        }
        return new Fields(m);
    }

    /**
     * Sends one command and returns its answer (the text after the name), or throws with the peer's
     * error. Answers to earlier commands that timed out here are skipped by their number.
     */
    private String ask(String command, String expected, String name) throws IOException, InterruptedException {
        synchronized (asking) {
            if (!java.isAlive()) {
                throw new AssertionError("the pvAccess peer has ended (exit " + java.exitValue() + "); it printed " + otherOutput());
            }
            String id = Integer.toString(++lastId);
            commands.write(id + " " + command + "\n");
            commands.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                String answer = answers.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (answer == null) {
                    throw new AssertionError("the pvAccess peer did not answer '" + command + "' within 30 s; it printed "
                            + otherOutput());
                }
                if (answer.startsWith(id + " ")) {
                    return answer(command, answer.substring(id.length() + 1), expected, name);
                }
            }
        }
    }

    private static String answer(String command, String answer, String expected, String name) {
        if (answer.startsWith("error ")) {
            throw new PeerError(answer.substring(answer.indexOf('\t') + 1));
        }
        assertTrue("answer to '" + command + "': " + answer, answer.startsWith(expected + " " + name));
        int tab = answer.indexOf('\t');
        return tab < 0 ? "" : answer.substring(tab + 1);
    }

    /** The peer's error for a command: the message the server (or its library) gave. */
    static final class PeerError extends RuntimeException {
        PeerError(String message) {
            super(message);
        }
    }

    Fields read(String name) throws IOException, InterruptedException {
        return parse(ask("read " + name, "read", name));
    }

    /** Writes {@code value} to field {@code value}; throws {@link PeerError} when refused. */
    void put(String name, String value) throws IOException, InterruptedException {
        ask("put " + name + " " + value, "put", name);
    }

    void monitor(String name) throws IOException, InterruptedException {
        ask("monitor " + name, "monitoring", name);
    }

    void unmonitor(String name) throws IOException, InterruptedException {
        ask("unmonitor " + name, "unmonitored", name);
    }

    synchronized List<Fields> updates(String name) {
        return List.copyOf(updates.getOrDefault(name, List.of()));
    }

    synchronized void clearUpdates(String name) {
        updates.remove(name);
    }

    synchronized List<String> otherOutput() {
        return List.copyOf(other);
    }

    @Override
    public void close() throws InterruptedException {
        System.out.println("PvaPeer: the pvAccess peer's log (alive " + java.isAlive() + "): " + String.join("\n", otherOutput()));
        java.destroy();
        if (!java.waitFor(10, TimeUnit.SECONDS)) {
            java.destroyForcibly();
        }
    }
}
