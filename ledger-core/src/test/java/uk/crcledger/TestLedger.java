package uk.crcledger;

import org.axonframework.messaging.MetaData;
import uk.crcledger.entry.RecordedBy;
import uk.crcledger.entry.Source;
import uk.crcledger.register.CrcId;
import uk.crcledger.register.ProviderId;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Values the specifications share, named for what they are in the reference data. */
public final class TestLedger {

    /** Fixtures run at noon on 15 Jan 2026, so "tomorrow" is a date in the future. */
    public static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");
    public static final LocalDate TODAY = LocalDate.of(2026, 1, 15);
    public static final LocalDate TOMORROW = TODAY.plusDays(1);

    public static final RecordedBy ALICE = new RecordedBy("alice");
    public static final MetaData BY_ALICE = MetaData.with(RecordedBy.METADATA_KEY, "alice");

    public static final CrcId WEST_YORKSHIRE = CrcId.of("west-yorkshire");
    public static final CrcId HLNY = CrcId.of("hlny");
    public static final CrcId CUMBRIA_LANCASHIRE = CrcId.of("cumbria-lancashire");
    public static final CrcId SOUTH_YORKSHIRE = CrcId.of("south-yorkshire");
    public static final CrcId DDC = CrcId.of("ddc");
    public static final CrcId WALES = CrcId.of("wales");
    public static final CrcId KSS = CrcId.of("kss");
    public static final CrcId UNKNOWN_CRC = CrcId.of("atlantis");

    public static final ProviderId PURPLE_FUTURES = ProviderId.of("purple-futures");
    public static final ProviderId SODEXO_NACRO = ProviderId.of("sodexo-nacro");
    public static final ProviderId WORKING_LINKS = ProviderId.of("working-links");
    public static final ProviderId SEETEC = ProviderId.of("seetec");
    public static final ProviderId UNKNOWN_PROVIDER = ProviderId.of("nobody-ltd");

    /** Contracts were signed on 18 Dec 2014; owners took control when the share sale completed on 1 Feb 2015. */
    public static final LocalDate SIGNED_ON = LocalDate.of(2014, 12, 18);
    public static final LocalDate SHARE_SALE = LocalDate.of(2015, 2, 1);
    public static final LocalDate SEVEN_YEARS_LATER = LocalDate.of(2022, 1, 31);
    public static final LocalDate WORKING_LINKS_COLLAPSE = LocalDate.of(2019, 2, 15);
    public static final LocalDate REUNIFICATION = LocalDate.of(2021, 6, 26);

    public static final Source PARLIAMENTARY_QUESTION = Source.document("Parliamentary question 221779", "PQ 221779");
    public static final Source NAPO_PRESS_RELEASE = new Source("Napo press release", "Napo",
            "https://www.napo.org.uk/news", null, LocalDate.of(2015, 3, 27));
    public static final List<Source> SOURCES = List.of(PARLIAMENTARY_QUESTION);

    private TestLedger() {
    }
}
