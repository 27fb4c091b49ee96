package uk.crcledger.tlog.note;

/**
 * Test vectors copied verbatim from Go's reference implementation, golang.org/x/mod/sumdb/note,
 * file sumdb/note/note_test.go (github.com/golang/mod at commit
 * fe2ec04f7c3c3aa6fad97631aafcff6e49e2d1db): TestNewSigner, TestSign, TestOpen, TestVerifierList.
 * Copyright 2019 The Go Authors, BSD-style licence.
 */
final class GoVectors {
    private GoVectors() {}

    static final String PETER_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    static final String PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    static final String ENOCH_VKEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";

    static final String TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    static final String PETER_SIG = "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
    static final String ENOCH_SIG = "\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

    /** TestSign's "want": the note Go's note.Sign produces for TEXT with PETER_SKEY. */
    static final String PETER_NOTE = TEXT + "\n" + PETER_SIG;
}
