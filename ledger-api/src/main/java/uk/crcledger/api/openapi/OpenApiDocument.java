package uk.crcledger.api.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.servers.Server;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.Set;

/**
 * The document's head. The server is the host serving the document ({@code /}), so a client generated from it
 * works against any installation. Reading is public: the root security requirement is the empty one (no
 * credentials), and each writing operation names the bearer scheme itself. No {@code info.license}: the project
 * has not chosen a licence yet (the one linter warning left, see README.md).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiDocument {

    static final String TITLE = "CRC Accountability Ledger API";

    @Bean
    OpenAPI ledgerOpenApi() {
        return new OpenAPI()
                .info(new Info().title(TITLE).version("0.1.0")
                        .description("""
                                An append-only ledger of what happened to the 21 Community Rehabilitation Companies \
                                and the companies that owned them, each fact with its sources. Reading is public; \
                                recording, correcting and administering need a bearer token. Entries carry their \
                                type's own fields beside the common ones: the schemas `<Type>TimelineItem` and \
                                `<Type>LedgerEntry` name them, chosen by the `type` property. Refusals are RFC 9457 \
                                problems (`application/problem+json`)."""))
                .servers(List.of(new Server().url("/").description("The ledger serving this document")))
                .security(List.of(new SecurityRequirement()))
                .components(new Components().addSchemas("StoredPayload", new Schema<>().type("object")
                        .types(Set.of("object"))
                        .description("An event's payload exactly as the ledger stored it: its SHA-256 is the "
                                + "transparency log's leaf hash input. Its shape is the event's, which the "
                                + "ledger keeps readable for every version it ever wrote.")));
    }
}
