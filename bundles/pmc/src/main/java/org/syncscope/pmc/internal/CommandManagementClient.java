package org.syncscope.pmc.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * The fallback: runs {@code pmc -u -b 0 -d DOMAIN -s SOCKET 'GET NAME'} for each request, as the
 * existing tools do, and reads its text. Each run is bounded by the timeout and killed past it.
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
        List<PortDataSet> result = new ArrayList<>();
        for (Block b : run(DataSetId.PORT_DATA_SET)) {
            result.add(decode(b, PmcTextDecoder::port));
        }
        result.sort((a, b) -> Integer.compare(a.portIdentity().portNumber(), b.portIdentity().portNumber()));
        return result;
    }

    private Block one(DataSetId id) throws PtpManagementException {
        return run(id).get(0);
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

    /** Runs pmc for one GET; returns the reply blocks for that data set (at least one). */
    List<Block> run(DataSetId id) throws PtpManagementException {
        List<String> command = List.of(pmc, "-u", "-b", "0", "-d", Integer.toString(domainNumber),
                "-s", server.toString(), "GET " + id.name());
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            p.getOutputStream().close();
        } catch (IOException e) {
            throw new PtpManagementException("cannot run pmc '" + pmc + "' for GET " + id + " on " + server + ": "
                    + e.getMessage() + " (install linuxptp or set pmcCommand)", e);
        }
        String text;
        try {
            if (!p.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new PtpManagementException("pmc did not finish GET " + id + " on " + server + " within "
                        + timeoutMs + " ms");
            }
            text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new PtpManagementException("interrupted while pmc ran GET " + id + " on " + server, e);
        } catch (IOException e) {
            throw new PtpManagementException("cannot read pmc's output for GET " + id + " on " + server + ": "
                    + e.getMessage(), e);
        }
        PmcText.Output out;
        try {
            out = PmcText.parse(text);
        } catch (MalformedReplyException e) {
            throw new PtpManagementException("unexpected output from " + pmc + " for GET " + id + ": " + e.getMessage());
        }
        for (Block b : out.blocks()) {
            if (b.error()) {
                // pmc prints neither the error id nor the data set: the one request of this run was refused
                throw new PtpManagementException("ptp4l at " + server + " answered GET " + id
                        + " with MANAGEMENT_ERROR_STATUS (pmc does not print which error; mode=native names it)");
            }
        }
        List<Block> blocks = out.blocks().stream().filter(b -> b.name().equals(id.name())).collect(Collectors.toList());
        if (blocks.isEmpty()) {
            String said = out.notes().stream().filter(n -> !n.startsWith("sending:")).collect(Collectors.joining("; "));
            throw new PtpManagementException("no reply from ptp4l at " + server + " to GET " + id + " through pmc"
                    + (said.isEmpty() ? "" : " (pmc said: " + said + ")") + hint() + ", exit status " + p.exitValue());
        }
        return blocks;
    }

    /** pmc is silent when the socket is missing or ptp4l ignores the request: say what we can see. */
    private String hint() {
        if (!Files.exists(server)) {
            return "; " + server + " does not exist (is ptp4l running, and is this its uds_address?)";
        }
        return "; is ptp4l running there, with domainNumber " + domainNumber + "?";
    }
}
