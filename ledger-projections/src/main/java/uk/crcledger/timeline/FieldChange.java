package uk.crcledger.timeline;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One field a correction changed, as the revision before it stated the field and as the correction states it, in the
 * API's own JSON values (a date as {@code "2016-01-25"}, the sources as their list).
 *
 * @param before absent when the field was not stated before
 * @param after  absent when the correction cleared it
 */
@Schema(description = "One field a correction changed: its value before and after, as the API writes them")
public record FieldChange(String field, Object before, Object after) {
}
