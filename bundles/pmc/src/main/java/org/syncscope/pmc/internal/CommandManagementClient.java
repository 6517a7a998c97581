package org.syncscope.pmc.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.syncscope.api.ptp.CurrentDataSet;
import org.syncscope.api.ptp.DefaultDataSet;
import org.syncscope.api.ptp.GrandmasterSettingsNp;
import org.syncscope.api.ptp.ParentDataSet;
import org.syncscope.api.ptp.PortDataSet;
import org.syncscope.api.ptp.PtpManagementException;
import org.syncscope.api.ptp.TimeStatusNp;
import org.syncscope.pmc.internal.PmcText.Block;

/**
 * The fallback: runs {@code pmc -u -b 0 -d DOMAIN -s SOCKET 'GET NAME' …} and reads its text, as
 * the existing tools do; a host status is one run asking for every data set it needs. Each run is
 * bounded by the timeout and killed past it.
 */
public final class CommandManagementClient extends ManagementClient {

    private final String pmc;
    private final Path server;
    private final int domainNumber;
    private final long timeoutMs;

    public CommandManagementClient(String pmcCommand, Path server, int domainNumber, long timeoutMs) {
        this.pmc = resolve(pmcCommand);
        this.server = server;
        this.domainNumber = domainNumber;
        this.timeoutMs = timeoutMs;
    }

