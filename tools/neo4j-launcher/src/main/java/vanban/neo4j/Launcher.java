package vanban.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

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
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) throws Exception {
        int port = 7687;
        Path data = null;
        Path uriFile = null;
        boolean watchStdin = false;
        String pageCache = "64m";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--data" -> data = Path.of(args[++i]);
                case "--uri-file" -> uriFile = Path.of(args[++i]);
                case "--page-cache" -> pageCache = args[++i];
                case "--stdin" -> watchStdin = true;
                case "-h", "--help" -> {
                    System.out.println("usage: java -jar neo4j-launcher.jar [--port N|0] [--data DIR]"
                            + " [--uri-file FILE] [--page-cache 64m] [--stdin]");
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
        if (port == 0) {
            port = freePort();
        }
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(data)
                .setConfig(BoltConnector.enabled, true)
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
        dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
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
