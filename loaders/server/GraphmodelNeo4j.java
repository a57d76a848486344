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
import org.neo4j.server.configuration.ServerSettings;

/**
 * A local Neo4j Community server for graphmodel: the embedded database with a Bolt connector and,
 * when given an HTTP port, the HTTP connector that serves Neo4j Browser (from the neo4j-browser jar
 * on the class path) at {@code /browser/}.
 *
 * <p>Listens on 127.0.0.1 only, with authentication off unless asked, and keeps everything (databases,
 * transaction logs, logs) under the home folder it is given. Usage reports and the Browser's
 * telemetry are off. Runs until it is sent SIGTERM or SIGINT; a shutdown hook then closes the
 * databases cleanly, so the next start needs no recovery.
 *
 * <p>Usage: {@code java [JVM flags] -cp classes:lib/* GraphmodelNeo4j --home DIR [--port N]
 * [--http-port N] [--pagecache SIZE] [--auth]}. {@code --http-port 0} (the default) leaves HTTP off.
 * {@code --auth} turns authentication on (the tests use it to check how a wrong password is
 * reported); set the password first with {@code neo4j-admin dbms set-initial-password}. A
 * {@code conf/neo4j.conf} in the home folder, when present, is read first, so a user can tune any
 * setting; the addresses, ports and auth settings here always win.
 *
 * <p>Prints one line {@code graphmodel-neo4j ready bolt://127.0.0.1:PORT [browser URL]} on stdout once the
 * databases are up.
 */
public final class GraphmodelNeo4j {

    private GraphmodelNeo4j() {
    }

    private static void usage(String problem) {
        System.err.println("graphmodel-neo4j: " + problem);
        System.err.println("usage: GraphmodelNeo4j --home DIR [--port N] [--http-port N] [--pagecache SIZE] [--auth]");
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
        int httpPort = 0;
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
                    case "--http-port":
                        httpPort = Integer.parseInt(value);
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
                .setConfig(HttpConnector.enabled, httpPort > 0)
                .setConfig(HttpsConnector.enabled, false)
                // The Browser asks the server for its settings: no telemetry from this machine.
                .setConfig(ServerSettings.allow_telemetry, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, auth)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pagecache)
                // Without this every database starts with a 256 MB transaction log file.
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                // No usage reports: this server talks to nobody but its local clients.
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseInternalSettings.udc_network_enabled, false)
                .setConfig(GraphDatabaseSettings.plugin_dir, home.resolve("plugins"))
                .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("apoc.*", "gds.*"));

        if (httpPort > 0) {
            SocketAddress http = new SocketAddress("127.0.0.1", httpPort);
            // The Browser's pages may load and connect to this server only: Neo4j's default policy
            // lets them fetch web fonts, guides and analytics from the Internet.
            String local = "http://127.0.0.1:" + httpPort + " ws://127.0.0.1:" + port + " http://127.0.0.1:" + port;
            String policy = "default-src 'self'; script-src 'self'; img-src 'self' data:; "
                    + "style-src 'self' 'unsafe-inline'; font-src 'self' data:; base-uri 'none'; object-src 'none'; "
                    + "frame-ancestors 'none'; connect-src 'self' " + local;
            builder.setConfig(HttpConnector.listen_address, http)
                    .setConfig(HttpConnector.advertised_address, http)
                    .setConfig(ServerSettings.http_static_content_security_policy, policy);
        }

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

        System.out.println("graphmodel-neo4j ready bolt://127.0.0.1:" + port
                + (httpPort > 0 ? " browser http://127.0.0.1:" + httpPort + "/browser/" : "") + " home " + home);
        System.out.flush();
        // The databases run on their own threads; the main thread only waits for the hook.
        stopped.await();
    }
}
