package uk.crcledger.api.imports;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * An import as its resource shows it.
 *
 * @param status     {@code running}, {@code finished}, or {@code interrupted} (the app stopped before the end:
 *                   upload the file again, which records only the rows not yet recorded)
 * @param processed  the rows done so far, whatever became of them: {@code recorded + alreadyRecorded + failed}
 * @param problems   the failed rows' problems, the first {@value ImportCheck#LISTED}
 * @param finishedAt null while running
 */
@Schema(description = "An import: who started it, its counts and the failed rows' problems")
public record ImportStatus(String id, String status, String startedBy, Instant startedAt, Instant finishedAt,
                           String fileSha256, int total, int processed, int recorded, int alreadyRecorded,
                           int failed, List<RowProblem> problems) {
}
