package uk.crcledger.timeline;

import uk.crcledger.contract.ContractEndReason;
import uk.crcledger.contract.RecordContractAward;
import uk.crcledger.contract.RecordContractEnd;
import uk.crcledger.contract.RecordContractTermChange;
import uk.crcledger.correction.CorrectEntry;
import uk.crcledger.correction.RetractEntry;
import uk.crcledger.crc.RegisterCrc;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.Percentage;
import uk.crcledger.entry.Posts;
import uk.crcledger.entry.Source;
import uk.crcledger.inspection.InspectionRating;
import uk.crcledger.inspection.RecordInspectionFinding;
import uk.crcledger.jobcut.AffectedCrc;
import uk.crcledger.jobcut.RecordJobCutAnnouncement;
import uk.crcledger.provider.RegisterProvider;
import uk.crcledger.register.CrcId;
import uk.crcledger.register.ProviderId;
import uk.crcledger.withholding.WithholdPayload;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A varied piece of the real history, as commands: awards, cuts, findings, a transfer, revisions. */
final class LedgerHistory {

    static final CrcId WEST_YORKSHIRE = CrcId.of("west-yorkshire");
    static final CrcId DDC = CrcId.of("ddc");
    static final CrcId WALES = CrcId.of("wales");
    static final ProviderId PURPLE_FUTURES = ProviderId.of("purple-futures");
    static final ProviderId WORKING_LINKS = ProviderId.of("working-links");
    static final ProviderId SEETEC = ProviderId.of("seetec");

    static final EntryId AWARD_WY = EntryId.of("award-west-yorkshire");
    static final EntryId AWARD_DDC = EntryId.of("award-ddc");
    static final EntryId AWARD_WALES = EntryId.of("award-wales");
    static final EntryId CUTS_WORKING_LINKS = EntryId.of("cuts-working-links-2015");
    static final EntryId CUTS_PURPLE = EntryId.of("cuts-purple-futures-2016");
    static final EntryId CUTS_DUPLICATE = EntryId.of("cuts-purple-futures-2016-dup");
    static final EntryId TR3 = EntryId.of("finding-tr3");
    static final EntryId FINDING_DDC = EntryId.of("finding-ddc-2019");
    static final EntryId TRANSFER_DDC = EntryId.of("transfer-ddc");
    static final EntryId TRANSFER_WALES = EntryId.of("transfer-wales");
    static final EntryId EARLY_END = EntryId.of("term-change-2018");

    static final List<Source> SOURCES = List.of(new Source("Parliamentary question 221779", "UK Parliament",
            "https://questions-statements.parliament.uk/written-questions/detail/2015-01-26/221779", null,
            LocalDate.of(2015, 1, 26)));

    private LedgerHistory() {
    }

    /** Registrations and the 2014 awards. */
    static void registrationsAndAwards(Consumer<Object> send) {
        send.accept(new RegisterCrc(WEST_YORKSHIRE, "West Yorkshire", null));
        send.accept(new RegisterCrc(DDC, "Dorset, Devon and Cornwall", "DDC"));
        send.accept(new RegisterCrc(WALES, "Wales", null));
        send.accept(new RegisterProvider(PURPLE_FUTURES, "Purple Futures", "private-led consortium",
                List.of("Interserve", "3SC")));
        send.accept(new RegisterProvider(WORKING_LINKS, "Working Links", "private", List.of("Working Links")));
        send.accept(new RegisterProvider(SEETEC, "Seetec Business Technology Centre", "private", List.of("Seetec")));
        for (var award : List.of(Map.entry(AWARD_WY, Map.entry(WEST_YORKSHIRE, PURPLE_FUTURES)),
                Map.entry(AWARD_DDC, Map.entry(DDC, WORKING_LINKS)),
                Map.entry(AWARD_WALES, Map.entry(WALES, WORKING_LINKS)))) {
            send.accept(new RecordContractAward(award.getKey(), award.getValue().getKey(), award.getValue().getValue(),
                    LocalDate.of(2014, 12, 18), LocalDate.of(2015, 2, 1), LocalDate.of(2022, 1, 31), null, null,
                    SOURCES));
        }
    }

    /** Cuts, findings (one thematic), the 2018 term change and the 2019 transfers. */
    static void whatHappened(Consumer<Object> send) {
        send.accept(new RecordJobCutAnnouncement(CUTS_WORKING_LINKS, WORKING_LINKS, LocalDate.of(2015, 12, 28),
                List.of(AffectedCrc.of(DDC, null), AffectedCrc.of(WALES, null)), null, Percentage.of("40"),
                "40% cut in staffing", SOURCES));
        send.accept(new RecordJobCutAnnouncement(CUTS_PURPLE, PURPLE_FUTURES, LocalDate.of(2016, 1, 20),
                List.of(AffectedCrc.of(WEST_YORKSHIRE, null)), Posts.of("100"), null, "restructuring", SOURCES));
        send.accept(new RecordJobCutAnnouncement(CUTS_DUPLICATE, PURPLE_FUTURES, LocalDate.of(2016, 1, 21),
                List.of(AffectedCrc.of(WEST_YORKSHIRE, null)), Posts.of("100"), null, "the same again", SOURCES));
        send.accept(new RecordInspectionFinding(TR3, null, "TR early implementation report 3",
                LocalDate.of(2015, 11, 19), List.of(), true, InspectionRating.NONE, "allocation mistakes", SOURCES));
        send.accept(new RecordInspectionFinding(FINDING_DDC, null, "Inspection of DDC CRC", LocalDate.of(2019, 2, 14),
                List.of(DDC), false, InspectionRating.INADEQUATE, "risk under-recorded", SOURCES));
        send.accept(new RecordContractTermChange(EARLY_END, List.of(WEST_YORKSHIRE, DDC, WALES),
                LocalDate.of(2018, 7, 27), LocalDate.of(2020, 12, 31), "all contracts end early", SOURCES));
        send.accept(new RecordContractEnd(TRANSFER_DDC, DDC, LocalDate.of(2019, 2, 15), ContractEndReason.TRANSFERRED,
                SEETEC, SOURCES));
        send.accept(new RecordContractEnd(TRANSFER_WALES, WALES, LocalDate.of(2019, 2, 15),
                ContractEndReason.TRANSFERRED, SEETEC, SOURCES));
    }

    /** A correction and a retraction. */
    static void revisions(Consumer<Object> send) {
        send.accept(new CorrectEntry(CUTS_PURPLE, Map.of("totalPosts", 120), "Napo figure"));
        send.accept(new RetractEntry(CUTS_DUPLICATE, "recorded twice"));
    }

    /** A court order withholds the payload at {@code position}, a revision of {@code entryId}. */
    static WithholdPayload courtOrder(EntryId entryId, long position) {
        return new WithholdPayload(entryId, position, "Anonymity order: names a member of staff", "QB-2026-000123");
    }

    static void all(Consumer<Object> send) {
        registrationsAndAwards(send);
        whatHappened(send);
        revisions(send);
    }
}
