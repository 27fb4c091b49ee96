package uk.crcledger.api.store;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the ledger keeps its data.
 *
 * @param dataDir      the embedded server's data (and, later, the admin token), {@code ./data} by default
 * @param mongodbUri   a MongoDB replica set to use instead of the embedded server
 *                     ({@code LEDGER_MONGODB_URI}; Spring Boot's {@code spring.mongodb.uri} works too)
 * @param database     the database name
 * @param instanceId   this instance's stable name: it owns processor claims, and must survive a
 *                     restart so the instance takes its own claims back at once
 * @param claimTimeout how long another instance waits before taking over a silent instance's claims
 * @param embedded     settings of the embedded server
 */
@ConfigurationProperties("ledger")
public record LedgerStoreProperties(
        @DefaultValue("./data") Path dataDir,
        String mongodbUri,
        @DefaultValue("ledger") String database,
        String instanceId,
        @DefaultValue("10s") Duration claimTimeout,
        @DefaultValue Embedded embedded) {

    /** This instance's name for claims: the configured one, else host name and data directory. */
    public String nodeId() {
        if (instanceId != null && !instanceId.isBlank()) {
            return instanceId;
        }
        String host;
        try {
            // Stable across restarts of the same installation, unlike Axon's default (pid@host).
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "ledger";
        }
        return host + ":" + dataDir.toAbsolutePath().normalize();
    }

    /**
     * @param host  the address the embedded server listens on (loopback unless shared)
     * @param port  its port, 0 for a random free one
     * @param fsync force the file to disk after each write (power-cut safety, slower)
     */
    public record Embedded(@DefaultValue("127.0.0.1") String host, @DefaultValue("0") int port,
                           @DefaultValue("false") boolean fsync) {
    }
}
