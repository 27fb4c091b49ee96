package uk.crcledger.api.idempotency;

import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/** The {@value IdempotentRequests#HEADER} header in the OpenAPI document, on every POST that takes it. */
@Component
class IdempotencyKeyDocumentation implements OpenApiCustomizer {

    @Override
    public void customise(io.swagger.v3.oas.models.OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> {
            if (item.getPost() != null && IdempotentRequests.appliesTo(path)) {
                item.getPost().addParametersItem(new HeaderParameter().name(IdempotentRequests.HEADER)
                        .required(false).description(IdempotentRequests.HEADER_DESCRIPTION)
                        .schema(new StringSchema().minLength(1).maxLength(200)));
            }
        });
    }
}
