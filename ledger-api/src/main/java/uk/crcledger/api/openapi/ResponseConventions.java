package uk.crcledger.api.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * What every operation answers, said once instead of on each: a refusal (4xx, 5xx) is an
 * {@code application/problem+json} {@code ProblemDetail} whatever the operation produces; a success is never
 * problem+json (springdoc copies a mapping's whole {@code produces} list onto every response); a mapping without
 * {@code produces} answers JSON; and an operation that needs a token may be refused 401 and 403.
 */
@Component
class ResponseConventions implements OpenApiCustomizer, Ordered {

    static final String PROBLEM_JSON = "application/problem+json";
    static final String PROBLEM_SCHEMA = "#/components/schemas/ProblemDetail";

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().values().forEach(item -> item.readOperations().forEach(ResponseConventions::apply));
    }

    private static void apply(Operation operation) {
        ApiResponses responses = operation.getResponses();
        if (responses == null) {
            return;
        }
        responses.forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                response.setContent(problem());
            } else if (response.getContent() != null) {
                Content content = response.getContent();
                content.remove(PROBLEM_JSON);
                MediaType any = content.remove("*/*");
                if (any != null) {
                    content.addMediaType("application/json", any);
                }
            }
        });
        if (operation.getSecurity() != null && operation.getSecurity().stream().anyMatch(r -> !r.isEmpty())) {
            responses.computeIfAbsent("401", code -> new ApiResponse()
                    .description("No token, or an unknown or revoked one").content(problem()));
            responses.computeIfAbsent("403", code -> new ApiResponse()
                    .description("The token's role may not do this").content(problem()));
        }
    }

    private static Content problem() {
        return new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref(PROBLEM_SCHEMA)));
    }

    /** After the schemas are complete; before nothing else in particular. */
    @Override
    public int getOrder() {
        return 0;
    }
}
