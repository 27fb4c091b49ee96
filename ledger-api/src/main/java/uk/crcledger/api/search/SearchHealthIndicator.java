package uk.crcledger.api.search;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import uk.crcledger.api.observability.Redaction;
import uk.crcledger.search.SearchIndexer;

/**
 * The {@code searchIndex} health check: UP while the index follows the ledger (also while it is
 * rebuilt: it answers 503 then, which says so), DOWN when its thread has stopped or its last batch
 * failed. With state, position, head and lag as details, like the read model's check. Not part of
 * readiness: without search, the ledger still records and answers.
 */
@Component("searchIndexHealthIndicator")
public class SearchHealthIndicator implements HealthIndicator {

    private final SearchIndexer indexer;

    public SearchHealthIndicator(SearchIndexer indexer) {
        this.indexer = indexer;
    }

    @Override
    public Health health() {
        SearchIndexer.Status status = indexer.status();
        Health.Builder health = status.running() && status.error() == null ? Health.up() : Health.down();
        health.withDetail("state", status.state()).withDetail("position", status.position())
                .withDetail("head", status.headPosition()).withDetail("lag", status.lag());
        if (status.error() != null) {
            health.withDetail("error", Redaction.redact(status.error()));
        }
        return health.build();
    }
}
