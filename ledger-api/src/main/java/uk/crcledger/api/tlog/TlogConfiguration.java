package uk.crcledger.api.tlog;

import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import uk.crcledger.api.store.LedgerStoreProperties;
import uk.crcledger.eventstore.MongoLedgerStorageEngine;
import uk.crcledger.eventstore.tlog.LogAudit;
import uk.crcledger.eventstore.tlog.LogIntegrator;
import uk.crcledger.eventstore.tlog.LogReader;
import uk.crcledger.eventstore.tlog.LogState;
import uk.crcledger.eventstore.tlog.TileStore;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Wires the transparency log to the store: its identity, an integrator that runs on whichever instance
 * holds its claim, and the slow background audit, over the tile store and state that {@code api.store}
 * makes (one for every instance).
 */
@Configuration(proxyBeanMethods = false)
public class TlogConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TlogConfiguration.class);
    @Bean
    LogIdentity tlogIdentity(TlogProperties properties, LogState state, LedgerStoreProperties store, Environment environment) {
        String origin = LogIdentity.origin(properties.origin(), state, hostName());
        String key = properties.signingKey() != null ? properties.signingKey() : environment.getProperty("LEDGER_TLOG_SIGNING_KEY");
        LogIdentity identity = new LogIdentity(origin, LogIdentity.signer(key, store.dataDir(), origin));
        if (!identity.signer().name().equals(origin)) {
            // Clients (the web page among them) look for the signature by the origin's name.
            log.warn("The transparency log's signing key is named '{}' but the log's origin is '{}'; clients expect "
                    + "the key to be named after the origin (make one with: tlog-key {})", identity.signer().name(),
                    origin, origin);
        }
        return identity;
    }

    @Bean
    LogReader tlogReader(EventStorageEngine engine, TileStore tiles, LogState state, LedgerStoreProperties store) {
        return new LogReader(((MongoLedgerStorageEngine) engine).storedEvents(), tiles, state, store.nodeId());
    }

    @Bean
    LogAudit tlogAudit(EventStorageEngine engine, TileStore tiles, LogState state, LedgerStoreProperties store) {
        return new LogAudit(((MongoLedgerStorageEngine) engine).storedEvents(), tiles, state, store.nodeId(), Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    LogIntegrator tlogIntegrator(EventStorageEngine engine, TileStore tiles, LogState state, TokenStore tokenStore,
                                 LogIdentity identity, TlogProperties properties, LedgerStoreProperties store) {
        return new LogIntegrator((MongoLedgerStorageEngine) engine, tiles, state, tokenStore, identity.signer(),
                new LogIntegrator.Settings(identity.origin(), properties.checkpointInterval(), properties.integrateBatch(),
                        Duration.ofMillis(500), store.nodeId()),
                Clock.systemUTC());
    }

    /** Starts the integrator and the background audit with the application, and stops them with it. */
    @Bean
    SmartLifecycle tlogLifecycle(LogIntegrator integrator, LogAudit audit, LogIdentity identity, TlogProperties properties,
                                 @Value("${server.port:8080}") int port) {
        return new SmartLifecycle() {
            private ScheduledExecutorService auditor;

            @Override
            public void start() {
                integrator.start();
                auditor = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread thread = new Thread(r, "tlog-audit");
                    thread.setDaemon(true);
                    return thread;
                });
                long every = properties.auditInterval().toMillis();
                auditor.scheduleWithFixedDelay(() -> {
                    try {
                        audit.sweep(properties.auditBatch());
                    } catch (RuntimeException e) {
                        log.warn("The transparency log's background audit failed a round: {}", e.toString());
                    }
                }, every, every, TimeUnit.MILLISECONDS);
                log.info("Transparency log '{}', verifier key {}", identity.origin(), identity.verifierKey().encoded());
            }

            @Override
            public void stop() {
                if (auditor != null) {
                    auditor.shutdownNow();
                }
                integrator.close();
            }

            @Override
            public boolean isRunning() {
                return auditor != null && !auditor.isShutdown();
            }
        };
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName().toLowerCase(java.util.Locale.ROOT);
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
