package uk.crcledger.api.entry;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import uk.crcledger.api.problem.BadRequest;
import uk.crcledger.entry.Source;

import java.time.LocalDate;

/** Where a fact comes from. */
@Schema(description = "A source of the entry: a title and a URL or a document reference")
public record SourceBody(
        @Schema(description = "Title of the source", example = "Napo press release") @NotBlank @Size(max = 500)
        String title,
        @Schema(description = "Who published it", example = "Napo") @Size(max = 200) String publisher,
        @Schema(description = "Web address (http or https)", example = "https://www.napo.org.uk/") @Size(max = 2000)
        String url,
        @Schema(description = "A reference when there is no URL (a report number, a parliamentary question)",
                example = "Parliamentary question 221779") @Size(max = 500) String documentReference,
        @Schema(description = "When it was published (ISO date)", example = "2015-03-27") LocalDate publishedOn) {

    Source toSource(int index) {
        return BadRequest.parse("sources[" + index + "]",
                () -> new Source(title, publisher, url, documentReference, publishedOn));
    }
}
