package dev.ferry.archive.pgp;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.bcpg.BCPGInputStream;
import org.bouncycastle.bcpg.InputStreamPacket;
import org.bouncycastle.bcpg.Packet;

/**
 * Names what is wrong with a part's outer OpenPGP framing, without the key: an ASCII-armoured part, or bytes after the
 * end of its one OpenPGP message. A reader asks only once a part has failed a check, so that the refusal names this
 * cause rather than the size or the symptom that revealed it.
 */
public final class PartFraming {
    private static final byte[] ARMOUR = "-----BEGIN PGP".getBytes(StandardCharsets.US_ASCII);
    /** Armour may follow blank lines; any more than this before the header line is not armour. */
    private static final int ARMOUR_SEARCH = 256;

    private PartFraming() {
    }

    /**
     * Why a part whose size differs from the manifest's breaks the format, or null if its framing does not tell: it is
     * ASCII-armoured, or it holds a whole OpenPGP message of exactly the listed size followed by more bytes.
     */
    public static String sizeProblem(Path file, long listedSize) {
        try {
            if (armoured(file)) {
                return armouredReason();
            }
            long size = Files.size(file);
            // Only a message ending exactly where the manifest says the part ends shows bytes appended to it; an
            // earlier end may be a length header altered in place.
            return size > listedSize && messageEnd(file) == listedSize ? trailingReason(size - listedSize) : null;
        } catch (IOException e) {
            return null;
        }
    }

    static String armouredReason() {
        return "it is ASCII-armoured (it begins with '-----BEGIN PGP'), but a part must be a binary OpenPGP message";
    }

    static String trailingReason(long bytes) {
        return bytes + (bytes == 1 ? " byte follows" : " bytes follow") + " the end of its OpenPGP message; a part must be exactly"
                + " one OpenPGP message";
    }

    /** Whether the file starts, after optional whitespace, with an armour header line. */
    static boolean armoured(Path file) throws IOException {
        byte[] head = new byte[ARMOUR_SEARCH + ARMOUR.length];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        int i = 0;
        while (i < n && i < ARMOUR_SEARCH && Character.isWhitespace(head[i])) {
            i++;
        }
        if (n - i < ARMOUR.length) {
            return false;
        }
        for (int k = 0; k < ARMOUR.length; k++) {
            if (head[i + k] != ARMOUR[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Where the OpenPGP message ends: after the first encrypted-data packet, whose body is read (not decrypted) through
     * its length framing. -1 if the packets cannot be parsed, or the file ends before an encrypted-data packet.
     */
    static long messageEnd(Path file) {
        try (CountingInputStream counted = new CountingInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
                BCPGInputStream packets = new BCPGInputStream(counted)) {
            while (packets.nextPacketTag() >= 0) {
                Packet packet = packets.readPacket();
                if (packet instanceof InputStreamPacket data) {
                    InputStream body = data.getInputStream();
                    byte[] sink = new byte[1 << 16];
                    while (body.read(sink) >= 0) {
                        // read through the body's length framing to its end
                    }
                    return counted.count();
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

}
