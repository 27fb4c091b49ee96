package uk.crcledger.api.imports;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * What a dry run found: the file's rows and every problem of them, the first {@value #LISTED} listed.
 *
 * @param recordable   true when the file has no problem: recording it would record every row
 * @param problemCount how many problems there are, also those past the list
 */
@Schema(description = "A dry run's report: nothing is recorded")
public record ImportCheck(String fileSha256, int rows, boolean recordable, int problemCount,
                          List<RowProblem> problems) {

    /** The most problems a report lists: enough to fix a file by, small enough to read. */
    public static final int LISTED = 1000;

    static ImportCheck of(String fileSha256, int rows, List<RowProblem> problems) {
        return new ImportCheck(fileSha256, rows, problems.isEmpty(), problems.size(),
                List.copyOf(problems.subList(0, Math.min(LISTED, problems.size()))));
    }
}
