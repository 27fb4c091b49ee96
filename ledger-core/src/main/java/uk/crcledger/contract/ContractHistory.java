package uk.crcledger.contract;

import uk.crcledger.entry.EntryDetails;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.HoldingConflictException;
import uk.crcledger.register.CrcId;
import uk.crcledger.register.ProviderId;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who held a CRC when, and until when each contract was planned to run, derived from its (not retracted) awards,
 * ends and contract term changes in date order, not in the order they were recorded: staff record history out of
 * order, and a correction can move any date. Deriving the whole history again after every change is what makes
 * "one holder per CRC at a time" hold for corrected histories too. The one computation of holdings in the ledger:
 * the CRC aggregate's rules and the read side both call it.
 *
 * <p>Order: by effective date (an award's start, an end's date, a term change's announcement); on one day ends come
 * before awards, so a CRC ended and re-awarded that day is consistent, and term changes come last, so they change
 * the contract held at the end of that day; entries of one kind on one day keep the order of the map (callers
 * pass ledger order).
 *
 * <p>Rules: an award needs the CRC free on its start date (a contract ended on that day frees it); an end needs a
 * contract held on its date; a transfer needs a successor other than the holder. Entries that break a rule are
 * left out and reported in {@code problems}: commands refuse any problem, while replaying stored events never
 * fails. A term change that names this CRC sets the planned end of the holding that covers its announcement day; it
 * breaks no rule here (its own command checks that a contract was held), so one covering no holding changes nothing.
 */
public record ContractHistory(List<Holding> holdings, List<String> problems) {

    public ContractHistory {
        holdings = List.copyOf(holdings);
        problems = List.copyOf(problems);
    }

    public static ContractHistory empty() {
        return new ContractHistory(List.of(), List.of());
    }

    /**
     * Derives the history of {@code crcId} from award, end and term change details; other kinds of details are
     * ignored, and so are term changes that do not name this CRC.
     *
     * @param entries the entries by id, in ledger order (that order breaks ties within one kind on one day)
     */
    /**
     * True for the details a history is derived from (awards, ends, term changes): a caller holding many
     * entries of a CRC passes only these.
     */
    public static boolean shapes(EntryDetails details) {
        return details instanceof ContractAwardDetails || details instanceof ContractEndDetails
                || details instanceof ContractTermChangeDetails;
    }

    public static ContractHistory of(CrcId crcId, Map<EntryId, ? extends EntryDetails> entries) {
        List<Map.Entry<EntryId, ? extends EntryDetails>> ordered = new ArrayList<>();
        for (Map.Entry<EntryId, ? extends EntryDetails> entry : entries.entrySet()) {
            EntryDetails details = entry.getValue();
            if (details instanceof ContractAwardDetails || details instanceof ContractEndDetails
                    || details instanceof ContractTermChangeDetails change && change.crcIds().contains(crcId)) {
                ordered.add(entry);
            }
        }
        // A stable sort, so the map's order decides between entries of one kind on one day.
        ordered.sort(Comparator.comparing((Map.Entry<EntryId, ? extends EntryDetails> e) -> dateOf(e.getValue()))
                .thenComparing(e -> sameDayRank(e.getValue())));

        List<Holding> holdings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Holding current = null;
        for (int i = 0; i < ordered.size(); i++) {
            EntryId id = ordered.get(i).getKey();
            EntryDetails details = ordered.get(i).getValue();
            if (details instanceof ContractAwardDetails award) {
                if (current != null) {
                    problems.add(awardConflict(crcId, current, id, award));
                    continue;
                }
                current = new Holding(award.providerId(), award.startsOn(), null, award.plannedEndOn(), id, id,
                        null, null);
            } else if (details instanceof ContractEndDetails end) {
                if (current == null) {
                    problems.add(nothingToEnd(crcId, end, ordered.subList(i + 1, ordered.size())));
                    continue;
                }
                if (end.transfer() && current.providerId().equals(end.successorProviderId())) {
                    problems.add(crcId + " is held by " + current.providerId() + " on " + end.endedOn()
                            + ": it cannot be transferred to its own holder");
                    continue;
                }
                holdings.add(current.endedOn(end.endedOn(), id, end.reason()));
                current = end.transfer()
                        ? new Holding(end.successorProviderId(), end.endedOn(), null, current.plannedEndOn(),
                                current.awardedBy(), id, null, null)
                        : null;
            } else if (details instanceof ContractTermChangeDetails change && current != null) {
                // Processed in date order, the holding still running is the one that covers the announcement day.
                current = current.withPlannedEndOn(change.newPlannedEndOn());
            }
        }
        if (current != null) {
            holdings.add(current);
        }
        return new ContractHistory(holdings, problems);
    }

    public Optional<Holding> holdingOn(LocalDate date) {
        return holdings.stream().filter(h -> h.covers(date)).findFirst();
    }

    public Optional<ProviderId> holderOn(LocalDate date) {
        return holdingOn(date).map(Holding::providerId);
    }

    /** The holding still running (no end recorded), whatever the date: the last one, if it has no end. */
    public Optional<Holding> current() {
        return holdings.isEmpty() || holdings.get(holdings.size() - 1).until() != null
                ? Optional.empty()
                : Optional.of(holdings.get(holdings.size() - 1));
    }

    /** The holding the end entry {@code endId} ended, if it ended one. */
    public Optional<Holding> endedBy(EntryId endId) {
        return holdings.stream().filter(h -> endId.equals(h.endedBy())).findFirst();
    }

    /** Refuses a history in which any entry broke a rule, naming the first. */
    public ContractHistory requireConsistent(String context) {
        if (!problems.isEmpty()) {
            throw new HoldingConflictException(context + problems.get(0));
        }
        return this;
    }

    private static LocalDate dateOf(EntryDetails details) {
        if (details instanceof ContractAwardDetails award) {
            return award.startsOn();
        }
        if (details instanceof ContractEndDetails end) {
            return end.endedOn();
        }
        return ((ContractTermChangeDetails) details).announcedOn();
    }

    /** On one day: ends, then awards, then term changes. */
    private static int sameDayRank(EntryDetails details) {
        if (details instanceof ContractEndDetails) {
            return 0;
        }
        return details instanceof ContractAwardDetails ? 1 : 2;
    }

    private static String awardConflict(CrcId crcId, Holding current, EntryId id, ContractAwardDetails award) {
        if (current.providerId().equals(award.providerId())) {
            return crcId + " is already held by " + current.providerId() + " on " + award.startsOn()
                    + " (since " + current.from() + ", entry " + current.startedBy() + "): award " + id
                    + " overlaps it";
        }
        return crcId + " is held by " + current.providerId() + " on " + award.startsOn() + ", not "
                + award.providerId() + " (since " + current.from() + ", entry " + current.startedBy()
                + "): record the end of that contract before award " + id;
    }

    private static String nothingToEnd(CrcId crcId, ContractEndDetails end,
                                       List<Map.Entry<EntryId, ? extends EntryDetails>> later) {
        String next = later.stream()
                .filter(e -> e.getValue() instanceof ContractAwardDetails)
                .map(e -> (ContractAwardDetails) e.getValue())
                .findFirst()
                .map(a -> " (the next contract, of " + a.providerId() + ", starts on " + a.startsOn()
                        + ", after the end date)")
                .orElse("");
        return crcId + " has no contract held on " + end.endedOn() + " to end" + next;
    }
}
