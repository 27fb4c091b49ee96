package uk.crcledger.api.imports;

import org.axonframework.config.ConfigurerModule;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.crcledger.imports.BulkImport;

/** The import's aggregate on Axon's command side, and its limits. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ImportProperties.class)
class ImportConfiguration {

    @Bean
    ConfigurerModule bulkImports() {
        return configurer -> configurer.configureAggregate(BulkImport.class);
    }
}
