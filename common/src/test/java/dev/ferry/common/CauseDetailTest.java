package dev.ferry.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What of a library's exception an operator may read: its human words, never a class name. */
class CauseDetailTest {
    @Test
    void aHumanMessageIsKept() {
        assertEquals(Optional.of("unknown object in stream: 47"), CauseDetail.of(new IOException("unknown object in stream: 47")));
        assertEquals(" (Unknown frame descriptor)", CauseDetail.parenthesised(new IOException("Unknown frame descriptor")));
    }

    @Test
    void anExceptionWithoutMessageGivesNothingRatherThanItsClassName() {
        assertEquals(Optional.empty(), CauseDetail.of(new EOFException()));
        assertEquals("", CauseDetail.parenthesised(new EOFException()));
    }

    @Test
    void aCausesToStringCopiedIntoAWrapperLosesTheClassName() {
        IOException wrapped = new IOException(new EOFException("premature end of stream in PartialInputStream"));
        assertEquals("java.io.EOFException: premature end of stream in PartialInputStream", wrapped.getMessage());
        assertEquals(Optional.of("premature end of stream in PartialInputStream"), CauseDetail.of(wrapped));
        assertEquals(Optional.empty(), CauseDetail.of(new UncheckedIOException(new IOException((String) null))));
    }

    @Test
    void theJdksBoundsAndNullMessagesAreSymptomsNotCauses() {
        assertEquals(Optional.empty(), CauseDetail.of(new ArrayIndexOutOfBoundsException(7)));
        assertEquals(Optional.empty(), CauseDetail.of(new IllegalStateException("Index 7 out of bounds for length 4")));
        assertEquals(Optional.empty(), CauseDetail.of(new NullPointerException("Cannot invoke \"Object.toString()\" because \"x\" is null")));
    }

    @Test
    void aMessageNamingAClassIsSkippedForAHumanOneFurtherDown() {
        Exception e = new RuntimeException("failed in org.bouncycastle.openpgp.PGPObjectFactory", new IOException("invalid header encountered"));
        assertEquals(Optional.of("invalid header encountered"), CauseDetail.of(e));
        assertEquals(Optional.empty(), CauseDetail.of(new IOException("PGPException thrown")));
    }

    @Test
    void classNamesAreRecognisedButOrdinaryTextIsNot() {
        assertTrue(CauseDetail.namesAClass("java.io.EOFException"));
        assertTrue(CauseDetail.namesAClass("it failed (ArrayIndexOutOfBoundsException)"));
        assertFalse(CauseDetail.namesAClass("part-0001.gpg: its SHA-256 differs from the manifest's"));
        assertFalse(CauseDetail.namesAClass("manifest.json.sig: Error reading the file"));
    }

    @Test
    void theChainIsSearched() {
        assertTrue(CauseDetail.inChain(new IOException(new UncheckedIOException(new EOFException())), EOFException.class));
        assertFalse(CauseDetail.inChain(new IOException("x"), EOFException.class));
    }
}
