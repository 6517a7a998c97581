package org.syncscope.pvas.command;

import java.util.List;
import java.util.regex.Pattern;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.syncscope.pvas.PvaServer;

/** Lists the PVs Syncscope's pvAccess server has now, and its state: pv:list's counterpart for pvAccess. */
@Command(scope = "pva", name = "list", description = "Lists the PVs served by Syncscope's pvAccess server, and its state")
@Service
public class PvaListCommand implements Action {

    @Reference
    private PvaServer server;

    @Argument(index = 0, name = "pattern", required = false,
            description = "Only names matching this glob: * any run of characters, ? one; a pva:// prefix is ignored")
    private String pattern;

    @Option(name = "--max", description = "At most this many names (default 10000)")
    private int max = 10_000;

    @Override
    public Object execute() {
        if (max < 0) {
            System.out.println("--max " + max + " must not be negative");
            return null;
        }
        List<String> names = matching(server.pvNames(), pattern);
        names.stream().limit(max).forEach(System.out::println);
        if (names.size() > max) {
            System.out.println((names.size() - max) + " more of " + names.size() + " matching names not shown (--max " + max + ")");
        }
        System.out.println("pvAccess server: " + server.status() + "; monitor updates dropped for slow clients: "
                + server.droppedUpdates());
        return null;
    }

    /** The names matching the glob (all without one), in their order. */
    static List<String> matching(List<String> names, String glob) {
        if (glob == null || glob.isEmpty()) {
            return names;
        }
        String g = glob.startsWith("pva://") ? glob.substring("pva://".length()) : glob;
        StringBuilder re = new StringBuilder();
        for (char c : g.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        Pattern p = Pattern.compile(re.toString());
        return names.stream().filter(n -> p.matcher(n).matches()).toList();
    }
}
