/**
 * The ledger as a transparency log, served: the integrator and the checkpoint signer wired to the
 * store, the signing key, the C2SP tiles and checkpoints under {@code /tlog}, proofs for entries,
 * withholding a payload (admin; the payload then answers 451, its leaf unchanged), the background
 * audit and the {@code tlog} health component.
 */
package uk.crcledger.api.tlog;
