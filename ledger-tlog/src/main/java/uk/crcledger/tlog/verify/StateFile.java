package uk.crcledger.tlog.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** The checkpoint a verifier saw last time: the whole signed note, as the server sent it. */
final class StateFile {

    private final Path file;

    StateFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    Optional<String> read() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new FetchException("could not read the state file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes a temporary file beside the state file and moves it over it, so a crash leaves the old or the new one. */
    void write(String note) {
        Path absolute = file.toAbsolutePath();
        Path dir = absolute.getParent();
        Path temporary = null;
        try {
            temporary = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
            Files.writeString(temporary, note, StandardCharsets.UTF_8);
            try (var channel = java.nio.channels.FileChannel.open(temporary, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            temporary = null;
        } catch (IOException e) {
            throw new FetchException("could not save the checkpoint to the state file " + file + ": " + e, e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }
}
