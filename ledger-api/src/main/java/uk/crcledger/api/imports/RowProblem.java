package uk.crcledger.api.imports;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What is wrong with one row of an imported file.
 *
 * @param row   the row as a spreadsheet numbers it: the header is row 1
 * @param field the column at fault, null when the problem is the row's as a whole
 */
@Schema(description = "A problem of one row: row as a spreadsheet numbers it (header = 1), column, message")
public record RowProblem(int row, String field, String message) {
}
