package uk.crcledger.api.command;

import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import uk.crcledger.contract.ReplicatedContractRegister;
import uk.crcledger.entry.ContractRegister;
import uk.crcledger.entry.EntryDirectory;
import uk.crcledger.kinds.EntryKinds;
import uk.crcledger.provider.Provider;
import uk.crcledger.withholding.PayloadWithholding;

/**
 * Registers the domain's aggregates, ports and the correction router with Axon. The domain module
 * carries no Spring annotations, so this is the one place that says what the command side is.
 * Aggregate command handlers receive {@link ContractRegister} as a parameter, which Axon resolves from
 * its bean; the correction router gets the {@link EntryDirectory} (storage, made in {@code api.store}).
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class CommandSideConfiguration {

    @Bean
    ConfigurerModule ledgerAggregates(EntryDirectory entryDirectory) {
        return configurer -> {
            configurer.configureAggregate(Provider.class)
                    .configureAggregate(PayloadWithholding.class);
            // The aggregates that hold entries, each once, from the catalogue: a new kind needs no line here.
            EntryKinds.aggregates().forEach(configurer::configureAggregate);
            configurer.registerCommandHandler(c -> EntryKinds.revisions(entryDirectory, c::repository));
        };
    }

    /**
     * Answers the rules' questions about CRCs and providers from read-only copies of those aggregates, kept up to
     * date from the event store (see {@link ReplicatedContractRegister}); the store is looked up when first used.
     */
    @Bean
    ContractRegister contractRegister(ObjectProvider<EventStorageEngine> events) {
        return new ReplicatedContractRegister(events::getObject);
    }
}
