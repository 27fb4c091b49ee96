package uk.crcledger.tlog.note;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A signed note of c2sp.org/signed-note: the text (ending in a newline), a blank line, and one or
 * more signature lines {@code — <name> base64(keyId || signature)}.
 *
 * <p>{@link #parse} only checks the syntax; {@link #verify} checks a signature. A note must not be
 * trusted until {@code verify} has returned true for a trusted key.
 *
 * @param text the note text, including its final newline but not the separating blank line
 * @param signatures the signature lines in order (duplicates are kept, so that encoding gives back
 *     the parsed bytes)
 */
public record SignedNote(String text, List<NoteSignature> signatures) {

    /** Em dash U+2014 and a space, the start of every signature line. */
    static final String SIG_PREFIX = "\u2014 ";

    /**
     * The spec says verifiers SHOULD cap the number of signatures and MUST accept at least 16; Go's
     * note.Open allows 100, and so do we, so that every note Go accepts we accept.
     */
    public static final int MAX_SIGNATURES = 100;

    public SignedNote {
        checkText(text);
        if (signatures == null || signatures.isEmpty()) {
            throw new IllegalArgumentException("a signed note needs at least one signature");
        }
        if (signatures.size() > MAX_SIGNATURES) {
            throw new IllegalArgumentException("too many signatures: " + signatures.size() + " > " + MAX_SIGNATURES);
        }
        signatures = List.copyOf(signatures);
    }

    private static void checkText(String text) {
        if (text == null || !text.endsWith("\n")) {
            throw new IllegalArgumentException("note text must end with a newline");
        }
        if (!Text.isNoteSafe(text)) {
            throw new IllegalArgumentException("note text must be valid UTF-8 without control characters other than newline");
        }
    }

    /** Signs the text (its UTF-8 bytes) with one key; the result has that single signature. */
    public static SignedNote sign(String text, NoteSigner signer) {
        checkText(text);
        byte[] sig = signer.sign(text.getBytes(StandardCharsets.UTF_8));
        return new SignedNote(text, List.of(new NoteSignature(signer.name(), signer.verifierKey().keyId(), sig)));
    }

    /**
     * This note with one more signature, by {@code signer}, appended; like Go's note.Sign, an existing
     * signature by the same name and key ID is replaced rather than repeated. This is how a witness
     * cosignature or a second log key is added.
     */
    public SignedNote withSignature(NoteSigner signer) {
        VerifierKey key = signer.verifierKey();
        List<NoteSignature> all = new ArrayList<>();
        for (NoteSignature s : signatures) {
            if (!matches(s, key)) {
                all.add(s);
            }
        }
        all.addAll(sign(text, signer).signatures());
        return new SignedNote(text, all);
    }

    /** The note: text, a blank line, then each signature line with its newline. */
    public String encoded() {
        StringBuilder sb = new StringBuilder(text).append('\n');
        for (NoteSignature s : signatures) {
            sb.append(s.line()).append('\n');
        }
        return sb.toString();
    }

    /** Parses a note given as bytes, refusing bytes that are not well-formed UTF-8. */
    public static SignedNote parse(byte[] note) {
        String s;
        try {
            s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(note))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("malformed note: not valid UTF-8", e);
        }
        return parse(s);
    }

    /**
     * Parses a note strictly, as Go's note.Open: valid UTF-8 with no control characters but newline;
     * the text ends at the last blank line; every line after it is a well-formed signature line
     * ending in a newline; at most {@value #MAX_SIGNATURES} of them. Base64 must also be canonical,
     * which Go does not check; nothing Go emits is affected.
     */
    public static SignedNote parse(String note) {
        if (note == null) {
            throw new IllegalArgumentException("malformed note: null");
        }
        if (!Text.isNoteSafe(note)) {
            throw new IllegalArgumentException("malformed note: must be valid UTF-8 without control characters other than newline");
        }
        // "the text is separated from the signatures by the last empty line in the note"
        int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw new IllegalArgumentException("malformed note: no blank line before the signatures");
        }
        String text = note.substring(0, split + 1);
        String sigs = note.substring(split + 2);
        if (sigs.isEmpty()) {
            throw new IllegalArgumentException("malformed note: no signatures");
        }
        if (!sigs.endsWith("\n")) {
            throw new IllegalArgumentException("malformed note: last signature line does not end with a newline");
        }
        List<NoteSignature> signatures = new ArrayList<>();
        int start = 0;
        while (start < sigs.length()) {
            int end = sigs.indexOf('\n', start);
            String line = sigs.substring(start, end);
            start = end + 1;
            if (signatures.size() == MAX_SIGNATURES) {
                throw new IllegalArgumentException("malformed note: more than " + MAX_SIGNATURES + " signatures");
            }
            signatures.add(parseLine(line));
        }
        return new SignedNote(text, signatures);
    }

    private static NoteSignature parseLine(String line) {
        if (!line.startsWith(SIG_PREFIX)) {
            throw new IllegalArgumentException("malformed note: signature line does not start with \"\u2014 \"");
        }
        String rest = line.substring(SIG_PREFIX.length());
        int space = rest.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("malformed note: signature line has no signature");
        }
        String name = rest.substring(0, space);
        String b64 = rest.substring(space + 1);
        if (!Text.isValidName(name)) {
            throw new IllegalArgumentException("malformed note: invalid key name in signature line");
        }
        byte[] raw;
        try {
            raw = Text.decodeBase64(b64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed note: signature is not base64", e);
        }
        if (raw.length < 5) {
            throw new IllegalArgumentException("malformed note: signature shorter than key ID and one byte");
        }
        return new NoteSignature(name, Arrays.copyOf(raw, 4), Arrays.copyOfRange(raw, 4, raw.length));
    }

    /**
     * True only when at least one signature line carries {@code key}'s name and key ID and every such
     * line is a valid Ed25519 signature of the text under that key. Lines of other keys are ignored,
     * even if they share the name or the ID (but not both), as the spec requires; a bad signature
     * from the known key makes the whole note fail (the spec's SHOULD).
     */
    public boolean verify(VerifierKey key) {
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        PublicKey publicKey = key.toPublicKey();
        boolean any = false;
        for (NoteSignature s : signatures) {
            if (!matches(s, key)) {
                continue;
            }
            if (!ed25519Verify(publicKey, message, s.signature())) {
                return false;
            }
            any = true;
        }
        return any;
    }

    private static boolean matches(NoteSignature s, VerifierKey key) {
        return s.name().equals(key.name()) && Arrays.equals(s.keyId(), key.keyId());
    }

    private static boolean ed25519Verify(PublicKey key, byte[] message, byte[] signature) {
        if (signature.length != 64) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            // The JDK throws SignatureException for some malformed signatures (e.g. s out of range)
            // and InvalidKeyException for public keys that do not decode: both mean "not verified".
            return false;
        }
    }
}
