package uk.crcledger.timeline;

import uk.crcledger.contract.RecordContractAward;
import uk.crcledger.correction.CorrectEntry;
import uk.crcledger.correction.RetractEntry;
import uk.crcledger.crc.RegisterCrc;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.Posts;
import uk.crcledger.inspection.InspectionRating;
import uk.crcledger.inspection.RecordInspectionFinding;
import uk.crcledger.jobcut.AffectedCrc;
import uk.crcledger.jobcut.RecordJobCutAnnouncement;
import uk.crcledger.register.CrcId;
import uk.crcledger.register.ProviderId;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static uk.crcledger.timeline.LedgerHistory.SOURCES;

/** Generated CRCs, each awarded to one of the history's providers, with cuts, a finding and revisions. */
final class ManyCrcs {

    private ManyCrcs() {
    }

    static void record(Consumer<Object> send, int i) {
        CrcId crc = CrcId.of("crc-" + i);
        ProviderId provider = i % 2 == 0 ? LedgerHistory.PURPLE_FUTURES : LedgerHistory.SEETEC;
        send.accept(new RegisterCrc(crc, "Generated CRC " + i, null));
        send.accept(new RecordContractAward(EntryId.of("award-" + crc.value()), crc, provider,
                LocalDate.of(2014, 12, 18), LocalDate.of(2015, 2, 1), LocalDate.of(2022, 1, 31), null, null, SOURCES));
        EntryId cuts = EntryId.of("cuts-" + crc.value());
        send.accept(new RecordJobCutAnnouncement(cuts, provider, LocalDate.of(2016, 3, 1 + i % 28),
                List.of(AffectedCrc.of(crc, Posts.of(String.valueOf(10 + i)))), null, null, "generated", SOURCES));
        EntryId finding = EntryId.of("finding-" + crc.value());
        send.accept(new RecordInspectionFinding(finding, null, "Inspection " + i, LocalDate.of(2018, 1, 1 + i % 28),
                List.of(crc), false, i % 3 == 0 ? InspectionRating.GOOD : InspectionRating.REQUIRES_IMPROVEMENT,
                "generated finding", SOURCES));
        if (i % 4 == 0) {
            send.accept(new CorrectEntry(cuts, Map.of("crcs", List.of(Map.of("crcId", crc.value(), "posts", 5 + i))),
                    "revised figure"));
        }
        if (i % 5 == 0) {
            send.accept(new RetractEntry(finding, "wrong report"));
        }
    }
}
