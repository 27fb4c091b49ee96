package uk.crcledger.api.readmodel;

import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import uk.crcledger.api.store.LedgerStoreProperties;
import uk.crcledger.eventstore.MongoLedgerStorageEngine;
import uk.crcledger.projection.ReadModelStore;
import uk.crcledger.projection.SegmentBalancer;
import uk.crcledger.timeline.LedgerReadModel;

import java.time.Clock;
import java.util.function.Supplier;

/** The read model's beans: the model with its queries, its processor, balancer and rebuilds. */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class ReadModelConfiguration {

    @Bean
    LedgerReadModel ledgerReadModel(ReadModelStore readModelStore, EventStorageEngine eventStorageEngine) {
        return new LedgerReadModel(readModelStore, (MongoLedgerStorageEngine) eventStorageEngine);
    }

    @Bean
    ConfigurerModule ledgerReadModelProcessor(LedgerReadModel readModel, ReadModelProperties properties) {
        return configurer -> configurer.eventProcessing(
                processing -> readModel.registerProcessor(processing, properties.segments(), properties.batchSize()));
    }

    @Bean
    Supplier<StreamingEventProcessor> ledgerReadModelProcessorLookup(ObjectProvider<Configuration> axon) {
        return () -> axon.getObject().eventProcessingConfiguration()
                .eventProcessor(LedgerReadModel.PROCESSOR, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("No processor " + LedgerReadModel.PROCESSOR));
    }

    @Bean(destroyMethod = "close")
    SegmentBalancer segmentBalancer(ReadModelStore readModelStore, LedgerStoreProperties store,
                                    Supplier<StreamingEventProcessor> ledgerReadModelProcessorLookup) {
        return readModelStore.balancer(LedgerReadModel.PROCESSOR, store.nodeId(), ledgerReadModelProcessorLookup,
                store.claimTimeout(), Clock.systemUTC());
    }

    @Bean
    ReadModelMaintenance readModelMaintenance(LedgerReadModel readModel, SegmentBalancer balancer,
                                              Supplier<StreamingEventProcessor> ledgerReadModelProcessorLookup,
                                              TokenStore tokenStore, ReadModelProperties properties,
                                              LedgerStoreProperties store) {
        return new ReadModelMaintenance(readModel, balancer, ledgerReadModelProcessorLookup, tokenStore,
                store.nodeId(), store.claimTimeout(), properties.balance());
    }
}
