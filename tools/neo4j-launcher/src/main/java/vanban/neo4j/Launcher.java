package vanban.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.neo4j.cli.AdminTool;
import org.neo4j.cli.ExecutionContext;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Starts an embedded Neo4j Community with Bolt on 127.0.0.1 and auth disabled, prints
 * {@code bolt://127.0.0.1:PORT} on stdout once it accepts connections, and runs until it
 * is killed (SIGTERM/SIGINT) or, with --stdin, until its standard input closes.
 *
 * <pre>java -Xmx512m -jar target/neo4j-launcher.jar --port 0 --data DIR [--uri-file F] [--stdin]</pre>
 *
 * Port 0 picks a free port.
 *
 * <p>A first load at import speed in one JVM ({@code graph/neo4j_import.py}):
 * {@code --data DIR --schema FILE --exit --import ARGS...} runs {@code neo4j-admin ARGS}
 * (the import) with DIR as its home, then opens the database, runs the statements of FILE
 * (one a line: the constraints and indexes), waits for the indexes to be online, and
 * exits; no Bolt. {@code --import} takes the rest of the command line.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) throws Exception {
        int port = 7687;
        Path data = null;
        Path uriFile = null;
        boolean watchStdin = false;
        String pageCache = "64m";
        Path schema = null;
        boolean exitWhenReady = false;
        String[] importArgs = null;
        for (int i = 0; i < args.length && importArgs == null; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--data" -> data = Path.of(args[++i]);
                case "--uri-file" -> uriFile = Path.of(args[++i]);
                case "--page-cache" -> pageCache = args[++i];
                case "--stdin" -> watchStdin = true;
                case "--schema" -> schema = Path.of(args[++i]);
                case "--exit" -> exitWhenReady = true;
                case "--import" -> importArgs = Arrays.copyOfRange(args, i + 1, args.length);
                case "-h", "--help" -> {
                    System.out.println("usage: java -jar neo4j-launcher.jar [--port N|0] [--data DIR]"
                            + " [--uri-file FILE] [--page-cache 64m] [--stdin]"
                            + " [--schema FILE] [--exit] [--import NEO4J-ADMIN-ARGS...]");
                    return;
                }
                default -> {
                    System.err.println("unknown argument: " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (data == null) {
            data = Files.createTempDirectory("vanban-neo4j-");
        }
        if (importArgs != null) {
            int status = AdminTool.execute(new ExecutionContext(data, data.resolve("conf")), importArgs);
            System.out.flush();
            if (status != 0) {
                System.exit(status);
            }
        }
        if (port == 0 && !exitWhenReady) {
            port = freePort();
        }
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(data)
                .setConfig(BoltConnector.enabled, !exitWhenReady)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(pageCache))
                .build();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            stop.countDown();
        }));
        // A query proves the default database is up before anyone is told the address.
        var db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        db.executeTransactionally("RETURN 1");
        if (schema != null) {
            List<String> statements = Files.readAllLines(schema, StandardCharsets.UTF_8);
            try {
                for (String statement : statements) {
                    if (!statement.isBlank()) {
                        db.executeTransactionally(statement);
                    }
                }
                // an index over the whole imported graph: its population is the long part
                db.executeTransactionally("CALL db.awaitIndexes(86400)");
            } catch (RuntimeException e) {
                System.err.println("schema statement failed: " + e.getMessage());
                System.exit(1);   // the shutdown hook stops the database
            }
        }
        if (exitWhenReady) {
            System.exit(0);   // the shutdown hook stops the database
        }
        String uri = "bolt://127.0.0.1:" + port;
        if (uriFile != null) {
            Path tmp = uriFile.resolveSibling(uriFile.getFileName() + ".tmp");
            Files.writeString(tmp, uri + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, uriFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        System.out.println(uri);
        System.out.flush();
        if (watchStdin) {
            InputStream in = System.in;
            try {
                while (in.read() != -1) {
                    // discard; EOF means the parent went away
                }
            } catch (IOException ignored) {
                // treat as EOF
            }
            System.exit(0);
        }
        stop.await();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getByName("127.0.0.1"))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
