package uk.crcledger.tlog.note;

/**
 * Examples copied verbatim from the C2SP specifications (github.com/C2SP/C2SP at commit
 * 5ba5ee830903e91240fc6f9f3a7a9293d49e69c9), CC BY 4.0.
 */
final class C2spVectors {
    private C2spVectors() {}

    /** signed-note.md, section "Verifier keys", "Example": this key verifies FOO_NOTE. */
    static final String FOO_VKEY = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
    static final String FOO_NOTE = "This is an example message.\n"
            + "\n"
            + "\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

    /** signed-note.md, the opening example (the spec gives no key for it): the text has an empty line. */
    static final String QUASIMODO_NOTE = "Ognuno sta solo sul cuor della terra\n"
            + "trafitto da un raggio di sole:\n"
            + "\n"
            + "ed \u00e8 subito sera.\n"
            + "\n"
            + "\u2014 quasimodo.example/salvatore NnugSzTjtVAewIS+Z/iJhUPeFDkO/5QQ2i5ddnGITLlC+EhfLW9oJKONrMouFSQU0xMcXxj99ihAQwaqP3ZekRwNtIc=\n";

    /** tlog-checkpoint.md, the opening example (no key given). */
    static final String SOFA_TEXT = "example.com/behind-the-sofa\n"
            + "20852163\n"
            + "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
    static final String SOFA_NOTE = SOFA_TEXT
            + "\n"
            + "\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n";
}
