package uk.crcledger.tlog.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 9162 section 2.1 written down as literally as possible, recursion and all, over a list of leaf
 * hashes. Slow on purpose: it shares no code or shortcuts with the implementation under test.
 */
final class ReferenceTree {

    private final List<byte[]> leafHashes;

    ReferenceTree(List<byte[]> leafHashes) {
        this.leafHashes = leafHashes;
    }

    /** MTH(D[0:n]). */
    byte[] root(int n) {
        return mth(0, n);
    }

    /** MTH(D[lo:hi]). */
    byte[] mth(int lo, int hi) {
        int n = hi - lo;
        if (n == 0) {
            return MerkleHash.emptyRoot();
        }
        if (n == 1) {
            return leafHashes.get(lo);
        }
        int k = largestPowerOfTwoBelow(n);
        return MerkleHash.node(mth(lo, lo + k), mth(lo + k, hi));
    }

    /** PATH(m, D[0:n]). */
    List<byte[]> path(int m, int n) {
        return path(m, 0, n);
    }

    private List<byte[]> path(int m, int lo, int hi) {
        int n = hi - lo;
        List<byte[]> result = new ArrayList<>();
        if (n == 1) {
            return result;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m < k) {
            result.addAll(path(m, lo, lo + k));
            result.add(mth(lo + k, hi));
        } else {
            result.addAll(path(m - k, lo + k, hi));
            result.add(mth(lo, lo + k));
        }
        return result;
    }

    /** PROOF(m, D[0:n]); empty for m == 0 or m == n. */
    List<byte[]> proof(int m, int n) {
        if (m == 0 || m == n) {
            return new ArrayList<>();
        }
        return subproof(m, 0, n, true);
    }

    private List<byte[]> subproof(int m, int lo, int hi, boolean b) {
        int n = hi - lo;
        List<byte[]> result = new ArrayList<>();
        if (m == n) {
            if (!b) {
                result.add(mth(lo, hi));
            }
            return result;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            result.addAll(subproof(m, lo, lo + k, b));
            result.add(mth(lo + k, hi));
        } else {
            result.addAll(subproof(m - k, lo + k, hi, false));
            result.add(mth(lo, lo + k));
        }
        return result;
    }

    private static int largestPowerOfTwoBelow(int n) {
        int k = 1;
        while (k * 2 < n) {
            k *= 2;
        }
        return k;
    }
}