    /** The configured program; the default path falls back to {@code pmc} on the PATH. */
    static String resolve(String configured) {
        if (Files.isExecutable(Path.of(configured)) || !configured.equals(PmcSettings.DEFAULT_PMC)) {
            return configured;
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "pmc"))) {
                return Path.of(dir, "pmc").toString();
            }
        }
        return configured;
    }

    @Override
    String describe() {
        return "command " + pmc + " -s " + server;
    }

    @Override
    long timeoutMs() {
        return timeoutMs;
    }

    @Override
    public CurrentDataSet currentDataSet() throws PtpManagementException {
        return decode(one(DataSetId.CURRENT_DATA_SET), PmcTextDecoder::current);
    }

    @Override
    public DefaultDataSet defaultDataSet() throws PtpManagementException {
        return decode(one(DataSetId.DEFAULT_DATA_SET), PmcTextDecoder::defaults);
    }

    @Override
    public ParentDataSet parentDataSet() throws PtpManagementException {
        return decode(one(DataSetId.PARENT_DATA_SET), PmcTextDecoder::parent);
    }

    @Override
    public TimeStatusNp timeStatus() throws PtpManagementException {
        return decode(one(DataSetId.TIME_STATUS_NP), PmcTextDecoder::timeStatus);
    }

    @Override
    public GrandmasterSettingsNp grandmasterSettings() throws PtpManagementException {
        return decode(one(DataSetId.GRANDMASTER_SETTINGS_NP), PmcTextDecoder::grandmasterSettings);
    }

    @Override
    public List<PortDataSet> portDataSets() throws PtpManagementException {
        return ports(run(List.of(DataSetId.PORT_DATA_SET), deadline()).get(DataSetId.PORT_DATA_SET));
    }

    /** One pmc run asking for every data set: its answers come from one state of ptp4l. */
    @Override
    HostDataSets readHostDataSets(long deadlineNanos) throws PtpManagementException {
        Map<DataSetId, List<Block>> r = run(HostDataSets.ASKED, deadlineNanos);
        return new HostDataSets(decode(r.get(DataSetId.CURRENT_DATA_SET).get(0), PmcTextDecoder::current),
                decode(r.get(DataSetId.DEFAULT_DATA_SET).get(0), PmcTextDecoder::defaults),
                decode(r.get(DataSetId.PARENT_DATA_SET).get(0), PmcTextDecoder::parent),
                decode(r.get(DataSetId.TIME_STATUS_NP).get(0), PmcTextDecoder::timeStatus),
                ports(r.get(DataSetId.PORT_DATA_SET)));
    }

    private List<PortDataSet> ports(List<Block> blocks) throws PtpManagementException {
        List<PortDataSet> result = new ArrayList<>();
        for (Block b : blocks) {
            result.add(decode(b, PmcTextDecoder::port));
        }
        result.sort((a, b) -> Integer.compare(a.portIdentity().portNumber(), b.portIdentity().portNumber()));
        return result;
    }

    private Block one(DataSetId id) throws PtpManagementException {
        return run(List.of(id), deadline()).get(id).get(0);
    }

    private long deadline() {
        return System.nanoTime() + timeoutMs * 1_000_000L;
    }

    private interface Decoder<T> {
        T decode(Block block) throws MalformedReplyException;
    }

    private <T> T decode(Block block, Decoder<T> decoder) throws PtpManagementException {
        try {
            return decoder.decode(block);
        } catch (MalformedReplyException e) {
            throw new PtpManagementException("unexpected output from " + pmc + " for GET " + block.name() + ": "
                    + e.getMessage());
        }
    }

    /**
     * Runs pmc once for all of {@code ids} (one {@code 'GET NAME'} argument each), killed when it is
     * still running at the deadline; returns the reply blocks of each data set (at least one each).
     */
    Map<DataSetId, List<Block>> run(List<DataSetId> ids, long deadline) throws PtpManagementException {
        String what = "GET " + ids.stream().map(DataSetId::name).collect(Collectors.joining(", "));
        List<String> command = new ArrayList<>(List.of(pmc, "-u", "-b", "0", "-d", Integer.toString(domainNumber),
                "-s", server.toString()));
        ids.forEach(id -> command.add("GET " + id.name()));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            p.getOutputStream().close();
        } catch (IOException e) {
            throw new PtpManagementException("cannot run pmc '" + pmc + "' for " + what + " on " + server + ": "
                    + e.getMessage() + " (install linuxptp or set pmcCommand)", e);
        }
        String text;
        try {
            if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                kill(p);
                throw new PtpManagementException("pmc did not finish " + what + " on " + server + " within "
                        + timeoutMs + " ms (is ptp4l stopped or hung?)");
            }
            text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            kill(p);
            Thread.currentThread().interrupt();
            throw new PtpManagementException("interrupted while pmc ran " + what + " on " + server, e);
        } catch (IOException e) {
            throw new PtpManagementException("cannot read pmc's output for " + what + " on " + server + ": "
                    + e.getMessage(), e);
        }
        PmcText.Output out;
        try {
            out = PmcText.parse(text);
        } catch (MalformedReplyException e) {
            throw new PtpManagementException("unexpected output from " + pmc + " for " + what + ": " + e.getMessage());
        }
        for (Block b : out.blocks()) {
            if (b.error()) {
                // pmc prints neither the error id nor the data set: one of this run's requests was refused
                throw new PtpManagementException("ptp4l at " + server + " answered "
                        + (ids.size() == 1 ? what : "one of " + what) + " with MANAGEMENT_ERROR_STATUS (pmc does not "
                        + "print which error; mode=native names it)");
            }
        }
        Map<DataSetId, List<Block>> result = new EnumMap<>(DataSetId.class);
        for (DataSetId id : ids) {
            List<Block> blocks = out.blocks().stream().filter(b -> b.name().equals(id.name())).toList();
            if (blocks.isEmpty()) {
                String said = out.notes().stream().filter(n -> !n.startsWith("sending:"))
                        .collect(Collectors.joining("; "));
                throw new PtpManagementException("no reply from ptp4l at " + server + " to GET " + id + " through pmc"
                        + (said.isEmpty() ? "" : " (pmc said: " + said + ")") + hint() + ", exit status "
                        + p.exitValue());
            }
            result.put(id, blocks);
        }
        return result;
    }

    /**
     * SIGKILL, which pmc cannot catch, so it leaves its client socket {@code /var/run/pmc.PID}
     * behind: removed here once the process is gone (on the JDK's exit-watcher thread, so the
     * caller's error is not delayed).
     */
    private static void kill(Process p) {
        long pid = p.pid();
        p.destroyForcibly();
        p.onExit().thenRun(() -> {
            try {
                Files.deleteIfExists(pmcSocket(pid));
            } catch (IOException ignored) {
                // not ours to remove (another user's /var/run), or already gone
            }
        });
    }

    /** Where linuxptp's pmc binds its reply socket. */
    static Path pmcSocket(long pid) {
        return Path.of("/var/run/pmc." + pid);
    }

    /** pmc is silent when the socket is missing or ptp4l ignores the request: say what we can see. */
    private String hint() {
        if (!Files.exists(server)) {
            return "; " + server + " does not exist (is ptp4l running, and is this its uds_address?)";
        }
        return "; is ptp4l running there, with domainNumber " + domainNumber + "?";
    }
}
