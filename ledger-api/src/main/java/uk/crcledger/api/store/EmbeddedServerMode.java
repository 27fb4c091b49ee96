package uk.crcledger.api.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.crcledger.eventstore.embedded.EmbeddedMongoServer;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar ledger-api.jar server [--ledger.data-dir=./data] [--ledger.embedded.host=127.0.0.1]
 * [--ledger.embedded.port=27017] [--ledger.embedded.fsync=false]}: runs only the embedded MongoDB
 * server, durable on disk as in the app, so several app instances (started with
 * {@code LEDGER_MONGODB_URI=mongodb://127.0.0.1:27017}) can share one store without a MongoDB
 * installation. It runs until the process is stopped.
 */
public final class EmbeddedServerMode {

    public static final String COMMAND = "server";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedServerMode.class);

    private EmbeddedServerMode() {
    }

    public static void run(String[] args) throws InterruptedException {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        EmbeddedMongoServer server = EmbeddedMongoServer.start(
                Path.of(options.getOrDefault("ledger.data-dir", "./data")),
                options.getOrDefault("ledger.embedded.host", "127.0.0.1"),
                Integer.parseInt(options.getOrDefault("ledger.embedded.port", "27017")),
                Boolean.parseBoolean(options.getOrDefault("ledger.embedded.fsync", "false")));
        log.info("Serving the ledger's store at {}; start app instances with LEDGER_MONGODB_URI={}",
                server.connectionString(), server.connectionString());
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-server-stop"));
        new CountDownLatch(1).await();
    }
}
