package uk.crcledger.api.search;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.crcledger.api.readmodel.ReadModelMetrics;
import uk.crcledger.api.store.LedgerStoreProperties;
import uk.crcledger.eventstore.MongoLedgerStorageEngine;
import uk.crcledger.search.SearchIndex;
import uk.crcledger.search.SearchIndexer;

/**
 * The search index of this instance, in {@code <ledger.data-dir>/search-index}, following the ledger
 * from the moment the app starts; and its lag among the read models' gauges.
 */
@Configuration(proxyBeanMethods = false)
public class SearchConfiguration {

    /** Events applied per Lucene commit: a commit costs an fsync, so a catch-up goes in big batches. */
    private static final int BATCH_SIZE = 2_000;

    @Bean(destroyMethod = "close")
    SearchIndexer searchIndexer(LedgerStoreProperties store, EventStorageEngine engine, MeterRegistry registry) {
        SearchIndexer indexer = new SearchIndexer(SearchIndex.open(store.dataDir().resolve("search-index")),
                (MongoLedgerStorageEngine) engine, BATCH_SIZE);
        Gauge.builder(ReadModelMetrics.LAG_EVENTS, indexer, i -> i.status().lag())
                .description("Events stored but not yet in this instance's search index")
                .tag("processor", SearchIndexer.NAME)
                .register(registry);
        return indexer;
    }
}
