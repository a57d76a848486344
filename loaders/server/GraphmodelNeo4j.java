import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * A local Neo4j Community server for graphmodel: the embedded database with a Bolt connector.
 *
 * <p>Listens on 127.0.0.1 only, with authentication off unless asked, and keeps everything (databases,
 * transaction logs, logs) under the home folder it is given. Runs until it is sent SIGTERM or
 * SIGINT; a shutdown hook then closes the databases cleanly, so the next start needs no recovery.
 *
 * <p>Usage: {@code java [JVM flags] -cp classes:lib/* GraphmodelNeo4j --home DIR [--port N]
 * [--pagecache SIZE] [--auth]}. {@code --auth} turns authentication on (the tests use it to
 * check how a wrong password is reported); set the password first with
 * {@code neo4j-admin dbms set-initial-password}. A {@code conf/neo4j.conf} in the home folder, when present, is read first,
 * so a user can tune any setting; the address, port and auth settings here always win.
 *
 * <p>Prints one line {@code graphmodel-neo4j ready bolt://127.0.0.1:PORT} on stdout once the
 * databases are up.
 */
public final class GraphmodelNeo4j {

    private GraphmodelNeo4j() {
    }

    private static void usage(String problem) {
        System.err.println("graphmodel-neo4j: " + problem);
        System.err.println("usage: GraphmodelNeo4j --home DIR [--port N] [--pagecache SIZE] [--auth]");
        System.exit(2);
    }

    /** Parses a size such as 512m, 1g or 1048576 into bytes. */
    private static long parseSize(String text) {
        String t = text.trim().toLowerCase();
        long unit = 1;
        char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
        if (last == 'k' || last == 'm' || last == 'g') {
            unit = last == 'k' ? 1024L : last == 'm' ? 1024L * 1024 : 1024L * 1024 * 1024;
            t = t.substring(0, t.length() - 1);
        }
        return Long.parseLong(t) * unit;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path home = null;
        int port = 7687;
        long pagecache = 512L * 1024 * 1024;
        boolean auth = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--auth")) {
                auth = true;
                continue;
            }
            if (i + 1 >= args.length) {
                usage("missing value after " + arg);
            }
            String value = args[++i];
            try {
                switch (arg) {
                    case "--home":
                        home = Paths.get(value).toAbsolutePath();
                        break;
                    case "--port":
                        port = Integer.parseInt(value);
                        break;
                    case "--pagecache":
                        pagecache = parseSize(value);
                        break;
                    default:
                        usage("unknown option " + arg);
                }
            } catch (NumberFormatException e) {
                usage("not a number after " + arg + ": " + value);
            }
        }
        if (home == null) {
            usage("--home is required");
        }
        Files.createDirectories(home);

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home);
        Path conf = home.resolve("conf").resolve("neo4j.conf");
        if (Files.isRegularFile(conf)) {
            builder.loadPropertiesFromFile(conf);
        }
        SocketAddress address = new SocketAddress("127.0.0.1", port);
        builder.setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, address)
                // Advertised to routing drivers (neo4j:// URIs): they must come back to this port.
                .setConfig(BoltConnector.advertised_address, address)
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, auth)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pagecache)
                // Without this every database starts with a 256 MB transaction log file.
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                // No usage reports: this server talks to nobody but its local clients.
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseInternalSettings.udc_network_enabled, false)
                .setConfig(GraphDatabaseSettings.plugin_dir, home.resolve("plugins"))
                .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("apoc.*", "gds.*"));

        DatabaseManagementService service = builder.build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("graphmodel-neo4j stopping");
            System.out.flush();
            service.shutdown();
            System.out.println("graphmodel-neo4j stopped");
            System.out.flush();
            stopped.countDown();
        }, "graphmodel-neo4j-shutdown"));

        System.out.println("graphmodel-neo4j ready bolt://127.0.0.1:" + port + " home " + home);
        System.out.flush();
        // The databases run on their own threads; the main thread only waits for the hook.
        stopped.await();
    }
}
