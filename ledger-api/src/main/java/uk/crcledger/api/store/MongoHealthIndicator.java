package uk.crcledger.api.store;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import uk.crcledger.api.observability.Redaction;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code mongo} health check (part of readiness): pings the ledger's own database, the one
 * every write and read goes through (Spring Boot's MongoDB support is not used). DOWN with the
 * error, its connection string never shown. The ping is bounded by {@value #TIMEOUT_MILLIS} ms
 * (the driver would wait 30 s for a server); a ping still running is awaited, not repeated.
 */
@Component("mongoHealthIndicator")
public class MongoHealthIndicator implements HealthIndicator, DisposableBean {

    static final long TIMEOUT_MILLIS = 3000;

    private final MongoDatabase database;
    private final ExecutorService pinger = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "ledger-mongo-health");
        thread.setDaemon(true);
        return thread;
    });
    private CompletableFuture<Document> inFlight;

    public MongoHealthIndicator(@Qualifier("ledgerDatabase") MongoDatabase database) {
        this.database = database;
    }

    @Override
    public Health health() {
        long started = System.nanoTime();
        try {
            ping().get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            return Health.up()
                    .withDetail("database", database.getName())
                    .withDetail("pingMillis", Duration.ofNanos(System.nanoTime() - started).toMillis())
                    .build();
        } catch (TimeoutException e) {
            return down("no answer to ping within " + TIMEOUT_MILLIS + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return down(cause.getClass().getSimpleName() + ": " + Redaction.redact(cause.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("interrupted");
        } catch (RuntimeException e) {
            return down(e.getClass().getSimpleName() + ": " + Redaction.redact(e.getMessage()));
        }
    }

    private synchronized CompletableFuture<Document> ping() {
        if (inFlight == null || inFlight.isDone()) {
            inFlight = CompletableFuture.supplyAsync(() -> database.runCommand(new Document("ping", 1)), pinger);
        }
        return inFlight;
    }

    private Health down(String error) {
        return Health.down().withDetail("database", database.getName()).withDetail("error", error).build();
    }

    @Override
    public void destroy() {
        pinger.shutdownNow();
    }
}
