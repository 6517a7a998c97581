package org.syncscope.itests;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The test's handle on a {@link MrfStandInIoc} process: a stand-in mrfioc2 IOC of an MRF event
 * receiver in a JVM of its own. Its class path is system property {@value #CLASSPATH_PROPERTY}
 * when set (a Pax Exam test sets it in its configuration, from {@link #classpath()} evaluated in the
 * failsafe JVM), else {@link #classpath()}.
 */
final class MrfIoc implements AutoCloseable {

    static final String CLASSPATH_PROPERTY = "syncscope.mrfioc.classpath";
    /** By name, not class literal: inside Karaf the probe must not load the IOC's classes (CA and pvAccess servers). */
    private static final String IOC_CLASS = "org.syncscope.itests.MrfStandInIoc";

    /** One event code the IOC generates: {@code code} at {@code rateHz} (1..100), records prefix {@code en}. */
    record Event(int code, int rateHz, String en) {
        String argument() {
            return code + ":" + rateHz + ":" + en;
        }
    }

    /** Its ports: CA (TCP and UDP), pvAccess TCP, pvAccess UDP (searches); all on 127.0.0.1. */
    record Ports(int ca, int pvaTcp, int pvaUdp) {
    }

    private final String prefix;
    private final List<Event> events;
    private final Ports ports;
    private Process process;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final List<String> traced = new ArrayList<>();
    private final List<String> other = new ArrayList<>();
    private Writer commands;

    private MrfIoc(String prefix, List<Event> events, Ports ports) {
        this.prefix = prefix;
        this.events = List.copyOf(events);
        this.ports = ports;
    }

    /** Starts the IOC; returns once it printed {@code serving} (at most 30 s). */
    static MrfIoc start(String prefix, List<Event> events, Ports ports) throws IOException, InterruptedException {
        MrfIoc ioc = new MrfIoc(prefix, events, ports);
        ioc.launch();
        return ioc;
    }

    String prefix() {
        return prefix;
    }

    Ports ports() {
        return ports;
    }

    /**
     * Sends one command line ({@code link fail}, {@code skip 14 3}, … see {@link MrfStandInIoc}) and
     * returns the IOC's answer ({@code ok ...}); an {@code error ...} answer or none in 30 s fails.
     */
    synchronized String send(String command) throws IOException, InterruptedException {
        if (!process.isAlive()) {
            throw new AssertionError("the MRF stand-in IOC has ended (exit " + process.exitValue() + "): " + output());
        }
        commands.write(command + "\n");
        commands.flush();
        String answer = answers.poll(30, TimeUnit.SECONDS);
        if (answer == null || !answer.startsWith("ok " + command)) {
            throw new AssertionError("the MRF stand-in IOC answered '" + command + "' with " + answer + "; output: " + output());
        }
        return answer;
    }

    /** The {@code event ...} lines printed since {@code trace on}. */
    List<String> traced() {
        synchronized (traced) {
            return List.copyOf(traced);
        }
    }

    /** Kills it as a crash would, returns when it is gone. */
    synchronized void stop() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the MRF stand-in IOC did not end within 10 s");
        }
    }

    /** {@link #stop()}, then starts it again with the same prefix, events and ports. */
    synchronized void restart() throws IOException, InterruptedException {
        stop();
        launch();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            stop();
        }
    }

    /** Where the IOC's classes are, as this JVM finds them: the test classes, cas and its test-jar, api, jca, core-pva, slf4j. */
    static String classpath() {
        List<String> parts = new ArrayList<>();
        for (String c : List.of(IOC_CLASS, "org.syncscope.cas.CaServer",
                "org.syncscope.cas.testing.CaServers", "org.syncscope.caj.support.ClosingTimer",
                "org.syncscope.testing.Configs", "org.syncscope.api.pv.PvSpec", "gov.aps.jca.Context",
                "org.epics.pva.server.PVAServer", "org.slf4j.LoggerFactory")) {
            try {
                parts.add(new File(Class.forName(c).getProtectionDomain().getCodeSource().getLocation().toURI()).getPath());
            } catch (ReflectiveOperationException | URISyntaxException e) {
                throw new IllegalStateException("the MRF stand-in IOC needs " + c + " on the test classpath", e);
            }
        }
        return String.join(File.pathSeparator, parts);
    }

    private void launch() throws IOException, InterruptedException {
        // inside Karaf (a Pax Exam probe) the class path comes from the property: bundles have no jar files to name
        String given = System.getProperty(CLASSPATH_PROPERTY);
        List<String> cmd = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java", "-DCA_DISABLE_REPEATER=true",
                "-cp", given != null ? given : classpath(), IOC_CLASS,
                prefix, Integer.toString(ports.ca()), Integer.toString(ports.pvaTcp()), Integer.toString(ports.pvaUdp())));
        events.forEach(e -> cmd.add(e.argument()));
        answers.clear();
        synchronized (traced) {
            traced.clear();
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BlockingQueue<String> serving = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> read(p, serving), "mrf-ioc-output");
        reader.setDaemon(true);
        reader.start();
        process = p;
        commands = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
        if (serving.poll(30, TimeUnit.SECONDS) == null) {
            p.destroyForcibly();
            throw new AssertionError("the MRF stand-in IOC did not serve within 30 s; it printed: " + output());
        }
    }

    private void read(Process p, BlockingQueue<String> serving) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("serving ")) {
                    serving.add(line);
                } else if (line.startsWith("ok ") || line.startsWith("error ")) {
                    answers.add(line);
                } else if (line.startsWith("event ")) {
                    synchronized (traced) {
                        traced.add(line);
                    }
                } else {
                    synchronized (other) {
                        other.add(line);
                        if (other.size() > 100) {
                            other.remove(0);
                        }
                    }
                }
            }
        } catch (IOException ended) {
            // killed
        }
    }

    private String output() {
        synchronized (other) {
            return String.join("\n", other);
        }
    }
}
